"""Events from an outside Kafka client through the real worker into Redis and the dead-letter topic."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from pantau.domain.alerts import alert_id
from pantau.domain.events import parse_event

from .conftest import Stack, Worker, wait_for
from .helpers import alerts_by_event, dead_letters, encode, event, publish

pytestmark = pytest.mark.integration

BAD = {
    "invalid_json": b'{"event_id": "x", ',
    "invalid_utf8": b'{"event_id": "\xff"}',
    "duplicate_key": b'{"event_id": "a", "event_id": "b"}',
    "non_finite_number": b'{"metrics": {"views": NaN}}',
    "lone_surrogate": b'{"event_id": "\\udc00"}',
    "too_large": b'{"text": "' + b"a" * 70_000 + b'"}',
    "not_an_object": b"[1, 2]",
}


def delta(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    return {k: after[k] - before.get(k, 0.0) for k in after}


def wait_accounted(worker: Worker, before: dict[str, float], expected: int) -> dict[str, float]:
    wait_for(lambda: sum(delta(before, worker.outcomes()).values()) >= expected, 90, f"{expected} events")
    time.sleep(0.5)  # anything beyond the expected count would be a double count: let it show
    return delta(before, worker.outcomes())


def test_every_published_event_is_accounted_exactly_once(stack: Stack, worker: Worker) -> None:
    run = f"acc-{uuid.uuid4().hex[:6]}-"
    posts = [event(f"{run}p{i}") for i in range(30)]
    likes = [event(f"{run}l{i}", action="like") for i in range(10)]
    bad = [(f"{run}bad-{reason}".encode(), payload) for reason, payload in BAD.items()]
    before, metrics_before = worker.outcomes(), worker.metrics()

    publish(stack.bootstrap, [encode(e) for e in posts + likes] + bad)
    outcomes = wait_accounted(worker, before, len(posts) + len(likes) + len(bad))

    assert outcomes == {"alert": 30, "benign": 10, "rejected": len(BAD)}
    alerts = alerts_by_event(stack.redis.url, run)
    assert sorted(alerts) == sorted(e["event_id"] for e in posts)
    assert all(len(entries) == 1 for entries in alerts.values())
    sample = alerts[f"{run}p0"][0]
    assert sample["alert_id"] == alert_id(parse_event(json.dumps(posts[0]).encode()), "hoax")
    assert sample["source"]["topic"] == "pantau.events" and sample["model_version"] == "tiny-random-seed0"

    letters = dead_letters(stack.bootstrap, run)
    assert sorted(d["reason"] for d in letters) == sorted(BAD)
    for letter in letters:
        assert letter["source_topic"] == "pantau.events" and letter["offset"] >= 0 and letter["error"]

    metrics = delta(metrics_before, worker.metrics())
    hoax_alerts = sum(v for k, v in metrics.items() if k.startswith("pantau_alerts_total{") and "type=hoax" in k)
    assert hoax_alerts == 30
    assert metrics["pantau_events_consumed_total{}"] == 47
    assert metrics["pantau_events_valid_total{}"] == 40
    for reason in BAD:
        assert metrics[f"pantau_events_rejected_total{{reason={reason}}}"] == 1
    assert metrics["pantau_end_to_end_seconds_count{}"] == 30


def test_replaying_the_same_events_adds_no_alert(stack: Stack, worker: Worker) -> None:
    run = f"rep-{uuid.uuid4().hex[:6]}-"
    posts = [encode(event(f"{run}{i}")) for i in range(20)]
    before = worker.outcomes()
    publish(stack.bootstrap, posts)
    wait_accounted(worker, before, 20)
    duplicates_before = worker.metrics()["pantau_alerts_duplicate_total{}"]

    before = worker.outcomes()
    publish(stack.bootstrap, posts)
    wait_accounted(worker, before, 20)

    alerts = alerts_by_event(stack.redis.url, run)
    assert len(alerts) == 20 and all(len(v) == 1 for v in alerts.values())
    assert worker.metrics()["pantau_alerts_duplicate_total{}"] - duplicates_before == 20


def test_redis_outage_is_waited_out_not_dropped(stack: Stack, worker: Worker) -> None:
    run = f"out-{uuid.uuid4().hex[:6]}-"
    errors_before = worker.metrics().get("pantau_redis_errors_total{operation=write_alerts}", 0.0)
    os.kill(stack.redis.pid, signal.SIGSTOP)
    try:
        publish(stack.bootstrap, [encode(event(f"{run}{i}")) for i in range(5)])
        wait_for(
            lambda: worker.metrics().get("pantau_redis_errors_total{operation=write_alerts}", 0.0) > errors_before,
            60,
            "the worker to notice the outage",
        )
    finally:
        os.kill(stack.redis.pid, signal.SIGCONT)
    wait_for(lambda: len(alerts_by_event(stack.redis.url, run)) == 5, 60, "alerts after the outage")
    assert all(len(v) == 1 for v in alerts_by_event(stack.redis.url, run).values())


def test_replay_command_publishes_a_file(stack: Stack, worker: Worker, tmp_path: Path) -> None:
    run = f"cli-{uuid.uuid4().hex[:6]}-"
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(json.dumps(event(f"{run}{i}")) for i in range(8)) + "\n\n")
    before = worker.outcomes()
    result = subprocess.run(
        [sys.executable, "-m", "pantau", "replay", str(path), "--rate", "100"],
        env=stack.env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "sent 8 events" in result.stdout
    assert wait_accounted(worker, before, 8)["alert"] == 8
