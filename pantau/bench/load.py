"""Benchmark load: unique events over real post texts, stamped at the moment they are sent."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from datetime import UTC, datetime

from streams.topics import INPUT_TOPIC


def bench_event(event_id: str, text: str, now: float) -> bytes:
    created = datetime.fromtimestamp(now, UTC).isoformat(timespec="milliseconds")
    return json.dumps(
        {
            "event_id": event_id,
            "platform": "x",
            "action": "post",
            "account": {"id": f"bench-{event_id}", "handle": "@bench"},
            "text": text,
            "created_at": created,
            "region": "Kota Sukamaju",
            "metrics": {"followers": 100},
        },
        ensure_ascii=False,
    ).encode()


def send(
    bootstrap: str, prefix: str, texts: Sequence[str], *, rate: float | None, start_index: int = 0
) -> dict[str, float]:
    """Publish one event per text, open loop at `rate` (None: as fast as possible); returns send times."""
    from kafka import KafkaProducer

    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=2, client_id="pantau-bench")
    sent_at: dict[str, float] = {}
    started = time.monotonic()
    try:
        for i, text in enumerate(texts):
            if rate:
                delay = started + i / rate - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            event_id = f"{prefix}-{start_index + i}"
            now = time.time()
            producer.send(INPUT_TOPIC, key=event_id.encode(), value=bench_event(event_id, text, now))
            sent_at[event_id] = now
        producer.flush()
    finally:
        producer.close()
    return sent_at
