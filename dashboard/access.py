"""Wires the access controls into the dashboard app: login throttling and rehash, read-only API tokens,
and the OpenAPI description. One call from create_app, after the session middleware is in place."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from dashboard.api_tokens import api_token_middleware
from dashboard.login_guard import login_guard
from dashboard.openapi import openapi
from pantau.settings import Settings
from pantau.stores.api_tokens import ApiTokenStore


def install(app: web.Application, client: Any, settings: Settings, registry: Any) -> None:
    write_token = settings.api_token.get_secret_value() if settings.api_token else None
    # Appended after `sessions`: they run inside it, so a session user is already known.
    app.middlewares.append(login_guard(settings.dashboard_users_file, registry))
    app.middlewares.append(api_token_middleware(ApiTokenStore(client), write_token))
    app.router.add_get("/api/openapi.json", openapi)
