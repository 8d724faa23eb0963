"""Every indicator the supervising office sees: supervision's own (supervision/metrics.py) and those the feature
apps declare in their AppConfig as `supervision_indicators = "<app>.indicators"` (contract: INDICATORS.md in the
repository's docs/architecture.md). supervision imports no feature app by name for these: it discovers them.
"""

import datetime as dt
import importlib
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone

from supervision import cache, metrics

# Default red/amber/green bounds for discovered indicators that bring none: rates, and "lower is better" counts.
DEFAULT_RAG = {("percent", "higher"): (95, 80), ("count", "lower"): (0, 0)}


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    unit: str  # "count" | "percent" | "days" | "date" | "yes_no"
    better: str  # "higher" | "lower"
    group: str
    source: object  # the module computing it
    rag: tuple | None = None
    key: bool = False  # a column of the office's home table

    def colour(self, value) -> str:
        """"green" / "amber" / "red", or "" when the value has no bounds or is undefined."""
        return colour(value, self.better, self.rag)


def colour(value, better: str, bounds) -> str:
    """Pure rule: red/amber/green of a value against (green, amber) bounds."""
    if bounds is None or value is None or isinstance(value, dt.date):
        return ""
    green, amber = bounds
    if better == "higher":
        return "green" if value >= green else "amber" if value >= amber else "red"
    return "green" if value <= green else "amber" if value <= amber else "red"


def sources() -> list[tuple[str, object]]:
    """(group label, module) of supervision's own indicators, then of every app declaring `supervision_indicators`."""
    found = [(None, metrics)]
    for config in apps.get_app_configs():
        dotted = getattr(config, "supervision_indicators", None)
        if dotted:
            found.append((config.verbose_name, importlib.import_module(dotted)))
    return found


def all_indicators() -> list[Indicator]:
    result = []
    for group, module in sources():
        for code, label, unit, better in module.DEFINITIONS:
            if module is metrics:
                result.append(
                    Indicator(code, label, unit, better, metrics.GROUPS[code], module, metrics.RAG.get(code),
                              code in metrics.KEY)
                )  # fmt: skip
            else:
                bounds = getattr(module, "RAG", {}).get(code, DEFAULT_RAG.get((unit, better)))
                result.append(Indicator(code, label, unit, better, group, module, bounds, bounds is not None))
    return result


def by_code() -> dict[str, Indicator]:
    return {indicator.code: indicator for indicator in all_indicators()}


def key_indicators() -> list[Indicator]:
    return [indicator for indicator in all_indicators() if indicator.key]


def compute(organisation_ids, start: dt.date, end: dt.date, codes=None) -> dict[str, dict[int, object]]:
    """code → {organisation → value} for every indicator (or those of `codes`); each source computes once."""
    ids = list(organisation_ids)
    wanted = set(codes) if codes is not None else None
    values = {}
    for _group, module in sources():
        own = {code for code, *_rest in module.DEFINITIONS}
        if wanted is not None and not own & wanted:
            continue
        if module is metrics:  # the heavy one at a million documents: cached (supervision/cache.py)
            name = f"metrics:{start}:{end}:{timezone.localdate()}:{cache.ids_key(ids)}"
            computed = cache.cached(name, lambda: metrics.compute(ids, start, end))
        else:
            computed = module.compute(ids, start, end)
        for code in own:
            values[code] = {org: computed.get(code, {}).get(org) for org in ids}
    return values


def evidence(code: str, organisation_id: int, start: dt.date, end: dt.date) -> list[tuple[str, str]]:
    """(label, url) rows behind one number; a discovered app's queryset is turned into rows here."""
    indicator = by_code()[code]
    found = indicator.source.evidence(code, organisation_id, start, end)
    if isinstance(found, list):
        return [(str(label), url or "") for label, url in found]
    rows = []
    for obj in found[:500]:
        url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
        rows.append((str(obj), url))
    return rows


def self_check_all(organisation_ids, today: dt.date) -> dict[int, list[tuple[str, str, str]]]:
    """Every organisation's warnings: supervision's own (a fixed number of queries), then each app's."""
    warnings = metrics.self_check_all(list(organisation_ids), today)
    for _group, module in sources()[1:]:
        check = getattr(module, "self_check", None)
        if check is None:
            continue
        for org in warnings:
            warnings[org].extend(check(org, today))
    return warnings
