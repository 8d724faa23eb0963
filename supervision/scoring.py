"""Scoring rules of an evaluation scheme, as pure functions, and the scores of every organisation under a scheme.

A scheme is data the office edits (supervision.models.EvaluationScheme / SchemeIndicator): which indicator,
how many points, which rule. Nothing here names an indicator.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from supervision.models import RuleKind

STEP = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[=:：＝]\s*(\d+(?:\.\d+)?)\s*%?\s*$")


def parse_steps(text: str) -> list[tuple[float, float]]:
    """"95=100, 80=60" → [(95, 100), (80, 60)]; raises ValueError naming the bad part."""
    steps = []
    for part in re.split(r"[,，;；\n]+", text or ""):
        if not part.strip():
            continue
        match = STEP.match(part)
        if not match:
            raise ValueError(part.strip())
        steps.append((float(match.group(1)), float(match.group(2))))
    return steps


def fraction(rule: str, value, better: str, *, zero_at=None, full_at=None, steps=()) -> float:
    """Pure rule: the share (0–1) of an indicator's points a value earns. An undefined value earns nothing."""
    if value is None or isinstance(value, dt.date):
        return 0.0
    value = float(value)
    if rule == RuleKind.YES_NO:
        return 1.0 if (value > 0 if better == "higher" else value == 0) else 0.0
    if rule == RuleKind.THRESHOLDS:
        ordered = sorted(steps, key=lambda s: s[0], reverse=better == "higher")
        for bound, percent in ordered:
            if (value >= bound) if better == "higher" else (value <= bound):
                return max(0.0, min(percent, 100.0)) / 100
        return 0.0
    # Linear between the value worth nothing and the value worth full points (either order).
    if zero_at is None or full_at is None or float(zero_at) == float(full_at):
        return 0.0
    share = (value - float(zero_at)) / (float(full_at) - float(zero_at))
    return max(0.0, min(share, 1.0))


def points(indicator_rule, value, better: str) -> Decimal:
    """Points one SchemeIndicator gives a value (rounded to 0.01)."""
    share = fraction(
        indicator_rule.rule,
        value,
        better,
        zero_at=indicator_rule.zero_at,
        full_at=indicator_rule.full_at,
        steps=parse_steps(indicator_rule.steps) if indicator_rule.rule == RuleKind.THRESHOLDS else (),
    )
    return (indicator_rule.weight * Decimal(str(share))).quantize(Decimal("0.01"))


@dataclass
class Line:
    rule: object  # SchemeIndicator
    indicator: object  # indicators.Indicator or None when no installed app offers it any more
    value: object
    points: Decimal


@dataclass
class OrganisationScore:
    organisation: object
    lines: list[Line] = field(default_factory=list)
    total: Decimal = Decimal("0")
    rank: int = 0


def score(scheme, organisations, values: dict, known: dict) -> list[OrganisationScore]:
    """Scores of `organisations` under `scheme`, ranked (equal totals share a rank), from computed `values`."""
    rules = list(scheme.indicators.all())
    results = []
    for org in organisations:
        result = OrganisationScore(org)
        for rule in rules:
            indicator = known.get(rule.code)
            value = values.get(rule.code, {}).get(org.pk) if indicator else None
            earned = points(rule, value, indicator.better) if indicator else Decimal("0.00")
            result.lines.append(Line(rule, indicator, value, earned))
            result.total += earned
        results.append(result)
    results.sort(key=lambda r: (-r.total, r.organisation.path))
    previous, rank = None, 0
    for position, result in enumerate(results, start=1):
        if result.total != previous:
            rank, previous = position, result.total
        result.rank = rank
    return results


def scheme_period(scheme, today: dt.date) -> tuple[dt.date, dt.date]:
    return dt.date(scheme.year, 1, 1), min(dt.date(scheme.year, 12, 31), max(today, dt.date(scheme.year, 1, 1)))
