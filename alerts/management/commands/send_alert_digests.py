"""Run daily from cron: e-mail each confirmed subscriber what was published since their last digest."""

from django.core.management.base import BaseCommand

from alerts import services


class Command(BaseCommand):
    help = "Send the daily e-mail alert digests (safe to repeat: each document is announced once)."

    def handle(self, *args, **options):
        counts = services.send_digests()
        self.stdout.write(
            "alerts: {sent} sent, {failed} failed (retried next run), {nothing_new} with nothing new, "
            "{expired} unconfirmed removed".format(**counts)
        )
