"""Export one policy to a file, for batch work and support.

python manage.py export_policy 42 --format pdf -o beleid.pdf
python manage.py export_policy 42 --format md -o -        # to standard output
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wizard.export import EXPORT_FORMATS, ExportError, export_filename, policy_export_file
from wizard.models import AuditEvent, Policy


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

    def handle(self, *args, policy_id: int, fmt: str, output: str | None, **options) -> None:
        policy = Policy.objects.select_related("organisation").filter(pk=policy_id).first()
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
            actor=None,
            action=AuditEvent.Action.EXPORT,
            detail=f"{fmt} (command line)",
        )
        self.stderr.write(f"Exported policy {policy.pk} as {fmt} to {target} ({len(data)} bytes).")
