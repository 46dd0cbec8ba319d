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
from collections.abc import Sequence
from typing import Any

from redis.asyncio import Redis

ALERT_STREAM = "pantau:alerts"
ALERT_KEY = "pantau:alert:{alert_id}"
ALERT_EVENTS = "pantau:alert:{alert_id}:events"
PERSON_ALERTS = "pantau:person:{nip_hash}:alerts"
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


def alert_key(alert_id: str) -> str:
    return ALERT_KEY.format(alert_id=alert_id)


def person_key(nip_hash: str) -> str:
    return PERSON_ALERTS.format(nip_hash=nip_hash)


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
                    keys=[alert_key(aid), ALERT_STREAM, ALERT_EVENTS.format(alert_id=aid), person_key(nip_hash or "-")],
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
