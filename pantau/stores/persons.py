"""The escalation ledger's own Redis state: per person, the alerts counting towards a repeat-offender
escalation and those already escalated; and the lock that lets one ledger run at a time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pantau.stores.client import as_text
from pantau.stores.keys import LEDGER_LOCK, person_escalated_key, person_pending_key

# Renew our own lock, or take a free one. KEYS: lock. ARGV: owner, ttl_ms.
_HOLD = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0
"""


class LeaderLock:
    """Only the holder runs the ledger; a dead holder's lock expires after ttl_ms."""

    def __init__(self, client: Any, owner: str, ttl_ms: int = 15_000) -> None:
        self._owner = owner
        self._ttl_ms = ttl_ms
        self._hold = client.register_script(_HOLD)

    async def hold(self) -> bool:
        return bool(await self._hold(keys=[LEDGER_LOCK], args=[self._owner, self._ttl_ms]))


class PersonTally:
    """Which of a person's alerts wait to count towards an escalation, and which are escalated already."""

    def __init__(self, client: Any, *, escalated_ttl_s: int) -> None:
        self._client = client
        self._ttl_s = escalated_ttl_s

    async def is_escalated(self, nip_hash: str, alert_id: str) -> bool:
        return bool(await self._client.sismember(person_escalated_key(nip_hash), alert_id))

    async def add_pending(self, nip_hash: str, alert_id: str, at_ms: int, *, now_ms: int, window_s: int) -> list[str]:
        """Count the alert (scored by detection time), forget those older than the window; the ids now
        pending, sorted."""
        pending = person_pending_key(nip_hash)
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.zadd(pending, {alert_id: at_ms})
            pipe.zremrangebyscore(pending, "-inf", now_ms - window_s * 1000)
            pipe.expire(pending, window_s)
            pipe.zrange(pending, 0, -1)
            *_, members = await pipe.execute()
        return sorted(as_text(m) for m in members)

    async def drop_pending(self, nip_hash: str, alert_id: str) -> None:
        await self._client.zrem(person_pending_key(nip_hash), alert_id)

    async def mark_escalated(self, nip_hash: str, alert_ids: Sequence[str]) -> None:
        """These alerts are before Bawaslu: they no longer wait, and never count again."""
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.sadd(person_escalated_key(nip_hash), *alert_ids)
            pipe.expire(person_escalated_key(nip_hash), self._ttl_s)
            pipe.zrem(person_pending_key(nip_hash), *alert_ids)
            await pipe.execute()
