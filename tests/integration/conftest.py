"""Real services for integration tests, started once per session: Tansu, Valkey, and one worker process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from infra.devservices import DevServices, Service
from nlp.training.tiny import build_tiny_model
from pantau.runtime.probes import metric_sums

pytestmark = pytest.mark.integration


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for(predicate: Callable[[], bool], timeout_s: float = 60, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout_s}s waiting for {what}")


@dataclass
class Stack:
    kafka: Service
    redis: Service
    state_dir: Path
    model_dir: Path

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.kafka.port}"

    def env(self, **extra: str) -> dict[str, str]:
        return {
            **os.environ,
            "PANTAU_STATE_DIR": str(self.state_dir),
            "PANTAU_KAFKA_URL": self.kafka.url,
            "PANTAU_REDIS_URL": self.redis.url,
            "PANTAU_MODEL_DIR": str(self.model_dir),
            "PYTHONUNBUFFERED": "1",
            **extra,
        }


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    state = tmp_path_factory.mktemp("pantau-state")
    services = DevServices(state)
    running = {s.name: s for s in services.up(kafka_port=free_port(), redis_port=free_port())}
    from streams.topics import ensure_topics

    ensure_topics(f"127.0.0.1:{running['kafka'].port}", partitions=4)
    model = build_tiny_model(tmp_path_factory.mktemp("model") / "tiny")
    try:
        yield Stack(running["kafka"], running["redis"], state, model)
    finally:
        services.down()


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    metrics_url: str
    log: Path

    def metrics(self) -> dict[str, float]:
        return metric_sums(self.metrics_url)

    def outcomes(self) -> dict[str, float]:
        m = self.metrics()
        return {o: m.get(f"pantau_events_total{{outcome={o}}}", 0.0) for o in ("alert", "benign", "rejected")}


# Every valid post raises exactly one `hoax` alert and nothing else fires, whatever the random model says:
# the integration tests check plumbing and accounting, not the classifier.
PLUMBING_THRESHOLDS = '{"hoax": 0.0, "hate_sara": 1.0}'


def start_worker(stack: Stack, log: Path, **env: str) -> Worker:
    port = free_port()
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "pantau", "worker", "--loglevel", "info"],
            env=stack.env(PANTAU_METRICS_PORT=str(port), **env),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    worker = Worker(process, f"http://127.0.0.1:{port}/metrics", log)

    def serving() -> bool:
        assert process.poll() is None, f"worker exited: {log.read_text()[-3000:]}"
        try:
            worker.metrics()
            return True
        except OSError:
            return False

    wait_for(serving, 90, "the worker's /metrics")
    wait_for(lambda: worker.metrics().get("pantau_assigned_partitions{}", 0) > 0, 90, "the worker to join the group")
    return worker


def stop_worker(worker: Worker) -> None:
    if worker.process.poll() is None:
        worker.process.send_signal(signal.SIGTERM)
        try:
            worker.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.process.kill()


@pytest.fixture(scope="session")
def worker(stack: Stack) -> Iterator[Worker]:
    running = start_worker(
        stack,
        stack.state_dir / "worker.log",
        PANTAU_THRESHOLDS=PLUMBING_THRESHOLDS,
        PANTAU_CONSUMER_GROUP=f"it-{uuid.uuid4().hex[:8]}",
        PANTAU_BATCH_WITHIN_S="0.05",
    )
    yield running
    stop_worker(running)
