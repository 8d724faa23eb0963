"""Pages of API lists without counting: keyset pages for documents, cursor pages for the smaller tables.

Documents use the same keyset pagination as the public list (`disclosure/pagination.py`): the cursor is
the last row's (published_on, pk), so any page costs what the first costs and nothing is counted. The
other lists (catalog versions, clean-up batches and entries) use DRF's cursor pagination on the primary
key, which does not count either.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination, CursorPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from disclosure.pagination import paginate

MAX_PAGE_SIZE = 100


def page_size(request, default: int) -> int:
    raw = request.query_params.get("page_size")
    if raw is None:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
        raise ValidationError({"page_size": [_("每页条数应为 1 到 %(max)d 的整数。") % {"max": MAX_PAGE_SIZE}]})
    return int(raw)


def _page_schema(schema, cursor_description):
    return {
        "type": "object",
        "required": ["next", "previous", "results"],
        "properties": {
            "next": {"type": "string", "format": "uri", "nullable": True, "description": cursor_description},
            "previous": {"type": "string", "format": "uri", "nullable": True},
            "results": schema,
        },
    }


class KeysetPagination(BasePagination):
    """`?after=<cursor>` continues past a row, `?before=<cursor>` goes back; links come in `next`/`previous`."""

    default_page_size = 20

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page = paginate(
            queryset,
            after=request.query_params.get("after"),
            before=request.query_params.get("before"),
            per_page=page_size(request, self.default_page_size),
            newest_first=getattr(view, "newest_first", True),
        )
        return self.page.object_list

    def _link(self, param, cursor):
        if cursor is None:
            return None
        url = self.request.build_absolute_uri()
        other = "before" if param == "after" else "after"
        return replace_query_param(remove_query_param(url, other), param, cursor)

    def get_paginated_response(self, data):
        return Response(
            {
                "next": self._link("after", self.page.next_cursor),
                "previous": self._link("before", self.page.previous_cursor),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return _page_schema(schema, "The next page; null on the last one. Nothing is counted.")

    def get_schema_operation_parameters(self, view):
        cursor = {"type": "string"}  # any string: an unreadable cursor gives the first page, as on the list page
        return [
            {"name": "after", "in": "query", "required": False, "schema": cursor,
             "description": "Cursor of the last row seen (from `next`)."},
            {"name": "before", "in": "query", "required": False, "schema": cursor,
             "description": "Cursor of the first row seen (from `previous`)."},
            {"name": "page_size", "in": "query", "required": False,
             "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}},
        ]  # fmt: skip


class IdCursorPagination(CursorPagination):
    """Newest first by primary key; an unreadable cursor is a 404 (DRF's rule)."""

    ordering = "-pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        return page_size(request, self.page_size)

    def get_paginated_response_schema(self, schema):
        return _page_schema(schema, "The next page; null on the last one.")

    def get_schema_operation_parameters(self, view):
        return [
            {"name": "cursor", "in": "query", "required": False, "schema": {"type": "string"},
             "description": "Opaque cursor from `next`/`previous`."},
            {"name": "page_size", "in": "query", "required": False,
             "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}},
        ]  # fmt: skip
