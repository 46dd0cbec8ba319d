"""`pantau dashboard`: the web UI for monitoring staff (dashboard/web.py) and the HTTP API.

Changing a threshold needs `Authorization: Bearer <PANTAU_API_TOKEN>`; without a configured token the
write endpoints are off (fail closed). Binds to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from dashboard.access import install as install_access
from dashboard.auth import User, load_users
from dashboard.reports import add_report_routes
from dashboard.thresholds import add_routes as add_threshold_routes
from dashboard.web import add_routes
from pantau.domain.labels import LABELS
from pantau.domain.thresholds import thresholds_in_force
from pantau.errors import PantauError
from pantau.settings import Settings
from pantau.stores.thresholds import ThresholdStore

SETTINGS: web.AppKey[Settings] = web.AppKey("settings", Settings)
THRESHOLDS: web.AppKey[ThresholdStore] = web.AppKey("thresholds", ThresholdStore)
REDIS: web.AppKey[Any] = web.AppKey("redis", object)
METRICS: web.AppKey[Any] = web.AppKey("metrics", object)


def _authorised(request: web.Request) -> None:
    token = request.app[SETTINGS].api_token
    if token is None:
        raise web.HTTPServiceUnavailable(text="write endpoints are off: set PANTAU_API_TOKEN to enable them")
    supplied = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(supplied.encode(), token.get_secret_value().encode()):
        raise web.HTTPUnauthorized(text="a valid bearer token is required")


async def health(request: web.Request) -> web.Response:
    await request.app[REDIS].ping()
    return web.json_response({"status": "ok"})


async def get_thresholds(request: web.Request) -> web.Response:
    store = request.app[THRESHOLDS]
    overrides = await store.overrides()
    defaults = request.app[SETTINGS].thresholds
    return web.json_response(
        {
            "thresholds": thresholds_in_force(defaults, overrides),
            "live": sorted(overrides),
            "changes": await store.changes(20),
        }
    )


async def put_threshold(request: web.Request) -> web.Response:
    _authorised(request)
    try:
        body = await request.json()
        value, reason, by = float(body["value"]), str(body["reason"]), str(body.get("by") or "api")
    except (ValueError, KeyError, TypeError, json.JSONDecodeError):
        raise web.HTTPBadRequest(text='expected JSON {"value": 0.8, "reason": "...", "by": "..."}') from None
    if not reason.strip():
        raise web.HTTPBadRequest(text="a reason is required: every change is recorded")
    try:
        change = await request.app[THRESHOLDS].set(request.match_info["name"], value, by=by, reason=reason)
    except PantauError as exc:
        raise web.HTTPBadRequest(text=str(exc)) from None
    return web.json_response(change)


async def get_whatif(request: web.Request) -> web.Response:
    """`GET /api/thresholds/{label}/whatif?days=7`: alerts/day and triage precision over a threshold grid."""
    from dataclasses import asdict

    from pantau.domain.whatif import RULE_OF_LABEL, grid
    from pantau.stores.whatif import what_if_report

    label = request.match_info["name"]
    if label not in RULE_OF_LABEL:
        raise web.HTTPNotFound(text=f"no alert rule uses {label!r}; one of {sorted(RULE_OF_LABEL)}")
    try:
        days = float(request.query.get("days", "7"))
    except ValueError:
        raise web.HTTPBadRequest(text="days must be a number") from None
    if not 0 < days <= 365:
        raise web.HTTPBadRequest(text="days must be within (0, 365]")
    settings = request.app[SETTINGS]
    rows = await what_if_report(
        request.app[REDIS], label, days=days, thresholds=grid(), retention_s=settings.score_retention_s
    )
    overrides = await request.app[THRESHOLDS].overrides()
    current = thresholds_in_force(settings.thresholds, overrides)[label]
    return web.json_response({"label": label, "days": days, "threshold": current, "rows": [asdict(r) for r in rows]})


async def metrics(request: web.Request) -> web.Response:
    from prometheus_client import generate_latest

    gauges = request.app[METRICS]
    overrides = await request.app[THRESHOLDS].overrides()
    for label, value in thresholds_in_force(request.app[SETTINGS].thresholds, overrides).items():
        if label in LABELS:
            gauges.threshold.labels(label).set(value)
    return web.Response(body=generate_latest(gauges.registry), content_type="text/plain", charset="utf-8")


class DashboardMetrics:
    """The dashboard's own series; thresholds are read from Redis at scrape time."""

    def __init__(self) -> None:
        from prometheus_client import CollectorRegistry, Counter, Gauge

        self.registry = CollectorRegistry()
        self.requests = Counter(
            "pantau_dashboard_requests_total",
            "HTTP requests served, by route and status.",
            ["route", "status"],
            registry=self.registry,
        )
        self.threshold = Gauge("pantau_threshold", "Threshold in force.", ["label"], registry=self.registry)


@web.middleware
async def count_requests(request: web.Request, handler: Any) -> web.StreamResponse:
    route = request.match_info.route.resource.canonical if request.match_info.route.resource else "unmatched"
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        request.app[METRICS].requests.labels(route, str(exc.status)).inc()
        raise
    request.app[METRICS].requests.labels(route, str(response.status)).inc()
    return response


def users_loader(path: Path) -> Callable[[], dict[str, User]]:
    """The accounts file, re-read when it changes: `pantau dashboard user add` needs no restart."""
    cache: dict[str, Any] = {"mtime": None, "users": {}}

    def load() -> dict[str, User]:
        try:
            mtime = path.stat().st_mtime_ns
        except FileNotFoundError:
            return {}
        if mtime != cache["mtime"]:
            cache.update(mtime=mtime, users=load_users(path))
        users: dict[str, User] = cache["users"]
        return users

    return load


def create_app(settings: Settings) -> web.Application:
    from pantau.stores.client import connect

    app = web.Application(middlewares=[count_requests])
    app[METRICS] = DashboardMetrics()
    client = connect(settings.redis_url.get_secret_value())
    app[SETTINGS] = settings
    app[REDIS] = client
    app[THRESHOLDS] = ThresholdStore(client)

    async def close(_app: web.Application) -> None:
        await client.aclose()

    app.on_cleanup.append(close)
    app.router.add_get("/healthz", health)
    app.router.add_get("/api/thresholds", get_thresholds)
    app.router.add_put("/api/thresholds/{name}", put_threshold)
    app.router.add_get("/api/thresholds/{name}/whatif", get_whatif)
    app.router.add_get("/metrics", metrics)
    add_routes(app, client, users_loader(settings.dashboard_users_file), secure=settings.dashboard_secure_cookies)
    add_threshold_routes(app)
    add_report_routes(app, client, settings, app[METRICS].registry)  # citizen reports: /lapor, /api/reports
    install_access(app, client, settings, app[METRICS].registry)
    return app
