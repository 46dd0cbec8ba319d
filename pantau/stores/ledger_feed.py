"""The ledger's reading of the three streams it audits (alerts, triage decisions, threshold changes), as one
Redis consumer group: every entry is handed out until acknowledged, so a ledger restart misses nothing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import ResponseError

from pantau.stores.client import as_text
from pantau.stores.keys import ALERT_STREAM, THRESHOLD_CHANGES, TRIAGE_STREAM

LEDGER_GROUP = "pantau-ledger"
SOURCES = (ALERT_STREAM, TRIAGE_STREAM, THRESHOLD_CHANGES)
ALERT, TRIAGE, THRESHOLD = "alert", "triage", "threshold"
_KINDS = {ALERT_STREAM: ALERT, TRIAGE_STREAM: TRIAGE, THRESHOLD_CHANGES: THRESHOLD}


@dataclass(frozen=True, slots=True)
class FeedEntry:
    kind: str  # alert | triage | threshold
    stream: str  # the stream's name (the ledger's metrics label entries by it)
    entry_id: str
    fields: Mapping[bytes, bytes]  # empty for an entry trimmed away while pending


class LedgerFeed:
    def __init__(self, client: Redis, consumer: str) -> None:
        self._client: Any = client
        self._consumer = consumer

    async def setup(self) -> None:
        for stream in SOURCES:
            try:
                await self._client.xgroup_create(stream, LEDGER_GROUP, id="0", mkstream=True)
            except ResponseError as exc:
                if "BUSYGROUP" not in str(exc):
                    raise

    async def read(self, *, new: bool, block_ms: int | None, count: int = 200) -> list[FeedEntry]:
        """This consumer's unacknowledged entries (new=False) or entries no consumer has had yet (new=True)."""
        response = await self._client.xreadgroup(
            LEDGER_GROUP, self._consumer, {s: ">" if new else "0" for s in SOURCES}, count=count, block=block_ms
        )
        out = []
        for stream, entries in response or []:
            name = as_text(stream)
            out += [FeedEntry(_KINDS[name], name, as_text(i), fields or {}) for i, fields in entries]
        return out

    async def ack(self, entry: FeedEntry) -> None:
        await self._client.xack(entry.stream, LEDGER_GROUP, entry.entry_id)
