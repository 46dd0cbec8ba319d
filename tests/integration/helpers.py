"""Publishing and inspection helpers shared by the integration tests."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import redis
from kafka import KafkaConsumer, KafkaProducer

from pantau.stores.alerts import ALERT_STREAM
from streams.topics import DLQ_TOPIC, INPUT_TOPIC

from .conftest import free_port, wait_for


def event(
    event_id: str, action: str = "post", text: str = "Beredar kabar surat suara sudah dicoblos"
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "event_id": event_id,
        "platform": "x",
        "action": action,
        "account": {"id": "42", "handle": "@uji"},
        "created_at": "2024-11-20T08:15:00+07:00",
        "text": text if action != "like" else "",
        "region": "Kota Uji",
        "metrics": {"followers": 10},
    }
    if action == "like":
        body["target"] = {"id": "t", "author": "@paslon", "text": text}
    return body


def publish(bootstrap: str, messages: list[tuple[bytes, bytes]]) -> None:
    """Send (key, value) pairs from an outside client and wait until the broker has them."""
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all")
    try:
        for key, value in messages:
            producer.send(INPUT_TOPIC, key=key, value=value)
        producer.flush()
    finally:
        producer.close()


def encode(body: dict[str, Any]) -> tuple[bytes, bytes]:
    return body["event_id"].encode(), json.dumps(body).encode()


def alerts_by_event(redis_url: str, prefix: str) -> dict[str, list[dict[str, Any]]]:
    """Stream entries whose event_id starts with prefix, grouped by event_id."""
    client = redis.Redis.from_url(redis_url)
    found: dict[str, list[dict[str, Any]]] = {}
    for _id, fields in client.xrange(ALERT_STREAM):
        if fields[b"event_id"].decode().startswith(prefix):
            alert = json.loads(fields[b"alert"])
            found.setdefault(alert["event_id"], []).append(alert)
    return found


def dead_letters(bootstrap: str, key_prefix: str) -> list[dict[str, Any]]:
    """All dead letters whose message key starts with key_prefix."""
    consumer = KafkaConsumer(
        DLQ_TOPIC,
        bootstrap_servers=bootstrap,
        auto_offset_reset="earliest",
        consumer_timeout_ms=2000,
        enable_auto_commit=False,
    )
    try:
        return [json.loads(m.value) for m in consumer if m.key and m.key.decode().startswith(key_prefix)]
    finally:
        consumer.close()


@contextmanager
def served_dashboard(env: dict[str, str], log_path: Path) -> Iterator[str]:
    """`pantau dashboard` on a free port with `env`, until it answers /healthz; yields its base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        try:
            return bool(urlopen(f"{base}/healthz", timeout=1).status == 200)
        except OSError:
            return False

    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "pantau", "dashboard", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(up, 30, "the dashboard")
            yield base
        finally:
            process.terminate()
            process.wait(timeout=30)
