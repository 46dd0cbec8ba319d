"""Citizen reports in Redis. This module owns every `pantau:report:*` and `pantau:reports:*` key.

- `pantau:report:{code}` (hash): channel, received_ms, the reporter's words, fold and content keys, and the
  `alert_id` of its case once a worker has processed it. TTL: the reports' retention.
- `pantau:report:{code}:contact`: the reporter's contact, apart from everything else; read only for staff
  with the triage role. Never on Kafka, never in an alert.
- `pantau:reports` (zset code → received_ms): what `pantau purge` walks.
- `pantau:reports:fold:{key}` → the code of the first identical report; `pantau:reports:rate:…` fixed-window
  counters (pseudonymous keys, never an address); `pantau:reports:challenge:{nonce}` used proof-of-work tokens.
- `pantau:reports:content:{key}` → the alert on that account and content; `pantau:reports:case:{alert_id}`
  (zset) every tracking code on a case; `…:outcome:{alert_id}` what staff publish; `…:first_review:{alert_id}`.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from redis.exceptions import WatchError

from pantau.domain.events import Event
from pantau.reports.case import add_report, public_status
from pantau.reports.intake import Report, alert_content_key, content_key
from pantau.stores.alerts import NEW, REPEAT, initial_state
from pantau.stores.client import as_text
from pantau.stores.keys import ALERT_STREAM, REPORT, alert_key
from pantau.stores.keys import REPORT_CASE as CASE
from pantau.stores.keys import REPORT_CHALLENGE as USED_CHALLENGE
from pantau.stores.keys import REPORT_CONTACT as CONTACT
from pantau.stores.keys import REPORT_CONTENT as CONTENT
from pantau.stores.keys import REPORT_FIRST_REVIEW as FIRST_REVIEW
from pantau.stores.keys import REPORT_FOLD as FOLD
from pantau.stores.keys import REPORT_OUTCOME as OUTCOME
from pantau.stores.keys import REPORT_RATE as RATE
from pantau.stores.keys import REPORT_SECRET as SECRET
from pantau.stores.keys import REPORTS as INDEX

DUPLICATE = "duplicate"
OUTCOME_CHARS = 500


@dataclass(frozen=True, slots=True)
class Filed:
    code: str
    folded: bool  # an identical report was filed before: this is its code


@dataclass(frozen=True, slots=True)
class ReportStatus:
    code: str
    status: str
    received_ms: int
    outcome: str | None


@dataclass(frozen=True, slots=True)
class CaseReport:
    code: str
    received_ms: int
    channel: str
    words: str


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class ReportStore:
    def __init__(self, client: Any, *, retention_s: int = 90 * 86400) -> None:
        self._client = client
        self._retention_s = retention_s

    async def secret(self) -> bytes:
        """The key that signs challenges and pseudonymises clients, shared by every dashboard replica."""
        await self._client.set(SECRET, secrets.token_hex(32), nx=True)
        return bytes.fromhex(as_text(await self._client.get(SECRET)))

    async def use_challenge(self, nonce: str, expires_at: int) -> bool:
        """True the first time a solved token is presented, False after."""
        ttl = max(1, expires_at - int(time.time()))
        return bool(await self._client.set(USED_CHALLENGE.format(nonce=nonce), "1", nx=True, ex=ttl))

    async def hit(self, scope: str, key: str, *, limit: int, window_s: int) -> bool:
        """Count one request against `limit` per `window_s`; False once it is exceeded."""
        window = int(time.time()) // window_s
        name = RATE.format(scope=scope, key=key, window=window)
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.incr(name)
            pipe.expire(name, window_s + 1)
            count, _ = await pipe.execute()
        return int(count) <= limit

    async def folded(self, fold_key: str) -> str | None:
        raw = await self._client.get(FOLD.format(key=fold_key))
        return as_text(raw) if raw else None

    async def create(self, code: str, report: Report, *, fold_key: str, channel: str, fold_s: int) -> Filed:
        """Record a report before it is published; an identical one filed meanwhile wins (folded)."""
        fold = FOLD.format(key=fold_key)
        if not await self._client.set(fold, code, nx=True, ex=fold_s):
            existing = await self._client.get(fold)
            if existing:
                return Filed(as_text(existing), folded=True)
        now_ms = int(time.time() * 1000)
        record = {
            "channel": channel,
            "received_ms": now_ms,
            "words": report.text,
            "fold": fold_key,
            "content": content_key(report.platform, report.handle, report.url),
        }
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.hset(REPORT.format(code=code), mapping=record)
            pipe.expire(REPORT.format(code=code), self._retention_s)
            if report.contact:
                pipe.set(CONTACT.format(code=code), report.contact, ex=self._retention_s)
            pipe.zadd(INDEX, {code: now_ms})
            await pipe.execute()
        return Filed(code, folded=False)

    async def discard(self, code: str, fold_key: str) -> None:
        """Undo `create` when the report could not be published: nothing is left half-filed."""
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.delete(REPORT.format(code=code), CONTACT.format(code=code))
            pipe.zrem(INDEX, code)
            pipe.delete(FOLD.format(key=fold_key))
            await pipe.execute()

    async def attach(
        self, report_alert: dict[str, Any], event: Event, *, excerpt_chars: int, alert_ttl_s: int, maxlen: int
    ) -> str:
        """A processed report onto its case, once per tracking code: the alert already raised on the same
        account and content (any type), else the report's own `citizen_report` alert. NEW, REPEAT (attached)
        or DUPLICATE (this code was attached before: redelivery)."""
        code = event.tracking_code or ""
        record, content = REPORT.format(code=code), CONTENT.format(key=_content_of(report_alert))
        while True:
            async with self._client.pipeline(transaction=True) as pipe:
                try:
                    await pipe.watch(record, content)
                    if await pipe.hget(record, "alert_id"):
                        return DUPLICATE
                    linked = await pipe.get(content)
                    target = as_text(linked) if linked else report_alert["alert_id"]
                    await pipe.watch(alert_key(target))
                    raw = await pipe.get(alert_key(target))
                    if raw is None and target != report_alert["alert_id"]:  # that alert's retention ended
                        target = report_alert["alert_id"]
                        await pipe.watch(alert_key(target))
                        raw = await pipe.get(alert_key(target))
                    received = await pipe.hget(record, "received_ms")
                    pipe.multi()
                    if raw is None:
                        state = {**initial_state(report_alert), "last_report_at": report_alert["event_time"]}
                        pipe.set(alert_key(target), _json(state), ex=alert_ttl_s)
                        pipe.xadd(
                            ALERT_STREAM,
                            {k: report_alert[k] for k in ("alert_id", "type", "severity", "event_id")}
                            | {"alert": _json(report_alert)},
                            maxlen=maxlen,
                            approximate=True,
                        )
                        pipe.set(content, target, ex=alert_ttl_s)
                    else:
                        pipe.set(
                            alert_key(target), _json(add_report(json.loads(raw), event, excerpt_chars)), keepttl=True
                        )
                    pipe.hset(record, "alert_id", target)
                    pipe.zadd(CASE.format(alert_id=target), {code: int(received or time.time() * 1000)})
                    pipe.expire(CASE.format(alert_id=target), alert_ttl_s)
                    await pipe.execute()
                    return NEW if raw is None else REPEAT
                except WatchError:
                    continue

    async def index_alerts(self, alerts: Sequence[dict[str, Any]], ttl_s: int) -> None:
        """Alerts raised from the stream, by account and content, so a report on the same post joins them."""
        keyed = [(k, a["alert_id"]) for a in alerts if (k := alert_content_key(a))]
        if not keyed:
            return
        async with self._client.pipeline(transaction=False) as pipe:
            for key, aid in keyed:
                pipe.set(CONTENT.format(key=key), aid, nx=True, ex=ttl_s)
            await pipe.execute()

    async def status(self, code: str) -> ReportStatus | None:
        record = await self._client.hgetall(REPORT.format(code=code))
        if not record:
            return None
        fields = {as_text(k): as_text(v) for k, v in record.items()}
        alert_id = fields.get("alert_id")
        triage, outcome = None, None
        if alert_id:
            raw, published = await self._client.mget(alert_key(alert_id), OUTCOME.format(alert_id=alert_id))
            triage = json.loads(raw).get("triage") if raw else None
            outcome = as_text(published) if published else None
        status = public_status(triage, attached=bool(alert_id))
        return ReportStatus(code, status, int(fields.get("received_ms", 0)), outcome)

    async def case(self, alert_id: str, limit: int = 200) -> list[CaseReport]:
        """The reports on a case, oldest first."""
        codes = [as_text(c) for c in await self._client.zrange(CASE.format(alert_id=alert_id), 0, limit - 1)]
        async with self._client.pipeline(transaction=False) as pipe:
            for code in codes:
                pipe.hgetall(REPORT.format(code=code))
            records = await pipe.execute()
        found = []
        for code, record in zip(codes, records, strict=True):
            fields = {as_text(k): as_text(v) for k, v in record.items()}
            if fields:
                found.append(CaseReport(code, int(fields["received_ms"]), fields["channel"], fields["words"]))
        return found

    async def case_size(self, alert_id: str) -> int:
        return int(await self._client.zcard(CASE.format(alert_id=alert_id)))

    async def alert_of(self, code: str) -> str | None:
        raw = await self._client.hget(REPORT.format(code=code), "alert_id")
        return as_text(raw) if raw else None

    async def contacts(self, codes: Sequence[str]) -> dict[str, str]:
        """Reporters' contacts: only for a caller that has checked the triage role."""
        if not codes:
            return {}
        values = await self._client.mget([CONTACT.format(code=c) for c in codes])
        return {c: as_text(v) for c, v in zip(codes, values, strict=True) if v}

    async def publish_outcome(self, alert_id: str, text: str, ttl_s: int) -> None:
        await self._client.set(OUTCOME.format(alert_id=alert_id), text.strip()[:OUTCOME_CHARS], ex=ttl_s)

    async def first_review(self, alert_id: str) -> float | None:
        """Seconds from a case's first report to its first staff decision, the first time it is asked."""
        first = await self._client.zrange(CASE.format(alert_id=alert_id), 0, 0, withscores=True)
        if not first or not await self._client.set(
            FIRST_REVIEW.format(alert_id=alert_id), "1", nx=True, ex=self._retention_s
        ):
            return None
        return max(0.0, time.time() - float(first[0][1]) / 1000)

    async def purge(self, cutoff_ms: int, *, dry_run: bool = False) -> int:
        """Reports received before cutoff_ms, with their contacts (the case's alert goes with the alerts)."""
        old = [as_text(c) for c in await self._client.zrangebyscore(INDEX, "-inf", f"({cutoff_ms}")]
        if dry_run or not old:
            return len(old)
        for start in range(0, len(old), 500):
            chunk = old[start : start + 500]
            async with self._client.pipeline(transaction=False) as pipe:
                for code in chunk:
                    pipe.delete(REPORT.format(code=code), CONTACT.format(code=code))
                pipe.zrem(INDEX, *chunk)
                await pipe.execute()
        return len(old)


def _content_of(alert: dict[str, Any]) -> str:
    return alert_content_key(alert) or alert["alert_id"]


class ReportCases:
    """The worker's side of the store (pantau.runtime.pipeline.ReportCaseWriter), with the alert settings bound."""

    def __init__(self, store: ReportStore, *, excerpt_chars: int, alert_ttl_s: int, stream_maxlen: int) -> None:
        self._store = store
        self._excerpt_chars = excerpt_chars
        self._ttl_s = alert_ttl_s
        self._maxlen = stream_maxlen

    async def attach(self, alert: dict[str, Any], event: Event) -> str:
        return await self._store.attach(
            alert, event, excerpt_chars=self._excerpt_chars, alert_ttl_s=self._ttl_s, maxlen=self._maxlen
        )

    async def index_alerts(self, alerts: Sequence[dict[str, Any]]) -> None:
        await self._store.index_alerts(alerts, self._ttl_s)
