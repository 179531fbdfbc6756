"""Export one policy to a file, for batch work and support.

python manage.py export_policy 42 --format pdf -o beleid.pdf
python manage.py export_policy 42 --format md -o -        # to standard output
python manage.py export_policy 42 --user hr               # only if user hr may see it

Whoever runs manage.py can read the database anyway, so without --user every policy is
exported. With --user the same membership rule as the download links applies: a policy of an
organisation the user does not belong to is "not found", exactly like a missing one.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from wizard.exports.formats import EXPORT_FORMATS, export_filename, policy_export_file
from wizard.policies.models import AuditEvent, Policy
from wizard.printing import ExportError


class Command(BaseCommand):
    help = (
        "Export a policy as PDF, Word, HTML or Markdown, in the policy's own language. "
        "Like the download links, it refuses a policy that does not fit on one A4 page."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("policy_id", type=int, help="id of the policy")
        parser.add_argument("--format", dest="fmt", choices=sorted(EXPORT_FORMATS), default="pdf")
        parser.add_argument(
            "-o",
            "--output",
            help="file to write, '-' for standard output "
            "(default: the download's file name, in the current folder)",
        )
        parser.add_argument(
            "--user",
            dest="username",
            help="export on behalf of this user: only policies of their organisations",
        )

    def handle(
        self,
        *args,
        policy_id: int,
        fmt: str,
        output: str | None,
        username: str | None = None,
        **options,
    ) -> None:
        actor = None
        policies = Policy.objects.select_related("organisation")
        if username:
            actor = get_user_model().objects.filter(username=username).first()
            if actor is None:
                raise CommandError(f"There is no user {username!r}.")
            policies = Policy.objects.visible_to(actor)
        policy = policies.filter(pk=policy_id).first()
        if policy is None:
            raise CommandError(f"There is no policy with id {policy_id}.")
        try:
            data = policy_export_file(policy, fmt)
        except ExportError as error:
            raise CommandError(error.message) from error
        if output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            target = "standard output"
        else:
            path = Path(output or export_filename(policy, EXPORT_FORMATS[fmt].extension))
            try:
                path.write_bytes(data)
            except OSError as error:
                raise CommandError(f"Cannot write {path}: {error}") from error
            target = str(path)
        AuditEvent.objects.create(
            organisation=policy.organisation,
            policy=policy,
            actor=actor,
            action=AuditEvent.Action.EXPORT,
            detail=f"{fmt} (command line)",
        )
        self.stderr.write(f"Exported policy {policy.pk} as {fmt} to {target} ({len(data)} bytes).")
