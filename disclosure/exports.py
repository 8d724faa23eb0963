"""CSV and xlsx downloads of the public document list and of search results, with the visitor's filters.

Capped at EXPORT_CAP rows (the newest first, or the list's chosen order; search keeps its ranking): a
bigger set is narrowed with the filters, as on the list page. The CSV streams row by row from one query
(`iterator`); the xlsx is built in openpyxl's write-only mode. Every text goes through
`portal.spreadsheets`, so a title like `=HYPERLINK(…)` arrives as text.
"""

import csv
import io

from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook

from disclosure.models import Validity
from portal.downloads import XLSX, attachment_response
from portal.spreadsheets import append_row, csv_row

EXPORT_CAP = 5000
# Columns a row shows; the body and search tokens stay in the database.
EXPORT_ONLY = ("pk", "title", "document_number", "index_number", "doc_type", "topic", "published_on", "validity",
               "validity_changed_on", "organisation__name", "domain__name")  # fmt: skip


def headings() -> list[str]:
    return [_("标题"), _("文号"), _("索引号"), _("发布机构"), _("所属领域"), _("文件类型"), _("主题分类"),
            _("发布日期"), _("有效性"), _("失效或废止日期"), _("网址")]  # fmt: skip


def document_row(document, build_url) -> list:
    return [
        document.title,
        document.document_number,
        document.index_number or "",
        document.organisation.name,
        document.domain.name if document.domain_id else "",
        str(document.get_doc_type_display()),
        document.topic,
        document.published_on,
        str(Validity(document.validity_now().state).label),
        document.validity_changed_on or "",
        build_url(document.get_absolute_url()),
    ]


def _rows(documents, build_url):
    """The heading row, then at most EXPORT_CAP documents read in chunks from one query."""
    yield headings()
    for document in documents[:EXPORT_CAP].iterator(chunk_size=500):
        yield document_row(document, build_url)


class _Line:
    """A file-like target for csv.writer that hands back each written line."""

    def write(self, value):
        return value


def csv_response(documents, build_url, filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Line())

    def lines():
        yield "\ufeff"  # a BOM, so Excel and WPS read the file as UTF-8
        for row in _rows(documents, build_url):
            yield writer.writerow(csv_row("" if value is None else value for value in row))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def xlsx_response(documents, build_url, filename: str, sheet_title: str):
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title)
    for row in _rows(documents, build_url):
        append_row(sheet, row)
    buffer = io.BytesIO()
    book.save(buffer)
    return attachment_response(buffer.getvalue(), XLSX, filename)
