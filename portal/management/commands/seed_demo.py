"""Build the demo: organisations, staff for every role, then each installed app's `demo.seed` in the order
their AppConfig.demo_after gives (portal/registry.py); later steps use what earlier ones made (`context`).

Idempotent: a second run finds everything in place and changes nothing.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from portal.registry import demo_modules


class Command(BaseCommand):
    help = "Seed a realistic demo (idempotent) and print the demo accounts."

    def handle(self, *args, **options):
        context: dict = {}
        with transaction.atomic():
            for module in demo_modules():
                module.seed(context, self.stdout)
        from portal.demo import DEMO_PASSWORD

        self.stdout.write(self.style.SUCCESS("演示数据已就绪。Demo data ready."))
        self.stdout.write(f"所有演示账号的密码 / password for every demo account: {DEMO_PASSWORD}")
        for username, full_name in context.get("accounts", []):
            self.stdout.write(f"  {username:<14} {full_name}")
