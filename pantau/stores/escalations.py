"""Escalations in Redis: each one's state and exact body, and the durable outbox they are delivered from.

- `pantau:escalation:{id}` state JSON (status pending|delivered|dead, attempts, next attempt, last error)
- `pantau:escalation:{id}:body` the evidence bytes, signed and sent unchanged on every attempt
- `pantau:escalations:outbox` stream with consumer group `pantau-delivery`: an entry stays pending (unacked)
  until its escalation is delivered or dead-lettered, so a crashed deliverer's work is picked up again
- `pantau:escalations` (all, by creation), `…:pending`, `…:dead` sorted sets for listing and backlog
- `pantau:person:{nip_hash}:escalations` the person's escalations: their rung on the sanction ladder
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import ResponseError

from pantau.errors import PantauError
from pantau.stores.client import utc_iso
from pantau.stores.keys import ESCALATION_OUTBOX as OUTBOX
from pantau.stores.keys import ESCALATIONS as INDEX
from pantau.stores.keys import ESCALATIONS_DEAD as DEAD
from pantau.stores.keys import ESCALATIONS_PENDING as PENDING
from pantau.stores.keys import escalation_body_key as body_key
from pantau.stores.keys import escalation_key as state_key
from pantau.stores.keys import person_escalations_key

DELIVERY_GROUP = "pantau-delivery"
PENDING_STATUS, DELIVERED, DEAD_STATUS = "pending", "delivered", "dead"


class EscalationNotFound(PantauError):
    """No escalation with that id."""


# KEYS: state, body, outbox, index, pending, person escalations. ARGV: id, state, body, ttl_s, now_ms, has_person.
_ENQUEUE = """
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[4])
redis.call('SET', KEYS[2], ARGV[3], 'EX', ARGV[4])
redis.call('XADD', KEYS[3], '*', 'escalation_id', ARGV[1])
local oldest = tonumber(ARGV[5]) - tonumber(ARGV[4]) * 1000
redis.call('XTRIM', KEYS[3], 'MINID', '~', string.format('%d', oldest))
redis.call('ZADD', KEYS[4], ARGV[5], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', oldest)
redis.call('ZADD', KEYS[5], ARGV[5], ARGV[1])
if ARGV[6] == '1' then
  redis.call('ZADD', KEYS[6], ARGV[5], ARGV[1])
  redis.call('EXPIRE', KEYS[6], ARGV[4])
end
return 1
"""


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class EscalationStore:
    def __init__(self, client: Redis, *, ttl_s: int) -> None:
        self._client: Any = client
        self._ttl_s = ttl_s
        self._enqueue = client.register_script(_ENQUEUE)

    async def ensure_group(self) -> None:
        try:
            await self._client.xgroup_create(OUTBOX, DELIVERY_GROUP, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def exists(self, escalation_id: str) -> bool:
        return bool(await self._client.exists(state_key(escalation_id)))

    async def enqueue(self, state: dict[str, Any], body: bytes, nip_hash: str | None) -> bool:
        """Store and queue a new escalation; False when one with this id already exists."""
        eid = state["escalation_id"]
        created = await self._enqueue(
            keys=[state_key(eid), body_key(eid), OUTBOX, INDEX, PENDING, person_escalations_key(nip_hash or "-")],
            args=[eid, _dumps(state), body, self._ttl_s, int(time.time() * 1000), "1" if nip_hash else "0"],
        )
        return bool(created)

    async def state(self, escalation_id: str) -> dict[str, Any] | None:
        raw = await self._client.get(state_key(escalation_id))
        return json.loads(raw) if raw else None

    async def body(self, escalation_id: str) -> bytes | None:
        raw: bytes | None = await self._client.get(body_key(escalation_id))
        return raw

    async def save(self, state: dict[str, Any], *, ack: str | None = None) -> None:
        """Write a changed state; a final one leaves the pending set and acks its outbox entry."""
        eid = state["escalation_id"]
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.set(state_key(eid), _dumps(state), keepttl=True)
            if state["status"] != PENDING_STATUS:
                pipe.zrem(PENDING, eid)
            if state["status"] == DEAD_STATUS:
                pipe.zadd(DEAD, {eid: int(time.time() * 1000)})
            if ack:
                pipe.xack(OUTBOX, DELIVERY_GROUP, ack)
            await pipe.execute()

    async def ack(self, entry_id: str) -> None:
        await self._client.xack(OUTBOX, DELIVERY_GROUP, entry_id)

    async def retry(self, escalation_id: str) -> dict[str, Any]:
        """Put a dead (or stuck) escalation back in the outbox with a fresh retry budget."""
        state = await self.state(escalation_id)
        if state is None:
            raise EscalationNotFound(f"no escalation {escalation_id}")
        if state["status"] == DELIVERED:
            return state
        state.update(status=PENDING_STATUS, attempts=0, next_attempt_at=time.time(), retried_at=time.time())
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.set(state_key(escalation_id), _dumps(state), keepttl=True)
            pipe.zrem(DEAD, escalation_id)
            pipe.zadd(PENDING, {escalation_id: int(time.time() * 1000)})
            pipe.xadd(OUTBOX, {"escalation_id": escalation_id})
            await pipe.execute()
        return state

    async def ids(self, listing: str = "all", limit: int = 100) -> list[str]:
        """Newest first: every escalation ("all", also for "delivered"), or the "pending" or "dead" ones."""
        raw = await self._client.zrevrange({"dead": DEAD, "pending": PENDING}.get(listing, INDEX), 0, limit - 1)
        return [r.decode() for r in raw]

    async def states(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        if not ids:
            return []
        raw = await self._client.mget([state_key(i) for i in ids])
        return [json.loads(r) for r in raw if r]

    async def backlog(self) -> tuple[int, int]:
        """(pending, dead) escalation counts."""
        async with self._client.pipeline(transaction=False) as pipe:
            pipe.zcard(PENDING)
            pipe.zcard(DEAD)
            pending, dead = await pipe.execute()
        return int(pending), int(dead)

    async def count(self) -> int:
        """Escalations created (and not purged)."""
        return int(await self._client.zcard(INDEX))

    async def person_escalations(self, nip_hash: str) -> list[dict[str, Any]]:
        raw = await self._client.zrange(person_escalations_key(nip_hash), 0, -1, withscores=True)
        return [{"escalation_id": member.decode(), "created_at": utc_iso(score / 1000)} for member, score in raw]

    async def read(self, consumer: str, *, new: bool, count: int, block_ms: int | None) -> list[tuple[str, str]]:
        """Outbox entries (entry id, escalation id): this consumer's own pending ones, or new ones."""
        response = await self._client.xreadgroup(
            DELIVERY_GROUP, consumer, {OUTBOX: ">" if new else "0"}, count=count, block=block_ms
        )
        return [(e.decode(), f[b"escalation_id"].decode()) for _s, entries in response or [] for e, f in entries if f]

    async def claim_abandoned(self, consumer: str, min_idle_ms: int, count: int = 100) -> list[tuple[str, str]]:
        """Take over entries another (crashed) deliverer left pending for longer than min_idle_ms."""
        result = await self._client.xautoclaim(OUTBOX, DELIVERY_GROUP, consumer, min_idle_ms, "0-0", count=count)
        return [(e.decode(), f[b"escalation_id"].decode()) for e, f in result[1] if f]
