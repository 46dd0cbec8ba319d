"""Chaos: faults under load, bounded in events and time, on loopback only.

One run, in order: a worker killed -9 mid-batch and restarted; a second worker joining and leaving under
load; a poison message on every partition; Redis SIGSTOPped for 20 s, then killed -9 and restarted (AOF,
fsync always); the escalation receiver down for the first part; a burst of 10× the load rate.
Oracle: every valid event ends as exactly one alert (each valid event raises one here), every poison message
as a dead letter, and every escalation reaches the receiver exactly once. The report (events, faults, lost,
duplicates, recovery times) is printed and written to the test's temporary folder as chaos.json.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from kafka import KafkaProducer

from infra.devservices import redis_binary
from pantau.stores.escalations import INDEX, PENDING
from streams.topics import INPUT_TOPIC

from .conftest import PLUMBING_THRESHOLDS, Stack, Worker, free_port, start_worker, stop_worker, wait_for
from .helpers import dead_letters

pytestmark = pytest.mark.integration

RATE = 60.0  # events/s of the steady load; the burst is sent unthrottled (> 10×)


class ChaosRedis:
    """A Redis-compatible server of this test's own, with AOF fsync'd on every write, so kill -9 loses nothing
    acknowledged."""

    def __init__(self, home: Path) -> None:
        self.home, self.port = home, free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = (self.home / "redis.log").open("ab")
        self.process = subprocess.Popen(
            [
                redis_binary(),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.home),
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--save",
                "",
                "--protected-mode",
                "yes",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_for(self.answers, 20, "the chaos Redis")

    def answers(self) -> bool:
        try:
            return bool(redis.Redis.from_url(self.url, socket_timeout=1).ping())
        except redis.RedisError:
            return False

    def signal(self, sig: int) -> None:
        assert self.process is not None
        self.process.send_signal(sig)

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=10)


def valid_event(event_id: str, reach: int) -> bytes:
    return json.dumps(
        {
            "event_id": event_id,
            "platform": "x",
            "action": "post",
            "account": {"id": f"c-{event_id}"},
            "created_at": "2024-11-20T08:15:00+07:00",
            "text": "Beredar kabar surat suara sudah dicoblos sebelum hari H",
            "region": "Kota Uji",
            "metrics": {"followers": reach},
        }
    ).encode()


class Load:
    """Publishes events open loop in the background; remembers every id it sent."""

    def __init__(self, bootstrap: str, prefix: str) -> None:
        self.producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=2)
        self.prefix, self.sent, self.poison = prefix, [], []
        self.count = 0

    def run(self, n: int, rate: float | None) -> threading.Thread:
        def send() -> None:
            started = time.monotonic()
            for i in range(n):
                if rate:
                    time.sleep(max(0.0, started + i / rate - time.monotonic()))
                self.count += 1
                event_id = f"{self.prefix}-{self.count}"
                # Every 25th event reaches widely enough to be escalated (PANTAU_ESCALATION_HOAX_REACH).
                reach = 50_000 if self.count % 25 == 0 else 100
                self.producer.send(INPUT_TOPIC, key=event_id.encode(), value=valid_event(event_id, reach))
                self.sent.append(event_id)
            self.producer.flush()

        thread = threading.Thread(target=send)
        thread.start()
        return thread

    def poison_every_partition(self, partitions: int) -> None:
        for partition in range(partitions):
            key = f"{self.prefix}-poison-{partition}"
            self.producer.send(
                INPUT_TOPIC, key=key.encode(), value=b'{"event_id": "' + key.encode() + b'", ', partition=partition
            )
            self.poison.append(key)
        self.producer.flush()


def alert_counts(url: str, prefix: str) -> Counter[str]:
    client = redis.Redis.from_url(url, socket_timeout=5)
    counts: Counter[str] = Counter()
    for _id, fields in client.xrange("pantau:alerts"):
        event_id = fields[b"event_id"].decode()
        if event_id.startswith(prefix):
            counts[event_id] += 1
    return counts


def first_alert_after(url: str, since: float) -> float | None:
    entries = redis.Redis.from_url(url).xrange("pantau:alerts", min=f"{int(since * 1000)}-0", count=1)
    return int(entries[0][0].decode().split("-")[0]) / 1000 if entries else None


def ledger_caught_up(client: Any) -> bool:
    """The escalation ledger has read and acknowledged every alert (so no escalation is still to be created)."""
    groups = {g["name"].decode(): g for g in client.xinfo_groups("pantau:alerts")}
    ledger = groups.get("pantau-ledger")
    return bool(ledger) and ledger["pending"] == 0 and ledger.get("lag") == 0


@pytest.fixture
def chaos_redis(tmp_path: Path) -> Iterator[ChaosRedis]:
    server = ChaosRedis(tmp_path)
    server.start()
    yield server
    if server.process and server.process.poll() is None:
        server.signal(signal.SIGCONT)
        server.kill()


def test_faults_under_load_lose_nothing_and_duplicate_nothing(
    stack: Stack, chaos_redis: ChaosRedis, tmp_path: Path
) -> None:
    prefix = f"chaos{uuid.uuid4().hex[:6]}"
    env = {
        "PANTAU_REDIS_URL": chaos_redis.url,
        "PANTAU_THRESHOLDS": PLUMBING_THRESHOLDS,
        "PANTAU_CONSUMER_GROUP": f"chaos-{prefix}",
        "PANTAU_BATCH_WITHIN_S": "0.05",
        "PANTAU_REDIS_RETRY_MAX_S": "1",
        "PANTAU_ESCALATION_HOAX_REACH": "10000",
    }
    receiver_port = free_port()
    secret = "whsec_a3VuY2ktY2hhb3MtdWppLTEyMw=="  # base64 of kunci-chaos-uji-123
    esc_env = stack.env(
        **env,
        PANTAU_WEBHOOK_URL=f"http://127.0.0.1:{receiver_port}/",
        PANTAU_WEBHOOK_SECRET=secret,
        PANTAU_WEBHOOK_TIMEOUT_S="1",
        PANTAU_WEBHOOK_BACKOFF_S="0.2",
        PANTAU_WEBHOOK_BACKOFF_MAX_S="1",
        PANTAU_WEBHOOK_MAX_ATTEMPTS="10000",
        PANTAU_ESCALATOR_METRICS_PORT=str(free_port()),
        PANTAU_ESCALATOR_NAME="chaos",
    )
    escalator = subprocess.Popen(
        [sys.executable, "-m", "pantau", "escalator"],
        env=esc_env,
        stdout=(tmp_path / "escalator.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    receiver: subprocess.Popen[bytes] | None = None
    record = tmp_path / "accepted.jsonl"
    faults: list[dict[str, Any]] = []
    load = Load(stack.bootstrap, prefix)
    workers: list[Worker] = []
    try:
        workers.append(start_worker(stack, tmp_path / "worker-a.log", **env))

        # 1. kill -9 a worker mid-batch, restart it.
        sending = load.run(int(RATE * 8), RATE)
        time.sleep(3)
        workers.pop().process.kill()
        killed = time.time()
        workers.append(start_worker(stack, tmp_path / "worker-a2.log", **env))
        faults.append(
            {
                "fault": "worker kill -9 + restart",
                "at": killed,
                "restarted_after_s": time.time() - killed,
                "resumed_after_s": (first_alert_after(chaos_redis.url, killed) or time.time()) - killed,
            }
        )
        sending.join()

        # 2. poison on every partition; a worker joins and leaves under load.
        load.poison_every_partition(4)
        sending = load.run(int(RATE * 10), RATE)
        time.sleep(2)
        joined = time.time()
        second = start_worker(stack, tmp_path / "worker-b.log", **env)
        faults.append({"fault": "worker joins", "at": joined, "joined_after_s": time.time() - joined})
        time.sleep(2)
        left = time.time()
        stop_worker(second)
        faults.append({"fault": "worker leaves (SIGTERM)", "at": left, "left_after_s": time.time() - left})
        sending.join()

        # 3. Redis frozen for 20 s, then killed -9 and restarted from its AOF.
        sending = load.run(int(RATE * 30), RATE)
        time.sleep(1)
        chaos_redis.signal(signal.SIGSTOP)
        frozen = time.time()
        time.sleep(20)
        chaos_redis.signal(signal.SIGCONT)
        thawed = time.time()
        wait_for(lambda: first_alert_after(chaos_redis.url, thawed) is not None, 60, "alerts after SIGCONT")
        resumed = (first_alert_after(chaos_redis.url, thawed) or thawed) - thawed
        faults.append({"fault": "Redis SIGSTOP 20 s", "at": frozen, "resumed_after_s": resumed})
        time.sleep(2)
        chaos_redis.kill()
        killed_redis = time.time()
        time.sleep(3)
        chaos_redis.start()
        restarted = time.time()
        wait_for(lambda: first_alert_after(chaos_redis.url, restarted) is not None, 60, "alerts after the restart")
        faults.append(
            {
                "fault": "Redis kill -9, down 3 s, restart from AOF",
                "at": killed_redis,
                "resumed_after_s": (first_alert_after(chaos_redis.url, restarted) or restarted) - killed_redis,
            }
        )
        sending.join()

        # 4. The escalation receiver comes up; then a burst of more than 10× the steady rate.
        receiver = subprocess.Popen(
            [sys.executable, "-m", "pantau", "receiver", "--port", str(receiver_port), "--record", str(record)],
            env=esc_env,
            stdout=(tmp_path / "receiver.log").open("wb"),
            stderr=subprocess.STDOUT,
        )
        burst_at = time.time()
        load.run(1200, None).join()
        expected = set(load.sent)
        wait_for(lambda: set(alert_counts(chaos_redis.url, prefix)) >= expected, 240, "every valid event's alert")
        faults.append(
            {"fault": "burst 1200 events unthrottled", "at": burst_at, "drained_after_s": time.time() - burst_at}
        )
        client = redis.Redis.from_url(chaos_redis.url)
        wait_for(lambda: ledger_caught_up(client) and client.zcard(PENDING) == 0, 180, "every escalation delivered")
    finally:
        for worker in workers:
            stop_worker(worker)
        for process in (escalator, receiver):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=30)

    counts = alert_counts(chaos_redis.url, prefix)
    letters = [d for d in dead_letters(stack.bootstrap, f"{prefix}-poison-")]
    poisoned = {(d["partition"], d["offset"]) for d in letters}
    created = {m.decode() for m in client.zrange(INDEX, 0, -1)}
    accepted = Counter(json.loads(line)["webhook_id"] for line in record.read_text().splitlines())
    report = {
        "events_valid": len(load.sent),
        "events_poison": len(load.poison),
        "lost": len(set(load.sent) - set(counts)),
        "duplicate_alerts": sum(n - 1 for n in counts.values()),
        "poison_dead_lettered": len(poisoned),
        "dead_letter_records": len(letters),
        "escalations": len(created),
        "escalations_lost": len(created - set(accepted)),
        "escalations_doubled": sum(n - 1 for n in accepted.values()),
        "faults": [
            {k: round(v, 2) if isinstance(v, float) and k != "at" else v for k, v in f.items() if k != "at"}
            for f in faults
        ],
    }
    (tmp_path / "chaos.json").write_text(json.dumps(report, indent=1))
    print("\nchaos report:", json.dumps(report, indent=1))
    assert report["lost"] == 0 and report["duplicate_alerts"] == 0
    assert report["poison_dead_lettered"] == 4
    missing = {
        e: json.loads(client.get(f"pantau:escalation:{e}") or "{}").get("status") for e in created - set(accepted)
    }
    assert report["escalations"] >= 1 and report["escalations_lost"] == 0, missing
    assert report["escalations_doubled"] == 0
    assert set(accepted) == created
