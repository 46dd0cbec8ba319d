"""Consumer lag per input partition: the broker's high watermark minus the next offset this worker will
process. On Tansu the high watermark undercounts after multi-record produces, so lag reads low there."""

from __future__ import annotations

from typing import Any

import faust

from pantau.runtime.metrics import WorkerMetrics
from streams.topics import INPUT_TOPIC


class Positions:
    """The next offset to process per partition, as batches complete."""

    def __init__(self) -> None:
        self.next_offset: dict[int, int] = {}

    def advance(self, records: Any) -> None:
        for record in records:
            if record.offset + 1 > self.next_offset.get(record.partition, -1):
                self.next_offset[record.partition] = record.offset + 1


def register_lag_gauge(app: faust.App, metrics: WorkerMetrics, positions: Positions, *, interval_s: float) -> None:
    shown: set[str] = set()

    async def update() -> None:
        consumer = app.consumer
        current: set[str] = set()
        for tp in consumer.assignment():
            if tp.topic != INPUT_TOPIC:
                continue
            position = positions.next_offset.get(tp.partition)
            if position is None:
                position = await consumer.position(tp)
            highwater = consumer.highwater(tp)
            if position is None or highwater is None:
                continue
            label = str(tp.partition)
            metrics.consumer_lag.labels(label).set(max(0, highwater - position))
            current.add(label)
        for gone in shown - current:  # partitions handed to another worker
            metrics.consumer_lag.remove(gone)
        shown.clear()
        shown.update(current)

    app.timer(interval=interval_s, name="pantau.consumer_lag")(update)
