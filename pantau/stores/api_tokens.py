"""Read-only API tokens for tools (`Authorization: Bearer …` on the dashboard's GET /api routes).

Only the token's SHA-256 is stored: a Redis dump does not hand out working tokens. The token itself is
shown once, when created. A token carries 256 random bits, so a fast hash is enough (no password stretching).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from typing import Any

from pantau.errors import PantauError
from pantau.stores.client import as_text, utc_iso
from pantau.stores.keys import API_TOKENS as TOKENS
from pantau.stores.keys import API_TOKENS_BY_HASH as BY_HASH
from pantau.stores.keys import API_TOKENS_LAST_USED as LAST_USED

TOKEN_PREFIX = "pantau_ro_"  # recognisable by secret scanners, and says what it grants


class ApiTokenError(PantauError):
    """An API token name is taken, unknown or malformed."""


@dataclass(frozen=True, slots=True)
class TokenInfo:
    name: str
    created_at: str
    last_used: str | None


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _check_name(name: str) -> None:
    if not name or len(name) > 64 or not all(c.isalnum() or c in "-_." for c in name):
        raise ApiTokenError("a token name is 1-64 letters, digits, '-', '_' or '.' (e.g. bawaslu-siem)")


class ApiTokenStore:
    def __init__(self, client: Any) -> None:
        self._client = client

    async def add(self, name: str) -> str:
        """A new token under `name` (returned once, never stored in the clear)."""
        _check_name(name)
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        record = json.dumps({"hash": digest(token), "created_at": utc_iso()})
        if not await self._client.hsetnx(TOKENS, name, record):
            raise ApiTokenError(f"a token named {name} exists: `pantau dashboard token revoke {name}` first")
        await self._client.hset(BY_HASH, digest(token), name)
        return token

    async def revoke(self, name: str) -> None:
        raw = await self._client.hget(TOKENS, name)
        if raw is None:
            raise ApiTokenError(f"no token named {name}: `pantau dashboard token list` shows them")
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.hdel(BY_HASH, json.loads(raw)["hash"])
            pipe.hdel(TOKENS, name)
            pipe.hdel(LAST_USED, name)
            await pipe.execute()

    async def list(self) -> list[TokenInfo]:
        records = await self._client.hgetall(TOKENS)
        used = {as_text(k): as_text(v) for k, v in (await self._client.hgetall(LAST_USED)).items()}
        infos = [TokenInfo(as_text(k), json.loads(v)["created_at"], used.get(as_text(k))) for k, v in records.items()]
        return sorted(infos, key=lambda i: i.name)

    async def name_of(self, token: str) -> str | None:
        """The name of a live token, or None for an unknown or revoked one; records the use."""
        if not token.startswith(TOKEN_PREFIX):
            return None
        raw = await self._client.hget(BY_HASH, digest(token))
        if raw is None:
            return None
        name = as_text(raw)
        await self._client.hset(LAST_USED, name, utc_iso())
        return name
