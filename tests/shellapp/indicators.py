"""The throwaway app's indicators for supervision (the contract every feature app follows): widgets per organisation."""

from django.db.models import Count, Q

from tests.shellapp.models import Widget

DEFINITIONS = [
    ("shell_widgets", "已发布部件", "count", "higher"),
    ("shell_drafts", "未发布部件", "count", "lower"),
]


def compute(organisation_ids, start, end):
    out = {code: dict.fromkeys(organisation_ids, 0) for code, *_rest in DEFINITIONS}
    rows = (
        Widget.objects.filter(organisation_id__in=organisation_ids)
        .values("organisation_id")
        .annotate(
            published=Count("pk", filter=Q(status=Widget.Status.PUBLISHED)),
            drafts=Count("pk", filter=~Q(status=Widget.Status.PUBLISHED)),
        )
    )
    for row in rows:
        out["shell_widgets"][row["organisation_id"]] = row["published"]
        out["shell_drafts"][row["organisation_id"]] = row["drafts"]
    return out


def evidence(code, organisation_id, start, end):
    widgets = Widget.objects.filter(organisation_id=organisation_id).order_by("pk")
    if code == "shell_widgets":
        return widgets.filter(status=Widget.Status.PUBLISHED)
    return widgets.exclude(status=Widget.Status.PUBLISHED)


def self_check(organisation_id, today):
    drafts = Widget.objects.filter(organisation_id=organisation_id).exclude(status=Widget.Status.PUBLISHED).count()
    return [("veto", f"有{drafts}个部件未发布", "/shell/")] if drafts else []
