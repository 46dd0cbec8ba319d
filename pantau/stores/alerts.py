"""Alerts to Redis per CONTRACT.md: a stream entry on `pantau:alerts` and a state key per alert.

Idempotent by construction. One Lua script, atomically per alert:
- records the event id in the alert's event set; an event seen before changes nothing (redelivery);
- a new alert: writes the state, appends to the stream, and links it to the person (nip_hash);
- a known alert from a new event (the same account acting on the same content again): raises the
  state's occurrence count, without a second stream entry.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

from redis.asyncio import Redis

from pantau.stores.client import as_text

# Re-exported for the modules that still spell these themselves (see tests/unit/test_store_keys.py).
from pantau.stores.keys import ALERT_EVENTS as ALERT_EVENTS
from pantau.stores.keys import ALERT_STREAM, alert_events_key, alert_key
from pantau.stores.keys import person_alerts_key as person_key

NEW, REPEAT, DUPLICATE = "new", "repeat", "duplicate"

# KEYS: state, stream, event set, person zset.
# ARGV: state, ttl_s, maxlen, alert_id, type, severity, event_id, alert, now_ms, has_person, detected_at.
_WRITE_ONCE = """
local fresh_event = redis.call('SADD', KEYS[3], ARGV[7])
redis.call('EXPIRE', KEYS[3], ARGV[2])
local current = redis.call('GET', KEYS[1])
if current then
  if fresh_event == 0 then
    return 'duplicate'
  end
  local state = cjson.decode(current)
  state['occurrences'] = (tonumber(state['occurrences']) or 1) + 1
  state['last_event_id'] = ARGV[7]
  state['last_seen_at'] = ARGV[11]
  redis.call('SET', KEYS[1], cjson.encode(state), 'KEEPTTL')
  return 'repeat'
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*',
  'alert_id', ARGV[4], 'type', ARGV[5], 'severity', ARGV[6], 'event_id', ARGV[7], 'alert', ARGV[8])
local now = redis.call('TIME')
redis.call('XTRIM', KEYS[2], 'MINID', '~', string.format('%d', (tonumber(now[1]) - tonumber(ARGV[2])) * 1000))
if ARGV[10] == '1' then
  redis.call('ZADD', KEYS[4], ARGV[9], ARGV[4])
  redis.call('EXPIRE', KEYS[4], ARGV[2])
end
return 'new'
"""


def initial_state(alert: dict[str, Any]) -> dict[str, Any]:
    """The alert's state as first written: the alert itself plus an untouched triage record."""
    return {**alert, "last_event_id": alert["event_id"], "triage": {"status": "new"}}


class RedisAlertSink:
    """Writes alerts once each; lifecycle setup → write… → close."""

    def __init__(self, client: Redis, *, ttl_s: int, stream_maxlen: int, repeat_window_s: int = 30 * 86400) -> None:
        self._client = client
        self._ttl_s = ttl_s
        self._maxlen = stream_maxlen
        self._window_s = repeat_window_s
        self._script = client.register_script(_WRITE_ONCE)

    async def setup(self) -> None:
        await self._client.ping()

    async def prior_alerts(self, nip_hashes: Sequence[str]) -> dict[str, int]:
        """Alerts already linked to each person within the repeat window."""
        unique = sorted(set(nip_hashes))
        if not unique:
            return {}
        since = (time.time() - self._window_s) * 1000
        async with self._client.pipeline(transaction=False) as pipe:
            for nip_hash in unique:
                pipe.zcount(person_key(nip_hash), since, "+inf")
            counts = await pipe.execute()
        return dict(zip(unique, (int(c) for c in counts), strict=True))

    async def write(self, alerts: Sequence[dict[str, Any]]) -> list[str]:
        """Write a batch in one round trip; per alert NEW, REPEAT (occurrence counted) or DUPLICATE."""
        if not alerts:
            return []
        now_ms = int(time.time() * 1000)
        async with self._client.pipeline(transaction=False) as pipe:
            for alert in alerts:
                aid = alert["alert_id"]
                nip_hash = (alert.get("asn") or {}).get("nip_hash") or ""
                body = json.dumps(alert, ensure_ascii=False, separators=(",", ":"))
                state = json.dumps(initial_state(alert), ensure_ascii=False, separators=(",", ":"))
                await self._script(
                    keys=[alert_key(aid), ALERT_STREAM, alert_events_key(aid), person_key(nip_hash or "-")],
                    args=[
                        state,
                        self._ttl_s,
                        self._maxlen,
                        aid,
                        alert["type"],
                        alert["severity"],
                        alert["event_id"],
                        body,
                        now_ms,
                        "1" if nip_hash else "0",
                        alert["detected_at"],
                    ],
                    client=pipe,
                )
            results = await pipe.execute()
        return [r.decode() if isinstance(r, bytes) else str(r) for r in results]

    async def close(self) -> None:
        await self._client.aclose()


@dataclass(frozen=True, slots=True)
class AlertEntry:
    """One entry of the alert stream as written (CONTRACT.md): its id and its string fields."""

    stream_id: str
    fields: dict[str, str]

    @property
    def alert_id(self) -> str:
        return self.fields["alert_id"]

    @property
    def epoch_ms(self) -> int:
        """When Redis appended it (the stream id's time part)."""
        return int(self.stream_id.split("-")[0])

    def alert(self) -> dict[str, Any]:
        """The alert as first written (not its current state)."""
        loaded: dict[str, Any] = json.loads(self.fields["alert"])
        return loaded


def _entries(raw: Sequence[tuple[Any, dict[Any, Any]]]) -> list[AlertEntry]:
    return [AlertEntry(as_text(i), {as_text(k): as_text(v) for k, v in f.items()}) for i, f in raw]


class AlertStore:
    """Reads the alert stream and the alerts' current states; the writes are RedisAlertSink's (and, for
    citizen reports, ReportStore's)."""

    def __init__(self, client: Redis) -> None:
        self._client: Any = client  # redis-py response types are unions of bytes and str

    async def state(self, alert_id: str) -> dict[str, Any] | None:
        """The alert's current state (triage, occurrences…), or None once its retention ended."""
        raw = await self._client.get(alert_key(alert_id))
        return json.loads(raw) if raw else None

    async def states(self, alert_ids: Sequence[str]) -> list[dict[str, Any] | None]:
        """Current states in the order asked, None where an alert is gone; one round trip."""
        raws = await self._client.mget([alert_key(i) for i in alert_ids]) if alert_ids else []
        return [json.loads(r) if r else None for r in raws]

    async def with_state(self, entries: Sequence[AlertEntry]) -> list[dict[str, Any]]:
        """Stream entries as alerts carrying their current state (an untouched triage where the state is
        gone) and their `stream_id`."""
        alerts = [e.alert() for e in entries]
        states = await self.states([a["alert_id"] for a in alerts])
        out = []
        for entry, alert, state in zip(entries, alerts, states, strict=True):
            merged = state or {**alert, "triage": {"status": "new"}}
            merged["stream_id"] = entry.stream_id
            out.append(merged)
        return out

    async def pages(
        self,
        *,
        start_ms: int | None = None,
        end_ms: int | None = None,
        page: int = 5000,
        newest_first: bool = False,
    ) -> AsyncIterator[list[AlertEntry]]:
        """The stream from start_ms (inclusive) to end_ms (exclusive), a page at a time; oldest first unless
        newest_first. Each page is read when asked for: a caller may stop early or delete as it goes."""
        low = f"{start_ms}-0" if start_ms is not None else "-"
        high = f"({end_ms}-0" if end_ms is not None else "+"
        while True:
            if newest_first:
                batch = _entries(await self._client.xrevrange(ALERT_STREAM, max=high, min=low, count=page))
            else:
                batch = _entries(await self._client.xrange(ALERT_STREAM, min=low, max=high, count=page))
            if batch:
                yield batch
            if len(batch) < page:
                return
            if newest_first:
                high = "(" + batch[-1].stream_id
            else:
                low = "(" + batch[-1].stream_id

    async def entries(self, *, start_ms: int | None = None, end_ms: int | None = None) -> list[AlertEntry]:
        """Every entry of the window, oldest first (for small windows and test-sized streams)."""
        return [entry async for batch in self.pages(start_ms=start_ms, end_ms=end_ms) for entry in batch]

    async def recent(self, count: int) -> list[AlertEntry]:
        """The newest `count` entries, newest first."""
        return _entries(await self._client.xrevrange(ALERT_STREAM, count=count))

    async def newest_id(self) -> str | None:
        """The newest entry's stream id; None for an empty stream."""
        newest = await self.recent(1)
        return newest[0].stream_id if newest else None

    async def after(self, last_id: str, *, block_ms: int, count: int = 100) -> list[AlertEntry]:
        """Entries written after `last_id` (oldest first), waiting up to block_ms for one."""
        response = await self._client.xread({ALERT_STREAM: last_id}, count=count, block=block_ms)
        return _entries([entry for _stream, batch in response or [] for entry in batch])

    async def length(self) -> int:
        return int(await self._client.xlen(ALERT_STREAM))

    async def event_ids(self, alert_id: str) -> set[str]:
        """The events that raised the alert (a repeated alert has several)."""
        return {as_text(m) for m in await self._client.smembers(alert_events_key(alert_id))}

    async def person_history(self, nip_hash: str, limit: int = 200) -> list[dict[str, Any]]:
        """The person's alerts, newest first, as current states."""
        ids = [as_text(i) for i in await self._client.zrevrange(person_key(nip_hash), 0, limit - 1)]
        return [s for s in await self.states(ids) if s]

    async def person_alert_ids(self, nip_hash: str, *, since_ms: float, limit: int) -> list[str]:
        """Ids of the person's alerts written since since_ms, newest first, at most `limit`."""
        raw = await self._client.zrevrangebyscore(person_key(nip_hash), "+inf", since_ms, start=0, num=limit)
        return [as_text(r) for r in raw]
