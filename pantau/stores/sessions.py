"""Signed-in dashboard sessions in Redis, by the hash of their cookie token; each expires after SESSION_TTL_S
without a request."""

from __future__ import annotations

import json
from typing import Any

from pantau.stores.keys import session_key

SESSION_TTL_S = 8 * 3600


class SessionStore:
    def __init__(self, client: Any) -> None:
        self._client = client

    async def save(self, key: str, session: dict[str, str]) -> None:
        await self._client.set(session_key(key), json.dumps(session), ex=SESSION_TTL_S)

    async def load(self, key: str) -> dict[str, str] | None:
        """The session, its TTL renewed; None when it expired or never was."""
        raw = await self._client.get(session_key(key))
        if not raw:
            return None
        await self._client.expire(session_key(key), SESSION_TTL_S)
        loaded: dict[str, str] = json.loads(raw)
        return loaded

    async def drop(self, key: str) -> None:
        await self._client.delete(session_key(key))
