"""Delivery of escalations from the outbox to PANTAU_WEBHOOK_URL: signed, retried with backoff, dead-lettered.

Each outbox entry stays pending in the consumer group until its escalation is delivered or dead, so a
deliverer that dies mid-attempt leaves it for its successor (same consumer name) or for another deliverer
(claimed after `claim_idle_ms`). The webhook-id is the escalation id: the receiver deduplicates on it, and
every attempt sends the same bytes.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import aiohttp

from pantau.escalation.metrics import EscalationMetrics
from pantau.escalation.signing import signed_headers
from pantau.runtime.retry import backoff_delay
from pantau.stores.audit import AuditItem, AuditLog
from pantau.stores.client import utc_iso
from pantau.stores.escalations import DEAD_STATUS, DELIVERED, PENDING_STATUS, EscalationStore

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Attempt:
    ok: bool
    status: int | None
    failure: str | None  # timeout | connection | http_4xx | http_5xx | other
    detail: str


class WebhookSender:
    """POSTs one signed body; lifecycle setup → send… → close."""

    def __init__(self, url: str, keys: Sequence[bytes], *, timeout_s: float) -> None:
        self._url = url
        self._keys = list(keys)
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._session: aiohttp.ClientSession | None = None

    async def setup(self) -> None:
        self._session = aiohttp.ClientSession(timeout=self._timeout)

    async def send(self, msg_id: str, body: bytes) -> Attempt:
        assert self._session is not None, "setup() first"
        headers = signed_headers(self._keys, msg_id, int(time.time()), body)
        headers["content-type"] = "application/json"
        try:
            async with self._session.post(self._url, data=body, headers=headers) as response:
                text = (await response.text())[:200]
                if 200 <= response.status < 300:
                    return Attempt(True, response.status, None, text)
                kind = "http_5xx" if response.status >= 500 else "http_4xx"
                return Attempt(False, response.status, kind, f"HTTP {response.status}: {text}")
        except TimeoutError:
            return Attempt(False, None, "timeout", "no answer within the timeout")
        except aiohttp.ClientConnectionError as exc:
            return Attempt(False, None, "connection", f"{type(exc).__name__}: {exc}"[:200])
        except aiohttp.ClientError as exc:
            return Attempt(False, None, "other", f"{type(exc).__name__}: {exc}"[:200])

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


class Deliverer:
    def __init__(
        self,
        store: EscalationStore,
        sender: WebhookSender,
        audit: AuditLog,
        metrics: EscalationMetrics,
        *,
        consumer: str,
        max_attempts: int,
        backoff_base_s: float,
        backoff_max_s: float,
        concurrency: int = 4,
        claim_idle_ms: int = 600_000,
        clock: Callable[[], float] = time.time,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self._store = store
        self._sender = sender
        self._audit = audit
        self._metrics = metrics
        self._consumer = consumer
        self._max_attempts = max_attempts
        self._base = backoff_base_s
        self._cap = backoff_max_s
        self._limit = asyncio.Semaphore(concurrency)
        self._claim_idle_ms = claim_idle_ms
        self._clock = clock
        self._rand = rand

    async def run_once(self, block_ms: int = 500) -> int:
        """One pass over this consumer's outbox entries; returns the number of attempts made."""
        entries = dict(await self._store.claim_abandoned(self._consumer, self._claim_idle_ms))
        entries.update(await self._store.read(self._consumer, new=False, count=500, block_ms=None))
        entries.update(await self._store.read(self._consumer, new=True, count=100, block_ms=block_ms))
        results = await asyncio.gather(*(self._deliver(entry, eid) for entry, eid in entries.items()))
        await self.refresh_backlog()
        return sum(results)

    async def refresh_backlog(self) -> None:
        pending, dead = await self._store.backlog()
        self._metrics.backlog.set(pending)
        self._metrics.dead_backlog.set(dead)

    async def _deliver(self, entry_id: str, escalation_id: str) -> int:
        state = await self._store.state(escalation_id)
        if state is None or state["status"] != PENDING_STATUS:
            await self._store.ack(entry_id)  # delivered, dead or expired: nothing left to do for this entry
            return 0
        if float(state.get("next_attempt_at", 0)) > self._clock():
            return 0
        body = await self._store.body(escalation_id)
        if body is None:
            await self._finish(state, entry_id, DEAD_STATUS, "the evidence body is gone (retention ended)")
            return 0
        async with self._limit:
            attempt = await self._sender.send(escalation_id, body)
        now = self._clock()
        self._metrics.attempts.inc()
        state.update(attempts=int(state.get("attempts", 0)) + 1, last_attempt_at=now, last_status=attempt.status)
        if attempt.ok:
            state.update(delivered_at=utc_iso())
            self._metrics.sent.inc()
            self._metrics.delivery_seconds.observe(max(0.0, now - float(state.get("created_epoch", now))))
            await self._finish(state, entry_id, DELIVERED, None)
            return 1
        self._metrics.failures.labels(attempt.failure or "other").inc()
        state["last_error"] = attempt.detail
        if state["attempts"] >= self._max_attempts:
            reason = f"{state['attempts']} attempts failed; last: {attempt.detail}"
            log.error("escalation %s dead-lettered: %s", escalation_id, reason)
            self._metrics.dead.inc()
            await self._finish(state, entry_id, DEAD_STATUS, reason)
            return 1
        delay = backoff_delay(state["attempts"], base_s=self._base, max_s=self._cap, rand=self._rand())
        state["next_attempt_at"] = now + delay
        log.warning(
            "escalation %s attempt %d failed (%s); next in %.1fs",
            escalation_id,
            state["attempts"],
            attempt.detail,
            delay,
        )
        await self._store.save(state)
        return 1

    async def _finish(self, state: dict[str, Any], entry_id: str, status: str, reason: str | None) -> None:
        """Record the outcome in the audit chain first, then settle the state and ack the entry.

        In that order a crash in between re-sends (the receiver deduplicates) and re-appends under the same
        audit key (recorded once), instead of losing the audit entry.
        """
        state["status"] = status
        if reason:
            state["dead_reason"] = reason
        eid = state["escalation_id"]
        kind = "escalation.delivered" if status == DELIVERED else "escalation.dead"
        data = {
            "escalation_id": eid,
            "attempts": state["attempts"],
            "http_status": state.get("last_status"),
            "reason": reason,
        }
        # A dead escalation retried by an operator may die or be delivered later: its retry time keeps keys apart.
        key = f"escalation:{eid}:{status}:{state.get('retried_at', 0)}"
        await self._audit.append([AuditItem(kind, key, "pantau", data)])
        await self._store.save(state, ack=entry_id)
