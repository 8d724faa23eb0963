"""Daily cron job: e-mail handlers about requests due within 3 working days or overdue (once per request per day)."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from requests_app.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail request handlers about requests due within 3 working days or overdue; safe to run repeatedly."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=dt.date.fromisoformat, help="treat this day as today (YYYY-MM-DD)")

    def handle(self, *args, date=None, **options):
        today = date or timezone.localdate()
        sent = send_reminders(today)
        self.stdout.write(f"{today}: {sent} reminder e-mail(s) sent")
