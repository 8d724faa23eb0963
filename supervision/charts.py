"""Server-rendered SVG charts: markup only (presentation attributes and classes, no inline style or script), so
the strict CSP stays as it is and no chart library or CDN is needed. Pure functions of the numbers."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 14, 34


def _frame(title: str, body: list[str], labels: list[str], top_value: float, unit: str) -> str:
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for i in range(5):
        y = TOP + plot_h * i / 4
        value = top_value * (4 - i) / 4
        text = f"{value:.0f}{unit}"
        parts.append(f'<line class="grid" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}"/>')
        parts.append(f'<text class="axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(text)}</text>')
    step = _step(len(labels))
    for i, label in enumerate(labels):
        if i % step == 0:
            x = _x(i, len(labels))
            parts.append(f'<text class="axis" x="{x:.1f}" y="{HEIGHT - 12}" text-anchor="middle">{escape(label)}</text>')
    parts.extend(body)
    parts.append("</svg>")
    return "".join(parts)


def _step(n: int) -> int:
    return max(1, -(-n // 8))  # at most 8 month labels, so they never overlap


def _x(i: int, n: int) -> float:
    plot_w = WIDTH - LEFT - RIGHT
    return LEFT + plot_w * (i + 0.5) / max(n, 1)


def _y(value: float, top_value: float) -> float:
    plot_h = HEIGHT - TOP - BOTTOM
    return TOP + plot_h * (1 - (value / top_value if top_value else 0))


def _nice_top(values) -> float:
    top = max([v for v in values if v is not None] or [0])
    if top <= 0:
        return 4
    for nice in (4, 8, 20, 40, 80, 100, 200, 400, 800, 1000, 2000, 4000, 10000, 20000, 40000, 100000):
        if top <= nice:
            return nice
    return float(top)


def bar_chart(title: str, labels: list[str], values: list[int]) -> str:
    """Bars (e.g. documents published per month), each with its number as a tooltip."""
    top = _nice_top(values)
    width = (WIDTH - LEFT - RIGHT) / max(len(values), 1) * 0.7
    body = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = _y(value or 0, top)
        body.append(
            f'<rect class="bar" x="{_x(i, len(values)) - width / 2:.1f}" y="{y:.1f}" width="{width:.1f}" '
            f'height="{HEIGHT - BOTTOM - y:.1f}"><title>{escape(label)}: {value}</title></rect>'
        )
    return mark_safe(_frame(title, body, labels, top, ""))  # noqa: S308 — every text part is escaped above


def line_chart(title: str, labels: list[str], values: list[float | None]) -> str:
    """A percentage line (e.g. on-time rate per month); months with nothing to rate leave a gap."""
    body, segment = [], []
    points = []
    for i, value in enumerate(values):
        if value is None:
            if segment:
                body.append(_polyline(segment))
            segment = []
            continue
        point = (_x(i, len(values)), _y(value, 100))
        segment.append(point)
        points.append((point, labels[i], value))
    if segment:
        body.append(_polyline(segment))
    for (x, y), label, value in points:
        body.append(f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="3"><title>{escape(label)}: {value}%</title></circle>')
    return mark_safe(_frame(title, body, labels, 100, "%"))  # noqa: S308 — every text part is escaped above


def _polyline(points) -> str:
    return '<polyline class="line" points="' + " ".join(f"{x:.1f},{y:.1f}" for x, y in points) + '"/>'

