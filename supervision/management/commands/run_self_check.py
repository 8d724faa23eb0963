"""Daily cron: warn each organisation's staff about empty and stale columns, overdue requests and messages."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import CATALOG_KINDS, Organisation
from supervision.services import run_self_check


class Command(BaseCommand):
    help = _("每日自查：向各机构工作人员提示空白栏目、未更新栏目、超期申请和留言（每天每个机构只提醒一次）。")

    def add_arguments(self, parser):
        parser.add_argument("--date", type=dt.date.fromisoformat, help=_("检查日期（默认今天），YYYY-MM-DD"))

    def handle(self, *args, **options):
        today = options["date"] or timezone.localdate()
        organisations = Organisation.objects.active().filter(kind__in=CATALOG_KINDS).in_tree_order()
        checked = run_self_check(organisations, today)
        self.stdout.write(f"{today}: checked {checked} organisation(s)")
