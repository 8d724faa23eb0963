"""Build the demo: organisations, staff for every role, then each feature app's demo data.

Idempotent: a second run finds everything in place and changes nothing.
"""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

# Order matters: later steps use what earlier ones made (passed along in `context`).
DEMO_STEPS = ["portal.demo", "catalog.demo", "disclosure.demo", "requests_app.demo"]


def demo_modules():
    for name in DEMO_STEPS:
        try:
            yield importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise


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
