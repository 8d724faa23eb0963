from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal.importing import import_organisations, read_rows


class Command(BaseCommand):
    help = "Import organisations from a CSV or xlsx file (columns: 名称, 简称, 类型, 上级机构, 统一社会信用代码, 办公地址, 联系电话)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, path: Path, **options):
        if not path.exists():
            raise CommandError(_("文件不存在：%(path)s") % {"path": path})
        try:
            rows = read_rows(path)
        except ValueError as error:  # the file as a whole: encoding, header, size limits, not a workbook
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(
                _("无法读取文件：%(path)s（%(reason)s）") % {"path": path, "reason": error.strerror}
            ) from error
        result = import_organisations(rows)
        if result.errors:
            for message in result.errors:
                self.stderr.write(message)
            raise CommandError(_("共 %(n)d 处错误，未导入任何机构。") % {"n": len(result.errors)})
        done = _("导入完成：新增 %(created)d 个，更新 %(updated)d 个。") % {
            "created": result.created,
            "updated": result.updated,
        }
        self.stdout.write(self.style.SUCCESS(done))
