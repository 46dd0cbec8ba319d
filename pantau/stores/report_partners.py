"""Partner tokens for `POST /api/reports` (a supervisors' WhatsApp or Telegram bot, say): one per partner,
made by `pantau reports token add NAME`. Only each token's SHA-256 is kept, as for the read-only API tokens;
a token is 256 random bits, so a fast hash is enough."""

from __future__ import annotations

import hashlib
import json
import secrets
from typing import Any

from pantau.errors import PantauError
from pantau.stores.client import as_text, utc_iso
from pantau.stores.keys import REPORT_PARTNERS as PARTNERS
from pantau.stores.keys import REPORT_PARTNERS_BY_HASH as BY_HASH

TOKEN_PREFIX = "pantau_rp_"  # "report partner": may file reports and read their status, nothing else


class PartnerTokenError(PantauError):
    """A partner token name is taken, unknown or malformed."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class PartnerTokens:
    def __init__(self, client: Any) -> None:
        self._client = client

    async def add(self, name: str) -> str:
        if not name or len(name) > 64 or not all(c.isalnum() or c in "-_." for c in name):
            raise PartnerTokenError("a partner name is 1-64 letters, digits, '-', '_' or '.' (e.g. bot-wa-bawaslu)")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        record = json.dumps({"hash": _digest(token), "created_at": utc_iso()})
        if not await self._client.hsetnx(PARTNERS, name, record):
            raise PartnerTokenError(f"a partner named {name} exists: `pantau reports token revoke {name}` first")
        await self._client.hset(BY_HASH, _digest(token), name)
        return token

    async def revoke(self, name: str) -> None:
        raw = await self._client.hget(PARTNERS, name)
        if raw is None:
            raise PartnerTokenError(f"no partner named {name}: `pantau reports token list` shows them")
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.hdel(BY_HASH, json.loads(raw)["hash"])
            pipe.hdel(PARTNERS, name)
            await pipe.execute()

    async def names(self) -> list[tuple[str, str]]:
        records = await self._client.hgetall(PARTNERS)
        return sorted((as_text(k), json.loads(v)["created_at"]) for k, v in records.items())

    async def name_of(self, token: str) -> str | None:
        if not token.startswith(TOKEN_PREFIX):
            return None
        raw = await self._client.hget(BY_HASH, _digest(token))
        return as_text(raw) if raw else None
