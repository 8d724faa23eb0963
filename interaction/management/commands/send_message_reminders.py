"""Daily cron job: remind those answering messages before and after the deadline (once per message per day)."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from interaction.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail message handlers about messages due soon or overdue; safe to run repeatedly."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=dt.date.fromisoformat, help="treat this day as today (YYYY-MM-DD)")

    def handle(self, *args, date=None, **options):
        today = date or timezone.localdate()
        self.stdout.write(f"{today}: {send_reminders(today)} reminder e-mail(s) sent")
