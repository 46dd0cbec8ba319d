"""Roster and candidates in Redis: replaced whole and atomically on import, versioned so that every worker
notices a change within its refresh interval."""

from __future__ import annotations

import json
from typing import Any

from redis.asyncio import Redis

from pantau.domain.candidates import Contest, parse_contests
from pantau.domain.roster import RosterEntry
from pantau.stores.keys import CANDIDATES, CANDIDATES_VERSION, ROSTER, ROSTER_STAGING, ROSTER_VERSION

# Reference data outlives alerts but not forever: an election cycle plus a margin.
REFERENCE_TTL_S = 400 * 24 * 3600


class ReferenceStore:
    def __init__(self, client: Redis) -> None:
        self._client: Any = client  # redis-py response types are unions of bytes and str

    async def import_roster(self, entries: list[RosterEntry]) -> int:
        """Replace the whole roster in one transaction (readers see the old or the new, never a mix)."""
        staging = ROSTER_STAGING
        mapping = {e.key: json.dumps(e.as_dict(), ensure_ascii=False) for e in entries}
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.delete(staging)
            pipe.hset(staging, mapping=mapping)
            pipe.rename(staging, ROSTER)
            pipe.expire(ROSTER, REFERENCE_TTL_S)
            pipe.incr(ROSTER_VERSION)
            pipe.expire(ROSTER_VERSION, REFERENCE_TTL_S)
            results = await pipe.execute()
        version: int = results[4]
        return version

    async def load_roster(self) -> dict[str, RosterEntry]:
        raw = await self._client.hgetall(ROSTER)
        return {k.decode(): RosterEntry(**json.loads(v)) for k, v in raw.items()}

    async def import_candidates(self, document: dict[str, Any]) -> int:
        parse_contests(document)  # refuse what the workers could not load
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.set(CANDIDATES, json.dumps(document, ensure_ascii=False, default=str), ex=REFERENCE_TTL_S)
            pipe.incr(CANDIDATES_VERSION)
            pipe.expire(CANDIDATES_VERSION, REFERENCE_TTL_S)
            results = await pipe.execute()
        version: int = results[1]
        return version

    async def load_candidates(self) -> list[Contest]:
        raw = await self._client.get(CANDIDATES)
        return parse_contests(json.loads(raw)) if raw else []

    async def versions(self) -> tuple[int, int]:
        roster, candidates = await self._client.mget(ROSTER_VERSION, CANDIDATES_VERSION)
        return int(roster or 0), int(candidates or 0)
