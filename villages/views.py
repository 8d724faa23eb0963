"""Public pages of village affairs (村务、居务公开): every query starts from the models' `public()` gates."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from catalog.models import CatalogItem
from portal.models import OrganisationKind
from villages.models import Column, VillageContact, VillageItem, grassroots

LATEST_PER_COLUMN = 5
PER_PAGE = 20
VILLAGES_PER_PAGE = 200


def public_villages():
    return grassroots().filter(is_active=True)


def _village(pk):
    return get_object_or_404(public_villages().select_related("parent"), pk=pk)


def _public_item(pk):
    return get_object_or_404(VillageItem.objects.public().select_related("village", "village__parent"), pk=pk)


def _latest_by_column(village, limit):
    """Each column's newest public items: one small query per column (four, whatever the data size)."""
    items = VillageItem.objects.public().filter(village=village).defer("body")
    return [(Column(value), list(items.filter(column=value)[:limit])) for value in Column.values]


@require_GET
def index(request):
    villages = public_villages().select_related("parent").order_by("parent__path", "sort_order", "path")
    page = Paginator(villages, VILLAGES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "villages/index.html", {"page_obj": page})


@require_GET
def village(request, pk):
    village = _village(pk)
    context = {
        "village": village,
        "columns": _latest_by_column(village, LATEST_PER_COLUMN),
        "contacts": VillageContact.objects.public().filter(village=village),
        "catalog_items": fulfilled_catalog_items(village),
    }
    return render(request, "villages/village.html", context)


@require_GET
def column(request, pk, column):
    if column not in Column.values:
        raise Http404
    village = _village(pk)
    items = VillageItem.objects.public().filter(village=village, column=column).defer("body")
    context = {
        "village": village,
        "column": Column(column),
        "page_obj": Paginator(items, PER_PAGE).get_page(request.GET.get("page")),
    }
    return render(request, "villages/column.html", context)


@require_GET
def item(request, pk):
    item = _public_item(pk)
    recipients = (
        Paginator(item.recipients.all(), 200).get_page(request.GET.get("page")) if item.is_benefit_list else None
    )
    context = {"item": item, "village": item.village, "recipients": recipients, "catalog_item": _catalog_item(item)}
    return render(request, "villages/item.html", context)


def _catalog_item(item):
    """The catalog item the matter fulfils, through the catalog's gate (its published name, never the working
    copy's; hidden if the township's catalog no longer shows it in any published version)."""
    if item.catalog_item_id is None:
        return None
    return CatalogItem.objects.ever_published().select_related("domain").filter(pk=item.catalog_item_id).first()


def fulfilled_catalog_items(village):
    """The catalog items the village's public matters name (the village page's link back to the catalog)."""
    named = VillageItem.objects.public().filter(village=village, catalog_item__isnull=False).values("catalog_item_id")
    return list(
        CatalogItem.objects.ever_published()
        .filter(pk__in=named)
        .select_related("domain")
        .order_by("domain__number", "sort_order")
    )


@require_GET
def village_board(request, pk):
    """The notice-board print (村务公开栏) of a village: the newest public item of every column and the contacts."""
    village = _village(pk)
    newest = [item.pk for _column, latest in _latest_by_column(village, 1) for item in latest]
    # The bodies and lists are printed: read them for those few items only.
    items = list(VillageItem.objects.public().filter(pk__in=newest).prefetch_related("recipients"))
    items.sort(key=lambda i: Column.values.index(i.column))
    contacts = VillageContact.objects.public().filter(village=village)
    context = {"village": village, "items": items, "contacts": contacts, "board_title": board_title(village)}
    return render(request, "villages/board.html", context)


@require_GET
def item_board(request, pk):
    """One item in the notice-board print layout (a benefit list for the 公示 on the board, with masked IDs)."""
    item = _public_item(pk)
    context = {"village": item.village, "items": [item], "contacts": [], "single": True}
    context["board_title"] = board_title(item.village)
    return render(request, "villages/board.html", context)


def board_title(village) -> str:
    """村务公开栏 for a village, 居务公开栏 for a community."""
    if village.kind == OrganisationKind.COMMUNITY:
        return _("%(name)s居务公开栏") % {"name": village.name}
    return _("%(name)s村务公开栏") % {"name": village.name}
