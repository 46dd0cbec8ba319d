"""Known hoaxes in Redis: the claims (one hash, id -> JSON), a version counter that workers poll to reload
their index within seconds, staff-rejected matches (hard negatives) and, per claim, the posts that
repeated it. The only module that spells these keys."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from redis.asyncio import Redis

from pantau.claims.model import Claim
from pantau.errors import PantauError
from pantau.settings import Settings
from pantau.stores.keys import CLAIMS, CLAIMS_VERSION, claim_hits_key
from pantau.stores.keys import CLAIMS_REJECTED as REJECTED
from pantau.stores.keys import CLAIMS_REJECTIONS as REJECTIONS

REFERENCE_TTL_S = 400 * 24 * 3600
HITS_PER_CLAIM = 5_000


class UnknownClaim(PantauError):
    """No claim with that id."""


def hits_key(claim_id: str) -> str:
    return claim_hits_key(claim_id)


class ClaimStore:
    def __init__(self, client: Redis) -> None:
        self._client: Any = client  # redis-py response types are unions of bytes and str

    async def upsert(self, claims: Sequence[Claim]) -> int:
        """Add or replace claims by id (the same text re-imported updates it) and bump the version."""
        mapping = {c.id: json.dumps(c.as_dict(), ensure_ascii=False) for c in claims}
        async with self._client.pipeline(transaction=True) as pipe:
            if mapping:
                pipe.hset(CLAIMS, mapping=mapping)
            pipe.expire(CLAIMS, REFERENCE_TTL_S)
            pipe.incr(CLAIMS_VERSION)
            pipe.expire(CLAIMS_VERSION, REFERENCE_TTL_S)
            results = await pipe.execute()
        version: int = results[-2]
        return version

    async def load(self) -> list[Claim]:
        raw = await self._client.hgetall(CLAIMS)
        return [Claim.from_dict(json.loads(v)) for v in raw.values()]

    async def get(self, claim_id: str) -> Claim:
        raw = await self._client.hget(CLAIMS, claim_id)
        if raw is None:
            raise UnknownClaim(f"no claim {claim_id!r}; `pantau claims list` shows the ids")
        return Claim.from_dict(json.loads(raw))

    async def retire(self, claim_id: str) -> int:
        claim = await self.get(claim_id)
        return await self.upsert([replace(claim, retired=True)])

    async def version(self) -> int:
        return int(await self._client.get(CLAIMS_VERSION) or 0)

    async def reject(self, claim_id: str, content_fp: str, *, by: str, alert_id: str = "") -> int:
        """Record a hard negative and bump the version, so every worker stops matching it within seconds."""
        at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.sadd(REJECTED, f"{claim_id} {content_fp}")
            pipe.xadd(
                REJECTIONS,
                {"claim_id": claim_id, "content_fp": content_fp, "by": by, "at": at, "alert_id": alert_id},
                maxlen=100_000,
                approximate=True,
            )
            pipe.incr(CLAIMS_VERSION)
            results = await pipe.execute()
        version: int = results[-1]
        return version

    async def rejected(self) -> set[tuple[str, str]]:
        members = await self._client.smembers(REJECTED)
        pairs = (m.decode().split(" ", 1) for m in members)
        return {(p[0], p[1]) for p in pairs if len(p) == 2}

    async def record_hits(self, hits: Sequence[tuple[str, float, dict[str, Any]]]) -> None:
        """(claim_id, event time in s, what to show) per post that repeated a claim; idempotent."""
        if not hits:
            return
        async with self._client.pipeline(transaction=False) as pipe:
            for claim_id, at, row in hits:
                key = hits_key(claim_id)
                pipe.zadd(key, {json.dumps(row, ensure_ascii=False, sort_keys=True): at * 1000})
                pipe.zremrangebyrank(key, 0, -HITS_PER_CLAIM - 1)
                pipe.expire(key, REFERENCE_TTL_S)
            await pipe.execute()

    async def hits_between(self, claim_id: str, start_s: float, end_s: float) -> list[dict[str, Any]]:
        """The posts that repeated the claim with event times in [start_s, end_s)."""
        members = await self._client.zrangebyscore(hits_key(claim_id), start_s * 1000, f"({end_s * 1000}")
        return [json.loads(m) for m in members]

    async def hits(self, claim_id: str, limit: int = 500) -> list[dict[str, Any]]:
        """The posts that repeated the claim, newest first."""
        members = await self._client.zrevrange(hits_key(claim_id), 0, limit - 1)
        return [json.loads(m) for m in members]


def import_claims_file(
    path: Path, *, settings: Settings, added_by: str = "import", publisher: str | None = None
) -> str:
    """Read a claims file (CSV, JSONL, ClaimReview JSON-LD) whole, then add it to the store; one line of news."""
    from pantau.claims.parse import read_claims_file
    from pantau.stores.client import run_with_redis

    claims = read_claims_file(path, added_by=added_by, publisher=publisher)
    version = run_with_redis(settings, lambda c: ClaimStore(c).upsert(claims))
    return f"imported {len(claims)} claims from {path.name} as claims version {version}"
