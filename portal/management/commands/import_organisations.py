from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.importing import import_organisations, read_rows


class Command(BaseCommand):
    help = "Import organisations from a CSV or xlsx file (columns: 名称, 简称, 类型, 上级机构, 统一社会信用代码, 办公地址, 联系电话)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, path: Path, **options):
        if not path.exists():
            raise CommandError(f"文件不存在：{path}")
        try:
            rows = read_rows(path)
        except ValueError as error:  # the file as a whole: encoding, header, size limits, not a workbook
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"无法读取文件：{path}（{error.strerror}）") from error
        result = import_organisations(rows)
        if result.errors:
            for message in result.errors:
                self.stderr.write(message)
            raise CommandError(f"共 {len(result.errors)} 处错误，未导入任何机构。")
        self.stdout.write(self.style.SUCCESS(f"导入完成：新增 {result.created} 个，更新 {result.updated} 个。"))
