"""Publish a JSONL file to the input topic with kafka-python, optionally at a fixed rate.

Each non-empty line is sent as-is, valid or not: replaying bad input is how the dead-letter path is tested.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from streams.topics import INPUT_TOPIC


@dataclass(frozen=True, slots=True)
class ReplayReport:
    sent: int
    seconds: float
    # partition -> offset of the last message sent there, from the broker's acknowledgements (exact, unlike
    # Tansu's high watermark, which undercounts batched produces); empty unless asked for
    last_offsets: dict[int, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.sent / self.seconds if self.seconds > 0 else float("inf")


def read_lines(path: Path) -> Iterator[bytes]:
    with path.open("rb") as fh:
        for line in fh:
            line = line.rstrip(b"\r\n")
            if line.strip():
                yield line


def message_key(value: bytes) -> bytes | None:
    """The event_id when the line is a JSON object with one; else no key (the worker will reject it)."""
    try:
        event_id = json.loads(value).get("event_id")
        return event_id.encode("utf-8") if isinstance(event_id, str) else None
    except (ValueError, AttributeError):  # UnicodeError is a ValueError
        return None


def replay(
    bootstrap: str,
    lines: Iterator[bytes],
    *,
    rate: float | None = None,
    topic: str = INPUT_TOPIC,
    on_sent: Callable[[int], None] | None = None,
    client_options: dict[str, Any] | None = None,
    track_offsets: bool = False,
) -> ReplayReport:
    """Send every line; with `rate`, pace sends to that many per second (open loop, no catch-up burst)."""
    from kafka import KafkaProducer

    producer = KafkaProducer(
        bootstrap_servers=bootstrap, acks="all", linger_ms=5, client_id="pantau-replay", **(client_options or {})
    )
    started = time.monotonic()
    sent = 0
    futures: list[Any] = []
    try:
        for value in lines:
            if rate:
                delay = started + sent / rate - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            future = producer.send(topic, key=message_key(value), value=value)
            if track_offsets:
                futures.append(future)
            sent += 1
            if on_sent:
                on_sent(sent)
        producer.flush()
        last: dict[int, int] = {}
        for future in futures:
            meta = future.get(timeout=30)
            last[meta.partition] = max(last.get(meta.partition, -1), meta.offset)
    finally:
        producer.close()
    return ReplayReport(sent, time.monotonic() - started, last)
