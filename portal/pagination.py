"""Pages that never count: staff lists and admin changelists over tables of a million rows (issue #17).

Django's `Paginator` and the admin's changelist run `SELECT COUNT(*)` over the whole filtered result on
every page, for the "page 3 of 4,210" bar and "12,345 results": at 1M documents that count was most of a
staff page's database time (0.7–3.4 s). Here a page fetches `per_page + 1` rows at its offset: the extra row
says whether there is a next page, and nothing is counted. The bar shows "第 N 页" with previous / next.

- `paginate(queryset, page_number, per_page)` for staff list views: returns an `UncountedPage`, which the
  shared `includes/pagination.html` renders (it asks `page_obj.is_uncounted`).
- `UncountedAdminMixin` for every ModelAdmin over a big table (documents, requests, messages, events, the
  audit log): no count in the paginator, the search box, the action bar or the filters' facets, and no
  `date_hierarchy` (whose year links are a `SELECT DISTINCT` over the table); `YearListFilter` replaces it
  with fixed year ranges that an index on the date column serves.

Offsets are fine for staff lists (people read the first pages and filter for the rest); the public lists,
which crawlers walk to the end, use keyset pages (`disclosure/pagination.py`).
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib import admin
from django.contrib.admin.views.main import PAGE_VAR, ChangeList
from django.core.paginator import InvalidPage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A page number past this is refused (the first page is shown): OFFSET reads and discards every row before it
# (admin documents at 1M: page 200 of 100 rows took 98 ms in the database, page 1 3 ms). Filters narrow the rest.
MAX_PAGE = 100


def page_number(raw) -> int:
    """The requested page as a number from 1 to MAX_PAGE; anything else (missing, junk, 0, huge) is page 1."""
    try:
        number = int(str(raw))
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= MAX_PAGE else 1


@dataclass
class UncountedPage:
    """What templates ask of a Django `Page`, without the paginator's count."""

    object_list: list
    number: int
    has_next: bool
    per_page: int
    is_uncounted = True

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def __bool__(self):
        return bool(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_previous() or self.has_next

    def next_page_number(self):
        if not self.has_next:
            raise InvalidPage("That page contains no results")
        return self.number + 1

    def previous_page_number(self):
        if not self.has_previous():
            raise InvalidPage("That page number is less than 1")
        return self.number - 1

    def start_index(self):
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0

    def end_index(self):
        return (self.number - 1) * self.per_page + len(self.object_list)


def fetch_page(queryset, number: int, per_page: int) -> tuple[list, bool]:
    """Rows of page `number` (1-based) and whether a next page exists: one query, `per_page + 1` rows."""
    offset = (number - 1) * per_page
    rows = list(queryset[offset : offset + per_page + 1])
    return rows[:per_page], len(rows) > per_page


def paginate(queryset, raw_page_number, per_page: int) -> UncountedPage:
    """One page of `queryset` for a staff list; a page past the end shows the first page again (as `get_page`)."""
    number = page_number(raw_page_number)
    rows, has_next = fetch_page(queryset, number, per_page)
    if not rows and number > 1:
        number = 1
        rows, has_next = fetch_page(queryset, number, per_page)
    return UncountedPage(object_list=rows, number=number, has_next=has_next, per_page=per_page)


class UncountedChangeList(ChangeList):
    """The admin's changelist without its COUNT: `per_page + 1` rows at the page's offset, no "show all"."""

    def get_results(self, request):
        number = self.page_num if 1 <= self.page_num <= MAX_PAGE else 1
        rows, has_next = fetch_page(self.queryset, number, self.list_per_page)
        if not rows and number > 1:  # past the end (a bookmark, fewer rows now): the first page
            number = 1
            rows, has_next = fetch_page(self.queryset, number, self.list_per_page)
        self.page_num = number
        self.result_list = rows
        self.has_next = has_next
        # What the admin's own templates and changelist_view read; "result_count" is what this page holds.
        self.result_count = len(rows)
        self.full_result_count = None
        self.show_full_result_count = False
        self.show_admin_actions = True
        self.can_show_all = False
        self.show_all = False
        self.multi_page = has_next or number > 1
        self.paginator = None

    def previous_url(self):
        if self.page_num <= 1:
            return None
        return self.get_query_string({PAGE_VAR: self.page_num - 1 if self.page_num > 2 else None})

    def next_url(self):
        return self.get_query_string({PAGE_VAR: self.page_num + 1}) if self.has_next else None


class YearListFilter(admin.SimpleListFilter):
    """A bounded date hierarchy: this year and the previous ones as fixed choices (no query for the choices),
    each a date range on `field_name` that its index serves. Subclass with `field_name` and `title`."""

    title = _("年份")
    parameter_name = "year_of"
    field_name = None
    years = 12

    def lookups(self, request, model_admin):
        this_year = timezone.localdate().year
        return [(str(year), str(year)) for year in range(this_year, this_year - self.years, -1)]

    def queryset(self, request, queryset):
        try:
            year = int(self.value() or "")
        except ValueError:
            return queryset
        field = self.field_name
        model_field = queryset.model._meta.get_field(field)
        if isinstance(model_field, models.IntegerField):  # a year column
            return queryset.filter(**{field: year})
        if isinstance(model_field, models.DateTimeField):
            start = timezone.make_aware(dt.datetime(year, 1, 1))
            end = timezone.make_aware(dt.datetime(year + 1, 1, 1))
            return queryset.filter(**{f"{field}__gte": start, f"{field}__lt": end})
        return queryset.filter(**{f"{field}__gte": f"{year}-01-01", f"{field}__lt": f"{year + 1}-01-01"})


def year_filter(field_name: str, title=None, parameter=None):
    """A `YearListFilter` on `field_name` (the query parameter is `parameter`, by default `<field>_year`)."""
    attributes = {"field_name": field_name, "parameter_name": parameter or f"{field_name}_year"}
    if title is not None:
        attributes["title"] = title
    return type(f"{field_name.title().replace('_', '')}YearFilter", (YearListFilter,), attributes)


class UncountedAdminMixin:
    """For every ModelAdmin over a big table: nothing on its changelist counts the table."""

    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    actions_selection_counter = False
    date_hierarchy = None
    change_list_template = "admin/uncounted_change_list.html"

    def get_changelist(self, request, **kwargs):
        return UncountedChangeList
