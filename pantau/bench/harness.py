"""The benchmark runs: each phase on freshly started embedded services, with real `pantau worker` processes.

Every benchmark event raises exactly one alert (the hoax threshold is 0 for the run), so each event's end
is the Redis server time of its alert's stream entry: latency = that minus the moment the event was sent.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from infra.devservices import DevServices
from pantau.bench.load import send
from pantau.errors import PantauError
from pantau.runtime.children import free_port, spawn, stop_process
from pantau.runtime.probes import metric_sums, wait_for_metrics, wait_for_partitions
from pantau.stores.alerts import AlertStore
from pantau.stores.client import Blocking
from streams.topics import ensure_topics

ONE_ALERT_PER_EVENT = '{"hoax": 0.0, "hate_sara": 1.0}'


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU seconds spent busy on the whole machine, all cores (Linux /proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


@dataclass
class BenchWorker:
    process: subprocess.Popen[bytes]
    metrics_url: str
    log: Path

    def cpu_seconds(self) -> float:
        return process_cpu_seconds(self.process.pid)

    def metrics(self) -> dict[str, float]:
        return metric_sums(self.metrics_url)


@dataclass
class Stack:
    kafka_url: str
    redis_url: str
    bootstrap: str
    state: Path
    model_dir: Path
    partitions: int
    service_pids: dict[str, int] = field(default_factory=dict)
    workers: list[BenchWorker] = field(default_factory=list)

    def cpu_split(self) -> dict[str, float]:
        """CPU seconds so far of the workers, the broker, Redis, this process (load generator) and the machine."""
        return {
            "workers": sum(w.cpu_seconds() for w in self.workers),
            "broker": process_cpu_seconds(self.service_pids["kafka"]),
            "redis": process_cpu_seconds(self.service_pids["redis"]),
            "load_generator": sum(os.times()[:2]),
            "machine": machine_busy_seconds(),
        }

    def start_worker(self, **env: str) -> BenchWorker:
        port = free_port()
        log = self.state / f"worker-{len(self.workers)}-{port}.log"
        process = spawn(
            ["worker"],
            {
                **os.environ,
                "PANTAU_KAFKA_URL": self.kafka_url,
                "PANTAU_REDIS_URL": self.redis_url,
                "PANTAU_MODEL_DIR": str(self.model_dir),
                "PANTAU_STATE_DIR": str(self.state),
                "PANTAU_METRICS_PORT": str(port),
                "PANTAU_THRESHOLDS": ONE_ALERT_PER_EVENT,
                "PANTAU_TOPIC_PARTITIONS": str(self.partitions),
                **env,
            },
            log,
        )
        worker = BenchWorker(process, f"http://127.0.0.1:{port}/metrics", log)
        wait_for_metrics(worker.metrics_url, process, log)
        wait_for_partitions(worker.metrics_url, process, log)
        self.workers.append(worker)
        return worker

    def stop_worker(self, worker: BenchWorker) -> None:
        stop_process(worker.process)
        self.workers.remove(worker)

    def send(self, texts: Sequence[str], *, rate: float | None) -> dict[str, float]:
        return send(self.bootstrap, uuid.uuid4().hex[:8], texts, rate=rate)

    def results(self, sent_at: dict[str, float], timeout_s: float) -> dict[str, float]:
        """Each sent event's end time (its alert's Redis stream id, in epoch seconds), waiting for all."""
        done: dict[str, float] = {}
        last = "0"
        deadline = time.monotonic() + timeout_s
        with Blocking(self.redis_url) as redis:
            alerts = AlertStore(redis.client)
            while len(done) < len(sent_at) and time.monotonic() < deadline:
                for entry in redis(alerts.after(last, block_ms=200, count=5000)):
                    last = entry.stream_id
                    event_id = entry.fields["event_id"]
                    if event_id in sent_at and event_id not in done:
                        done[event_id] = entry.epoch_ms / 1000
        return done

    def alert_entries(self) -> int:
        with Blocking(self.redis_url) as redis:
            return redis(AlertStore(redis.client).length())


@contextmanager
def fresh_stack(model_dir: Path, partitions: int = 4) -> Iterator[Stack]:
    """Embedded broker and Redis on free ports, in a temporary state directory; stopped afterwards."""
    with tempfile.TemporaryDirectory(prefix="pantau-bench-") as tmp:
        services = DevServices(Path(tmp))
        running = {s.name: s for s in services.up(kafka_port=free_port(), redis_port=free_port())}
        stack = Stack(
            running["kafka"].url,
            running["redis"].url,
            f"127.0.0.1:{running['kafka'].port}",
            Path(tmp),
            model_dir,
            partitions,
            {name: service.pid for name, service in running.items()},
        )
        try:
            ensure_topics(stack.bootstrap, partitions)
            yield stack
        finally:
            for worker in list(stack.workers):
                stack.stop_worker(worker)
            services.down()


def warm_up(stack: Stack, texts: Sequence[str]) -> None:
    """One round through every running worker, so model warm-up and first joins are not measured."""
    sent = stack.send(texts, rate=None)
    done = stack.results(sent, timeout_s=120)
    if len(done) < len(sent):
        raise PantauError(f"warm-up: only {len(done)} of {len(sent)} events came through; see {stack.state}")
