"""The shape of a job run once a day: for today, or with `--date` as if it were that day."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError


class DailyCommand(BaseCommand):
    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="the day to run for, YYYY-MM-DD (default: today)")

    def handle(self, *args, date: str | None = None, **options) -> None:
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"--date: {error}") from error
        self.stdout.write(self.run_for(today))

    def run_for(self, today: datetime.date | None) -> str:
        """Do the day's work (`today` None: the local date); return the line to print."""
        raise NotImplementedError
