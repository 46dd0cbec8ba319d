"""Alerts to Redis per CONTRACT.md: a stream entry on `pantau:alerts` and a state key per alert.

Idempotent by construction: one Lua script checks the state key and, only when it is absent, writes the
state and appends to the stream, atomically. Redelivered events therefore add nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from redis.asyncio import Redis

ALERT_STREAM = "pantau:alerts"
ALERT_KEY = "pantau:alert:{alert_id}"

# KEYS: state key, stream. ARGV: state, ttl_s, maxlen, alert_id, type, severity, event_id, alert.
# Returns the new stream id, or false when the alert already exists.
_WRITE_ONCE = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  return false
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
local id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*',
  'alert_id', ARGV[4], 'type', ARGV[5], 'severity', ARGV[6], 'event_id', ARGV[7], 'alert', ARGV[8])
local now = redis.call('TIME')
redis.call('XTRIM', KEYS[2], 'MINID', '~', string.format('%d', (tonumber(now[1]) - tonumber(ARGV[2])) * 1000))
return id
"""


def alert_key(alert_id: str) -> str:
    return ALERT_KEY.format(alert_id=alert_id)


def initial_state(alert: dict[str, Any]) -> dict[str, Any]:
    """The alert's state as first written: the alert itself plus an untouched triage record."""
    return {**alert, "occurrences": 1, "triage": {"status": "new", "history": []}}


class RedisAlertSink:
    """Writes alerts once each; lifecycle setup → write… → close."""

    def __init__(self, client: Redis, *, ttl_s: int, stream_maxlen: int) -> None:
        self._client = client
        self._ttl_s = ttl_s
        self._maxlen = stream_maxlen
        self._script = client.register_script(_WRITE_ONCE)

    async def setup(self) -> None:
        await self._client.ping()

    async def write(self, alerts: Sequence[dict[str, Any]]) -> list[bool]:
        """Write a batch in one round trip; True for each alert that is new, False for a duplicate."""
        if not alerts:
            return []
        async with self._client.pipeline(transaction=False) as pipe:
            for alert in alerts:
                body = json.dumps(alert, ensure_ascii=False, separators=(",", ":"))
                state = json.dumps(initial_state(alert), ensure_ascii=False, separators=(",", ":"))
                await self._script(
                    keys=[alert_key(alert["alert_id"]), ALERT_STREAM],
                    args=[
                        state,
                        self._ttl_s,
                        self._maxlen,
                        alert["alert_id"],
                        alert["type"],
                        alert["severity"],
                        alert["event_id"],
                        body,
                    ],
                    client=pipe,
                )
            results = await pipe.execute()
        return [result is not None for result in results]

    async def close(self) -> None:
        await self._client.aclose()
