"""Keeps each worker's roster, candidates and thresholds in step with Redis, without a restart."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import faust

from pantau.domain.labels import LABELS
from pantau.domain.reference import ReferenceCache
from pantau.runtime.metrics import WorkerMetrics
from pantau.runtime.retry import retry_until_done
from pantau.stores.claims import ClaimStore
from pantau.stores.reference import ReferenceStore
from pantau.stores.refresh import refresh
from pantau.stores.thresholds import ThresholdStore

log = logging.getLogger(__name__)


def register_reference_refresh(
    app: faust.App, cache: ReferenceCache, client: Any, metrics: WorkerMetrics, *, interval_s: float
) -> Callable[[], Awaitable[None]]:
    """Refresh on a timer; returns the first load, which the agent awaits before its first batch
    (classifying with an empty roster would miss every civil servant)."""
    reference, thresholds, claims = ReferenceStore(client), ThresholdStore(client), ClaimStore(client)

    def publish_gauges() -> None:
        for label, value in cache.thresholds.items():
            if label in LABELS:
                metrics.threshold.labels(label).set(value)

    async def update() -> None:
        try:
            await refresh(cache, reference, thresholds, claims)
        except Exception as exc:  # keep the last good copy; an outage must not stop classification
            metrics.reference_refresh_errors.inc()
            log.warning("reference refresh failed (%s); keeping the last good copy", exc)
        publish_gauges()

    async def first_load() -> None:
        await retry_until_done(
            lambda: refresh(cache, reference, thresholds, claims),
            what="loading roster, candidates, thresholds and claims",
            on_error=lambda _exc: metrics.reference_refresh_errors.inc(),
        )
        publish_gauges()

    app.timer(interval=interval_s, name="pantau.reference_refresh")(update)
    return first_load
