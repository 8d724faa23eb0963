import datetime as dt

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def indicator_value(indicator, value):
    """An indicator's value as people read it: 95.5%, 是/否, a date, or — where undefined."""
    if value is None:
        return "—"
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if indicator.unit == "percent":
        return f"{value:g}%"
    if indicator.unit == "yes_no":
        return _("是") if value else _("否")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@register.simple_tag
def workspace_supervision(user, cards):
    """The self-check warnings and open supervision orders of the workspace's organisations (three queries)."""
    from supervision.access import is_supervisor
    from supervision.models import SupervisionOrder
    from supervision.services import latest_warnings

    organisations = [card["organisation"] for card in cards]
    ids = [org.pk for org in organisations]
    warnings = latest_warnings(ids) if ids else {}
    today = timezone.localdate()
    orders = {}
    for order in SupervisionOrder.objects.open().filter(organisation_id__in=ids).order_by("deadline"):
        orders.setdefault(order.organisation_id, []).append((order, order.deadline < today))
    rows = [
        {"organisation": org, "warnings": warnings.get(org.pk, []), "orders": orders.get(org.pk, [])}
        for org in organisations
        if warnings.get(org.pk) or orders.get(org.pk)
    ]
    return {"rows": rows, "is_supervisor": is_supervisor(user)}
