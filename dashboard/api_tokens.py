"""Bearer API tokens for tools: read-only access to the dashboard's GET /api routes.

A tool sends `Authorization: Bearer pantau_ro_…` (made by `pantau dashboard token add NAME`). On a GET or
HEAD under /api/ the token stands in for a session with the `read` role; anything else presented with an
API token is refused (403), so a token can never triage or change a threshold. The write API's own
PANTAU_API_TOKEN is left alone for the routes that check it.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from pantau.stores.api_tokens import TOKEN_PREFIX, ApiTokenStore
from pantau.stores.report_partners import TOKEN_PREFIX as PARTNER_PREFIX

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
READ_METHODS = ("GET", "HEAD")


def bearer(request: web.Request) -> str | None:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def api_token_middleware(store: ApiTokenStore, write_token: str | None) -> Any:
    @web.middleware
    async def api_tokens(request: web.Request, handler: Handler) -> web.StreamResponse:
        token = bearer(request)
        if token is None or request.get("user") is not None or token.startswith(PARTNER_PREFIX):
            return await handler(request)  # partner tokens are checked by the report routes themselves
        if write_token and hmac.compare_digest(token.encode(), write_token.encode()):
            return await handler(request)  # the threshold write API checks this one itself
        is_read = request.method in READ_METHODS and request.path.startswith("/api/")
        if not is_read:
            if token.startswith(TOKEN_PREFIX):
                raise web.HTTPForbidden(text="API tokens are read-only: log in to the dashboard to change anything")
            return await handler(request)
        name = await store.name_of(token)
        if name is None:
            raise web.HTTPUnauthorized(
                text="unknown or revoked API token: `pantau dashboard token add NAME` makes one",
                headers={"WWW-Authenticate": 'Bearer realm="pantau"'},
            )
        # A session stand-in with the read role and a CSRF token nobody knows: triage stays shut.
        request["user"] = {"name": f"token:{name}", "role": "read", "csrf": secrets.token_urlsafe(32)}
        return await handler(request)

    return api_tokens
