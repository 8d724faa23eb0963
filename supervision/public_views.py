"""Public pages: each organisation's statistics, demonstration zones and points, published notices.

Documents are counted through `Document.objects.public()` only; requests are counted, never shown.
"""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import CATALOG_KINDS, Organisation
from supervision import charts, trends
from supervision.models import Demonstration, Notice


def home(request):
    """监督与统计: demonstration zones and points, published notices, and every office's statistics page."""
    organisations = Organisation.objects.active().filter(kind__in=CATALOG_KINDS).in_tree_order()
    return render(
        request,
        "supervision/public_home.html",
        {
            "demonstrations": Demonstration.objects.public().select_related("organisation")[:20],
            "notices": Notice.objects.public().select_related("organisation")[:5],
            "organisations": organisations,
        },
    )


def statistics(request, org_pk):
    organisation = get_object_or_404(Organisation.objects.active(), pk=org_pk)
    series = trends.monthly(timezone.localdate(), [organisation.pk], n=12)
    rows = list(zip(series["labels"], series["documents"], series["answered"], series["on_time"],
                    series["on_time_rate"], strict=True))  # fmt: skip
    return render(
        request,
        "supervision/statistics.html",
        {
            "organisation": organisation,
            "rows": rows,
            "total_documents": sum(series["documents"]),
            "total_answered": sum(series["answered"]),
            "total_on_time": sum(series["on_time"]),
            "publication_chart": charts.bar_chart(str(_("每月发布文件数")), series["labels"], series["documents"]),
            "on_time_chart": charts.line_chart(str(_("每月申请按期答复率")), series["labels"], series["on_time_rate"]),
        },
    )


def demonstrations(request):
    listing = Demonstration.objects.public().select_related("organisation")
    return render(request, "supervision/public_demonstrations.html", {"demonstrations": listing})


def notices(request):
    page = Paginator(Notice.objects.public().select_related("organisation"), 30).get_page(request.GET.get("page"))
    return render(request, "supervision/public_notices.html", {"page_obj": page})
