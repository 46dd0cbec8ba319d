"""The what-if curve as inline SVG: alerts/day (left axis) and triage precision (right axis, 0..1) against the
threshold (0..1), with the threshold in force marked. Pure; no script, so the page's CSP stays strict."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from pantau.domain.whatif import WhatIfRow

W, H = 560, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 44, 14, 34


def _nice_max(value: float) -> float:
    """A round axis top at or above value (1, 2, 5 × 10^k)."""
    if value <= 0:
        return 1.0
    step = 10 ** len(str(int(value))) / 10 if value >= 1 else 1.0
    for factor in (1, 2, 5, 10):
        if value <= factor * step:
            return float(factor * step)
    return float(value)


def _x(threshold: float) -> float:
    return LEFT + threshold * (W - LEFT - RIGHT)


def _y(fraction: float) -> float:
    return TOP + (1 - fraction) * (H - TOP - BOTTOM)


def _path(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(points))


def curve_svg(
    rows: Sequence[WhatIfRow], current: float | None, *, per_day: str, precision: str, in_force: str, title: str
) -> Markup:
    """rows from pantau.domain.whatif.what_if; the labels are already translated."""
    top = _nice_max(max((r.alerts_per_day for r in rows), default=0.0))
    volume = [(_x(r.threshold), _y(r.alerts_per_day / top)) for r in rows]
    precise = [(_x(r.threshold), _y(r.precision)) for r in rows if r.precision is not None]
    parts = [
        f'<svg class="whatif" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<rect x="{LEFT}" y="{TOP}" width="{W - LEFT - RIGHT}" height="{H - TOP - BOTTOM}" class="plot"/>',
    ]
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = _y(tick)
        parts.append(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        parts.append(f'<text x="{LEFT - 4}" y="{y + 4:.1f}" class="axis left">{top * tick:g}</text>')
        parts.append(f'<text x="{W - RIGHT + 4}" y="{y + 4:.1f}" class="axis right">{tick:g}</text>')
    for tick in (0.0, 0.2, 0.4, 0.6, 0.8, 1.0):
        parts.append(f'<text x="{_x(tick):.1f}" y="{H - BOTTOM + 14}" class="axis bottom">{tick:g}</text>')
    if current is not None:
        x = _x(current)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{H - BOTTOM}" class="current"/>')
        parts.append(f'<text x="{x + 3:.1f}" y="{TOP + 10}" class="current">{escape(in_force)} {current:g}</text>')
    if volume:
        parts.append(f'<path d="{_path(volume)}" class="volume"/>')
    if precise:
        parts.append(f'<path d="{_path(precise)}" class="precision"/>')
        parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" class="precision"/>' for x, y in precise]
    parts.append(f'<text x="{LEFT}" y="{H - 4}" class="legend volume">— {escape(per_day)}</text>')
    parts.append(f'<text x="{W - RIGHT}" y="{H - 4}" class="legend precision end">— {escape(precision)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
