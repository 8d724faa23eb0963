"""Daily cron: write yesterday's (and any earlier unflushed) visit counters from the cache into DailyVisits."""

from django.core.management.base import BaseCommand, CommandError

from portal.caching import CacheUnavailable
from sitereport import visits


class Command(BaseCommand):
    help = "Write the finished days' visit counters from the cache into DailyVisits (idempotent)."

    def handle(self, *args, **options):
        try:
            written = visits.flush()
        except CacheUnavailable as error:
            raise CommandError("cache unavailable; the counters stay in the cache for the next run") from error
        for row in written:
            self.stdout.write(f"{row.day}: {row.visits} visits, {row.visitors} visitors")
        self.stdout.write(f"{len(written)} day(s) written")
