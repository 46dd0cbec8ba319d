"""`pantau dashboard`: the HTTP API. Today: health and live thresholds.

Changing a threshold needs `Authorization: Bearer <PANTAU_API_TOKEN>`; without a configured token the
write endpoints are off (fail closed). Binds to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import hmac
import json
from typing import Any

from aiohttp import web

from pantau.errors import PantauError
from pantau.settings import Settings
from pantau.stores.thresholds import ThresholdStore

SETTINGS: web.AppKey[Settings] = web.AppKey("settings", Settings)
THRESHOLDS: web.AppKey[ThresholdStore] = web.AppKey("thresholds", ThresholdStore)
REDIS: web.AppKey[Any] = web.AppKey("redis", object)


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
        {"thresholds": {**defaults, **overrides}, "live": sorted(overrides), "changes": await store.changes(20)}
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


def create_app(settings: Settings) -> web.Application:
    import redis.asyncio as aioredis

    app = web.Application()
    client = aioredis.from_url(settings.redis_url.get_secret_value(), socket_timeout=5)
    app[SETTINGS] = settings
    app[REDIS] = client
    app[THRESHOLDS] = ThresholdStore(client)

    async def close(_app: web.Application) -> None:
        await client.aclose()

    app.on_cleanup.append(close)
    app.router.add_get("/healthz", health)
    app.router.add_get("/api/thresholds", get_thresholds)
    app.router.add_put("/api/thresholds/{name}", put_threshold)
    return app


def serve(settings: Settings) -> None:
    web.run_app(create_app(settings), host=settings.dashboard_host, port=settings.dashboard_port, print=None)
