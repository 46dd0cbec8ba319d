"""The classification agent: micro-batches from `pantau.events`, acknowledged only after their writes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import faust

from agents.lag import Positions
from pantau.domain.deadletter import RawRecord
from pantau.runtime.metrics import WorkerMetrics
from pantau.runtime.pipeline import BatchProcessor
from streams.topics import INPUT_TOPIC


def raw_record(message: Any) -> RawRecord:
    """A Faust message as a client-independent record (Faust gives timestamps in seconds)."""
    timestamp = message.timestamp
    return RawRecord(
        topic=message.topic,
        partition=message.partition,
        offset=message.offset,
        key=message.key,
        value=message.value if message.value is not None else b"",
        timestamp_ms=int(timestamp * 1000) if timestamp else None,
    )


def register_classify_agent(
    app: faust.App,
    topic: Any,
    processor: BatchProcessor,
    *,
    batch_size: int,
    within_s: float,
    before_first_batch: Callable[[], Awaitable[None]] | None = None,
    positions: Positions | None = None,
) -> Any:
    """Attach the agent to `app`. concurrency=1: faust#606 loses messages with more."""

    # noack_take, not take: take() acks its batch in a `finally`, so a crash or cancellation
    # mid-batch would acknowledge events whose alerts were never written.
    @app.agent(topic, concurrency=1, name="pantau.classify")
    async def classify(stream: Any) -> None:
        if before_first_batch is not None:
            await before_first_batch()
        async for events in stream.noack_take(batch_size, within=within_s):
            records = [raw_record(event.message) for event in events]
            await processor.process(records)
            for event in events:
                await stream.ack(event)
            if positions is not None:
                positions.advance(records)

    return classify


def track_assignment(app: faust.App, metrics: WorkerMetrics) -> None:
    """Export how many input partitions this worker holds: 0 means it has not joined (or lost) the group."""

    @app.on_partitions_assigned.connect
    async def on_assigned(_sender: Any, /, *args: Any, signal: Any, **_kwargs: Any) -> None:
        assigned: set[Any] = args[0] if args else set()
        metrics.assigned_partitions.set(sum(1 for tp in assigned if tp.topic == INPUT_TOPIC))
