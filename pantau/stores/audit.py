"""The audit chain in Redis: stream `pantau:audit`, its head `pantau:audit:head`, an index of idempotency keys.

Appends are optimistic transactions on the head (WATCH/MULTI), so any number of processes may append and
the chain stays one line. An item whose key is already in the index is not appended again: writers may
redeliver freely.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import WatchError

from pantau.audit.chain import GENESIS, AuditEntry, make_entry
from pantau.stores.client import as_text, utc_iso
from pantau.stores.keys import AUDIT_ANCHOR, AUDIT_HEAD, AUDIT_INDEX, AUDIT_STREAM


@dataclass(frozen=True, slots=True)
class AuditItem:
    kind: str  # alert | triage | threshold | escalation.created | escalation.delivered | escalation.dead | …
    key: str  # idempotency key: the same fact appended twice is recorded once
    actor: str
    data: Mapping[str, Any]
    at: str = ""


class AuditLog:
    def __init__(self, client: Redis) -> None:
        self._client: Any = client

    async def append(self, items: Sequence[AuditItem]) -> list[int]:
        """Append the items not yet recorded, in order; returns each item's seq (old or new)."""
        if not items:
            return []
        while True:
            async with self._client.pipeline(transaction=True) as pipe:
                try:
                    await pipe.watch(AUDIT_HEAD)
                    head = await pipe.hgetall(AUDIT_HEAD)
                    seq = int(head.get(b"seq", 0))
                    prev = as_text(head.get(b"hash", GENESIS.encode()))
                    known = await pipe.hmget(AUDIT_INDEX, [item.key for item in items])
                    seqs: dict[str, int] = {item.key: int(k) for item, k in zip(items, known, strict=True) if k}
                    pipe.multi()
                    for item in items:
                        if item.key in seqs:
                            continue
                        entry = make_entry(
                            seq,
                            prev,
                            at=item.at or utc_iso(),
                            kind=item.kind,
                            key=item.key,
                            actor=item.actor,
                            data=item.data,
                        )
                        pipe.xadd(
                            AUDIT_STREAM,
                            {"seq": entry.seq, "prev": entry.prev, "hash": entry.hash, "entry": entry.body},
                        )
                        pipe.hset(AUDIT_INDEX, item.key, entry.seq)
                        seqs[item.key] = seq = entry.seq
                        prev = entry.hash
                    pipe.hset(AUDIT_HEAD, mapping={"seq": seq, "hash": prev})
                    await pipe.execute()
                    return [seqs[item.key] for item in items]
                except WatchError:
                    continue

    async def head(self) -> tuple[int, str] | None:
        raw = await self._client.hgetall(AUDIT_HEAD)
        if not raw:
            return None
        return int(raw[b"seq"]), as_text(raw[b"hash"])

    async def anchor(self) -> tuple[int, str] | None:
        raw = await self._client.hgetall(AUDIT_ANCHOR)
        if not raw:
            return None
        return int(raw[b"seq"]), as_text(raw[b"prev"])

    async def length(self) -> int:
        return int(await self._client.xlen(AUDIT_STREAM))

    async def entries(self, page: int = 1000) -> AsyncIterator[AuditEntry]:
        start = "-"
        while True:
            batch = await self._client.xrange(AUDIT_STREAM, min=start, max="+", count=page)
            for ref, fields in batch:
                yield _entry(ref, fields)
            if len(batch) < page:
                return
            start = "(" + as_text(batch[-1][0])

    async def trim_before(self, cutoff_ms: int) -> int:
        """Drop entries older than cutoff (retention), recording where the kept chain starts."""
        dropped, kept_from = 0, None
        async for entry in self.entries():
            if int(entry.ref.split("-")[0]) >= cutoff_ms:
                kept_from = (entry.seq, entry.prev)
                break
            await self._client.hdel(AUDIT_INDEX, entry.record.get("key", ""))
            await self._client.xdel(AUDIT_STREAM, entry.ref)
            dropped += 1
        if dropped:
            head = await self.head()
            if kept_from is None and head is not None:
                kept_from = (head[0] + 1, head[1])
            if kept_from is not None:
                await self._client.hset(AUDIT_ANCHOR, mapping={"seq": kept_from[0], "prev": kept_from[1]})
        return dropped


def _entry(ref: Any, fields: Mapping[bytes, bytes]) -> AuditEntry:
    def field(name: bytes) -> str:
        return as_text(fields.get(name, b""))

    try:
        seq = int(field(b"seq"))
    except ValueError:
        seq = -1
    return AuditEntry(seq, field(b"prev"), field(b"hash"), field(b"entry"), as_text(ref))
