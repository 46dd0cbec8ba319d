"""`pantau escalator`: the ledger (audit chain + escalation policy) and the webhook deliverer in one process.

Several may run: deliverers share the outbox through its consumer group, and the ledger runs in whichever
process holds the leader lock. Without PANTAU_WEBHOOK_URL escalations are created and wait in the outbox.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from prometheus_client import CollectorRegistry
from redis.exceptions import RedisError

from pantau.errors import ConfigError
from pantau.escalation.delivery import Deliverer, WebhookSender
from pantau.escalation.ledger import Ledger
from pantau.escalation.metrics import EscalationMetrics
from pantau.escalation.policy import EscalationPolicy
from pantau.escalation.signing import parse_secrets
from pantau.settings import Settings
from pantau.stores.audit import AuditLog
from pantau.stores.client import connect
from pantau.stores.escalations import EscalationStore
from pantau.stores.persons import LeaderLock

log = logging.getLogger(__name__)


def policy_from(settings: Settings) -> EscalationPolicy:
    try:
        return EscalationPolicy(
            critical_at_once=settings.escalation_critical,
            hoax_reach=settings.escalation_hoax_reach,
            person_min_alerts=settings.escalation_person_alerts,
            person_window_days=settings.escalation_person_days,
            person_min_severity=settings.escalation_person_severity,
            claim_accounts=settings.escalation_claim_accounts,
            claim_window_hours=settings.escalation_claim_hours,
        )
    except ValueError as exc:
        raise ConfigError(f"escalation policy: {exc}") from exc


async def _keep_running(name: str, step: Callable[[], Awaitable[Any]], stop: asyncio.Event) -> None:
    """Run `step` until stop is set; a Redis outage is waited out with backoff, never fatal."""
    delay = 0.2
    while not stop.is_set():
        try:
            await step()
            delay = 0.2
        except RedisError as exc:
            log.warning("%s: Redis unavailable (%s); retrying in %.1fs", name, exc, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10.0)


async def run(settings: Settings, registry: CollectorRegistry, stop: asyncio.Event) -> None:
    metrics = EscalationMetrics(registry)
    client: Any = connect(settings.redis_url.get_secret_value())
    store = EscalationStore(client, ttl_s=settings.escalation_ttl_s)
    audit = AuditLog(client)
    ledger = Ledger(
        client,
        store,
        audit,
        policy_from(settings),
        metrics,
        reporting_body=settings.reporting_body,
        ttl_s=settings.escalation_ttl_s,
        consumer=settings.escalator_name,
    )
    lock = LeaderLock(client, f"{settings.escalator_name}:{os.getpid()}:{uuid.uuid4().hex[:6]}")
    sender = None
    if settings.webhook_url:
        if settings.webhook_secret is None:
            raise ConfigError("PANTAU_WEBHOOK_URL is set but PANTAU_WEBHOOK_SECRET is not: escalations must be signed")
        sender = WebhookSender(
            settings.webhook_url,
            parse_secrets(settings.webhook_secret.get_secret_value()),
            timeout_s=settings.webhook_timeout_s,
        )
        await sender.setup()
    else:
        log.warning("PANTAU_WEBHOOK_URL is not set: escalations are created and kept in the outbox, not sent")
    deliverer = (
        Deliverer(
            store,
            sender,
            audit,
            metrics,
            consumer=settings.escalator_name,
            max_attempts=settings.webhook_max_attempts,
            backoff_base_s=settings.webhook_backoff_s,
            backoff_max_s=settings.webhook_backoff_max_s,
            concurrency=settings.webhook_concurrency,
            claim_idle_ms=int(max(600.0, 2 * settings.webhook_backoff_max_s) * 1000),
        )
        if sender
        else None
    )

    async def ledger_step() -> None:
        if await lock.hold():
            await ledger.run_once(block_ms=500)
        else:
            await asyncio.sleep(1.0)

    async def delivery_step() -> None:
        if deliverer is None:
            pending, dead = await store.backlog()
            metrics.backlog.set(pending)
            metrics.dead_backlog.set(dead)
            await asyncio.sleep(1.0)
        else:
            await deliverer.run_once(block_ms=500)

    async def setup_step() -> None:
        await ledger.setup()
        await store.ensure_group()

    try:
        await _until_done(setup_step, stop)
        await asyncio.gather(_keep_running("ledger", ledger_step, stop), _keep_running("delivery", delivery_step, stop))
    finally:
        if sender:
            await sender.close()
        await client.aclose()


async def _until_done(step: Callable[[], Awaitable[Any]], stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await step()
            return
        except RedisError as exc:
            log.warning("escalator setup: Redis unavailable (%s); retrying", exc)
            await asyncio.sleep(1.0)


def run_escalator(settings: Settings) -> None:
    """Run until SIGINT/SIGTERM. Blocks."""
    from pantau.runtime.exposition import serve_metrics

    registry = CollectorRegistry()
    port = serve_metrics(registry, settings.metrics_host, settings.escalator_metrics_port)
    print(f"pantau escalator: metrics on http://{settings.metrics_host}:{port}/metrics", flush=True)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await run(settings, registry, stop)

    asyncio.run(main())
