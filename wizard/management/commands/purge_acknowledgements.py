"""Delete the acknowledgements of policy versions superseded longer ago than the retention
period (ACKNOWLEDGEMENT_RETENTION_DAYS, two years by default). Meant to run daily."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from wizard.rollout.services import acknowledgements_purge


class Command(BaseCommand):
    help = "Delete acknowledgements of versions superseded more than the retention period ago."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Retention in days (default {settings.ACKNOWLEDGEMENT_RETENTION_DAYS}).",
        )

    def handle(self, *args, days: int | None = None, **options) -> None:
        deleted = acknowledgements_purge(days=days)
        self.stdout.write(f"Deleted {deleted} acknowledgements.")
