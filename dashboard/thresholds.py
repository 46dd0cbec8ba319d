"""`/thresholds`: the thresholds in force, the what-if curve per label (the functions `pantau thresholds
whatif` uses), and a change form for the triage role. A change goes through the thresholds store, the same
path as `pantau thresholds set`, so workers pick it up within seconds and the change log records it."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from dashboard.auth import csrf_ok
from dashboard.curve import curve_svg
from dashboard.i18n import translator
from dashboard.web import CLIENT, lang_of, login_required, render
from pantau.domain.thresholds import thresholds_in_force
from pantau.domain.whatif import RULE_OF_LABEL, WhatIfRow, grid, what_if
from pantau.errors import PantauError

CHANGER_ROLE = "triage"  # the role that may triage may also tune what reaches triage


@dataclass(frozen=True, slots=True)
class InForce:
    name: str
    value: float
    live: bool  # set through the store (dashboard or CLI), not configuration
    last_change: dict[str, str] | None


def may_change(user: dict[str, Any] | None) -> bool:
    return bool(user) and (user or {}).get("role") == CHANGER_ROLE


def in_force(defaults: dict[str, float], overrides: dict[str, float], changes: list[dict[str, str]]) -> list[InForce]:
    """Every threshold with its value and origin; `changes` newest first, as the store returns them."""
    last: dict[str, dict[str, str]] = {}
    for change in changes:
        last.setdefault(change.get("name", ""), change)
    merged = thresholds_in_force(defaults, overrides)
    return [InForce(n, merged[n], n in overrides, last.get(n)) for n in sorted(merged)]


def _days(request: web.Request) -> float:
    try:
        days = float(request.query.get("days", "7"))
    except ValueError:
        return 7.0
    return days if 0 < days <= 365 else 7.0


async def _context(request: web.Request) -> dict[str, Any]:
    from dashboard.app import SETTINGS, THRESHOLDS  # app imports this module's routes: import at call time
    from pantau.stores.scores import ScoreStore
    from pantau.stores.whatif import triaged_alerts

    settings = request.app[SETTINGS]
    store = request.app[THRESHOLDS]
    client = request.app[CLIENT]
    overrides = await store.overrides()
    changes = await store.changes(30)
    defaults = thresholds_in_force(settings.thresholds, labels_configured=settings.thresholds_configured)
    days = _days(request)
    since = time.time() - days * 86400
    samples = await ScoreStore(client, retention_s=settings.score_retention_s).samples(since)
    t = translator(lang_of(request))
    curves = []
    for label in RULE_OF_LABEL:
        rows: list[WhatIfRow] = what_if(
            label, samples, await triaged_alerts(client, label, since), days=days, thresholds=grid()
        )
        current = thresholds_in_force(defaults, overrides).get(label)
        svg = curve_svg(
            rows,
            current,
            per_day=t("alerts_per_day"),
            precision=t("precision"),
            in_force=t("in_force_mark"),
            title=f"{t('label_' + label, label)}: {t('alerts_per_day')} / {t('precision')}",
        )
        curves.append({"label": label, "current": current, "rows": rows, "svg": svg})
    return {
        "rows": in_force(defaults, overrides, changes),
        "changes": changes,
        "curves": curves,
        "days": days,
        "samples": len(samples),
        "can_change": may_change(request.get("user")),
    }


@login_required
async def thresholds_page(request: web.Request) -> web.Response:
    return render(request, "thresholds.html", saved="saved" in request.query, **await _context(request))


@login_required
async def change_threshold(request: web.Request) -> web.Response:
    from dashboard.app import THRESHOLDS

    user = request["user"]
    form = await request.post()
    if not csrf_ok(user["csrf"], str(form.get("csrf", ""))):
        raise web.HTTPForbidden(text="missing or wrong CSRF token")
    if not may_change(user):
        raise web.HTTPForbidden(text=f"only the {CHANGER_ROLE} role may change thresholds")
    name, reason = str(form.get("name", "")), str(form.get("reason", "")).strip()
    try:
        value = float(str(form.get("value", "")).replace(",", "."))  # Indonesian keyboards type 0,8
        if not reason:
            raise ValueError("no reason")
        await request.app[THRESHOLDS].set(name, value, by=user["name"], reason=reason)
    except (ValueError, PantauError) as exc:
        error = str(exc) if isinstance(exc, PantauError) else translator(lang_of(request))("bad_value")
        return render(request, "thresholds.html", status=400, error=error, **await _context(request))
    raise web.HTTPSeeOther("/thresholds?saved=1")


def add_routes(app: web.Application) -> None:
    app.router.add_get("/thresholds", thresholds_page)
    app.router.add_post("/thresholds", change_threshold)
