"""Live thresholds in Redis: a hash of overrides over the configured defaults, and an append-only change
log (who, when, old, new, reason). One Lua script makes each change and its log entry atomic."""

from __future__ import annotations

import time
from typing import Any

from redis.asyncio import Redis

from pantau.domain.thresholds import validate
from pantau.stores.keys import THRESHOLD_CHANGES as CHANGES
from pantau.stores.keys import THRESHOLDS

CHANGES_MAXLEN = 10_000

# KEYS: hash, change stream. ARGV: name, value, by, reason, at (ISO), maxlen. Returns the old value or ''.
_SET = """
local old = redis.call('HGET', KEYS[1], ARGV[1]) or ''
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[6], '*', 'name', ARGV[1], 'old', old, 'new', ARGV[2],
  'by', ARGV[3], 'reason', ARGV[4], 'at', ARGV[5])
return old
"""


class ThresholdStore:
    def __init__(self, client: Redis) -> None:
        self._client: Any = client  # redis-py response types are unions of bytes and str
        self._set = client.register_script(_SET)

    async def overrides(self) -> dict[str, float]:
        raw = await self._client.hgetall(THRESHOLDS)
        return {k.decode(): float(v) for k, v in raw.items()}

    async def set(self, name: str, value: float, *, by: str, reason: str) -> dict[str, Any]:
        name, value = validate(name, value)
        at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        old = await self._set(keys=[THRESHOLDS, CHANGES], args=[name, repr(value), by, reason, at, CHANGES_MAXLEN])
        return {"name": name, "old": float(old) if old else None, "new": value, "by": by, "reason": reason, "at": at}

    async def changes(self, count: int = 50) -> list[dict[str, Any]]:
        entries = await self._client.xrevrange(CHANGES, count=count)
        return [{k.decode(): v.decode() for k, v in fields.items()} for _id, fields in entries]
