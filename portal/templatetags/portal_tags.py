"""Display helpers shared by every app's templates."""

import datetime as dt

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal import workdays

register = template.Library()


@register.simple_tag
def workday_date(day: dt.date | None, fmt: str = "%Y-%m-%d"):
    """A date computed from the working-day calendar, marked 暂定 when its year is not yet confirmed."""
    if not day:
        return "—"
    text = day.strftime(fmt)
    if workdays.is_provisional(day):
        return format_html(
            '<time datetime="{}">{}</time> <span class="badge badge-provisional" title="{}">{}</span>',
            day.isoformat(),
            text,
            _("%(year)s 年节假日安排尚未公布，此日期按暂定日历计算") % {"year": day.year},
            _("暂定"),
        )
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), text)


@register.simple_tag
def calendar_warning_years():
    return workdays.unconfirmed_years(dt.date.today())


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination and sorting links)."""
    return query_string_with(context["request"].GET, **changes)


def query_string_with(query, **changes) -> str:
    """`query` (a QueryDict) with some parameters replaced or (None, "") removed, as "?…" ("?" when empty)."""
    params = query.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode() if params else "?"


@register.filter
def fields_with_errors(fields):
    """The bound fields that carry errors, from a form template's `fields` [(field, errors)] (error summary)."""
    return [field for field, errors in fields if errors]


@register.simple_tag
def slot_templates(slot: str) -> list[str]:
    """The fragments apps register for a named slot of a page (portal/registry.py `template_slots`):
    `{% slot_templates "disclosure.document_detail" as fragments %}{% for t in fragments %}{% include t %}…`."""
    from portal import registry

    return registry.slot_templates(slot)


@register.filter
def lang_zh(value):
    """Chinese data (a name, a title) put into a translated sentence: `{% blocktranslate with name=org.name|lang_zh %}`.

    The sentence keeps the page's language and the name inside it is marked `lang="zh-CN"` (WCAG 3.1.2), without
    changing the message id the translators work from. Escapes the value; empty values stay empty.
    """
    if value in (None, ""):
        return ""
    return format_html('<span lang="zh-CN">{}</span>', value)
