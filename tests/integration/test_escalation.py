"""Escalation to Bawaslu over real HTTP on loopback, from a real Redis outbox, through faults.

The receiver is first down, then answers 500, then answers too slowly (after the sender's timeout, so it
records deliveries the sender believes failed), then recovers; the escalator is killed -9 on the way.
At the end the receiver holds every escalation exactly once and the audit chain verifies; a hand-edited
entry is then found.
"""

from __future__ import annotations

import asyncio
import base64
import json
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import pytest
import redis
import redis.asyncio as aioredis

from pantau.runtime.probes import metric_sums
from pantau.stores.alerts import RedisAlertSink
from pantau.stores.audit import AUDIT_STREAM
from pantau.stores.escalations import INDEX

from .conftest import Stack, free_port, wait_for

pytestmark = pytest.mark.integration

OLD_KEY, NEW_KEY = ("whsec_" + base64.b64encode(k).decode() for k in (b"kunci-lama-bawaslu", b"kunci-baru-bawaslu"))


def alert(
    alert_id: str, *, severity: str, kind: str = "asn_neutrality", nip_hash: str | None = "p-1", reach: int = 100
) -> dict[str, Any]:
    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    return {
        "alert_id": alert_id,
        "type": kind,
        "severity": severity,
        "event_id": f"ev-{alert_id}",
        "platform": "facebook",
        "action": "share",
        "account": {"id": f"acc-{nip_hash}", "handle": "@uji"},
        "asn": {
            "nip_hash": nip_hash,
            "name": "Asep Uji",
            "opd": "Dinas Uji",
            "status": "PNS",
            "region": "Kota Sukamaju",
        }
        if nip_hash
        else None,
        "candidate": {"region": "Kota Sukamaju", "number": 2, "names": ["Hendra Gunawan", "Sri Lestari"]}
        if kind == "asn_neutrality"
        else None,
        "scores": {"endorsement": 0.9, "hoax": 0.9},
        "thresholds": {"endorsement": 0.43, "hoax": 0.15},
        "model_version": "it",
        "excerpt": "Ayo dukung paslon 2",
        "url": f"https://fb.example/{alert_id}",
        "region": "Kota Sukamaju",
        "phase": "campaign",
        "event_time": now,
        "detected_at": now,
        "occurrences": 1,
        "prior_alerts": 0,
        "explanation": {"label": "endorsement", "score": 0.9, "threshold": 0.43, "reach": reach},
        "source": {"topic": "pantau.events", "partition": 0, "offset": 1},
    }


ALERTS = [
    alert("crit-1", severity="critical", nip_hash="p-crit"),
    alert("crit-2", severity="critical", kind="hate_sara", nip_hash=None),
    alert("hoax-wide", severity="medium", kind="hoax", nip_hash=None, reach=80_000),
    alert("hoax-small", severity="medium", kind="hoax", nip_hash=None, reach=10),
    alert("rep-1", severity="high", nip_hash="p-rep"),
    alert("rep-2", severity="high", nip_hash="p-rep"),
    alert("rep-3", severity="high", nip_hash="p-rep"),
    alert("staff-1", severity="medium", nip_hash="p-staff"),
]
# crit-1, crit-2, hoax-wide at once; rep-1..3 as one repeat-offender case; staff-1 when staff escalate it.
EXPECTED_ESCALATIONS = 5


def write_alerts(url: str, alerts: list[dict[str, Any]]) -> None:
    async def go() -> None:
        sink = RedisAlertSink(aioredis.from_url(url), ttl_s=3600, stream_maxlen=1000)
        await sink.write(alerts)
        await sink.close()

    asyncio.run(go())


class Proc:
    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        with log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "pantau", *args], env=env, stdout=out, stderr=subprocess.STDOUT
            )
        self.log = log

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=20)


def pantau(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pantau", *args], env=env, capture_output=True, text=True, timeout=60
    )
    if check:
        assert result.returncode == 0, result.stderr[-2000:]
    return result


@pytest.fixture
def esc_env(stack: Stack, tmp_path: Path) -> Iterator[dict[str, str]]:
    """A Redis database of its own, so the alerts of other tests do not escalate here."""
    url = stack.redis.url.rsplit("/", 1)[0] + "/3"
    redis.Redis.from_url(url).flushdb()
    yield stack.env(PANTAU_REDIS_URL=url, PANTAU_STATE_DIR=str(tmp_path))


def start_escalator(env: dict[str, str], log: Path, **extra: str) -> tuple[Proc, str]:
    port = free_port()
    proc = Proc(["escalator"], {**env, "PANTAU_ESCALATOR_METRICS_PORT": str(port), **extra}, log)
    url = f"http://127.0.0.1:{port}/metrics"

    def serving() -> bool:
        assert proc.process.poll() is None, log.read_text()[-3000:]
        try:
            metric_sums(url)
            return True
        except OSError:
            return False

    wait_for(serving, 30, "the escalator's /metrics")
    return proc, url


def metric(url: str, name: str) -> float:
    try:
        return metric_sums(url).get(name, 0.0)
    except OSError:
        return 0.0


def start_receiver(env: dict[str, str], port: int, record: Path, log: Path, *args: str) -> Proc:
    proc = Proc(
        ["receiver", "--port", str(port), "--record", str(record), *args],
        {**env, "PANTAU_WEBHOOK_SECRET": NEW_KEY},
        log,
    )

    def up() -> bool:
        assert proc.process.poll() is None, log.read_text()[-3000:]
        try:
            urlopen(f"http://127.0.0.1:{port}/accepted", timeout=1).read()
            return True
        except OSError:
            return False

    wait_for(up, 30, "the receiver")
    return proc


def accepted_ids(record: Path) -> list[str]:
    if not record.exists():
        return []
    return [json.loads(line)["webhook_id"] for line in record.read_text().splitlines() if line.strip()]


def test_every_escalation_reaches_the_receiver_exactly_once_through_faults(
    esc_env: dict[str, str], tmp_path: Path
) -> None:
    url = esc_env["PANTAU_REDIS_URL"]
    port = free_port()
    record = tmp_path / "accepted.jsonl"
    env = {
        **esc_env,
        "PANTAU_WEBHOOK_URL": f"http://127.0.0.1:{port}/webhook",
        "PANTAU_WEBHOOK_SECRET": f"{OLD_KEY} {NEW_KEY}",  # mid-rotation: the receiver knows only the new key
        "PANTAU_WEBHOOK_TIMEOUT_S": "1",
        "PANTAU_WEBHOOK_BACKOFF_S": "0.2",
        "PANTAU_WEBHOOK_BACKOFF_MAX_S": "1",
        "PANTAU_WEBHOOK_MAX_ATTEMPTS": "1000",
        "PANTAU_ESCALATOR_NAME": "it-escalator",
    }
    write_alerts(url, ALERTS)
    pantau(env, "thresholds", "set", "hoax", "0.2", "--by", "operator", "--reason", "uji")
    log = tmp_path / "escalator.log"
    escalator, metrics = start_escalator(env, log)
    pantau(env, "triage", "staff-1", "escalate", "--by", "petugas-ana", "--reason", "jelas kampanye")
    pantau(env, "triage", "hoax-small", "dismiss", "--by", "petugas-ana", "--reason", "satire")

    # 1. Receiver down: connection refused, retried with backoff.
    wait_for(lambda: metric(metrics, "pantau_escalation_failures_total{reason=connection}") >= 10, 60, "refusals")
    assert metric(metrics, "pantau_escalation_outbox_backlog{}") == EXPECTED_ESCALATIONS
    # The escalator dies hard; a new one under the same name takes over its pending outbox entries.
    escalator.kill()
    escalator, metrics = start_escalator(env, log)

    # 2. Receiver answers 500.
    receiver = start_receiver(env, port, record, tmp_path / "receiver.log", "--fail-with", "500")
    wait_for(lambda: metric(metrics, "pantau_escalation_failures_total{reason=http_5xx}") >= 5, 60, "500s")
    receiver.kill()

    # 3. Receiver answers after the sender gave up: it records, the sender retries, the retry is a duplicate.
    receiver = start_receiver(env, port, record, tmp_path / "receiver.log", "--delay-s", "1.5")
    wait_for(lambda: metric(metrics, "pantau_escalation_failures_total{reason=timeout}") >= 3, 60, "timeouts")
    wait_for(lambda: len(accepted_ids(record)) >= 1, 30, "a slow acceptance")
    receiver.kill()
    assert metric(metrics, "pantau_escalations_sent_total{}") == 0

    # 4. Recovery.
    receiver = start_receiver(env, port, record, tmp_path / "receiver.log")
    try:
        wait_for(lambda: metric(metrics, "pantau_escalation_outbox_backlog{}") == 0, 60, "an empty outbox")
        sent = metric(metrics, "pantau_escalations_sent_total{}")
        duplicates = json.loads(urlopen(f"http://127.0.0.1:{port}/accepted", timeout=5).read())["duplicates"]
    finally:
        receiver.kill()
        escalator.kill(signal.SIGTERM)

    client = redis.Redis.from_url(url)
    created = {m.decode() for m in client.zrange(INDEX, 0, -1)}
    ids = accepted_ids(record)
    assert len(created) == EXPECTED_ESCALATIONS
    assert Counter(ids) == Counter(created), "each escalation accepted exactly once"
    assert sent == EXPECTED_ESCALATIONS
    assert duplicates >= 1, "what the slow receiver recorded came again, and was answered as a duplicate"

    bodies = {json.loads(line)["webhook_id"]: json.loads(line)["evidence"] for line in record.read_text().splitlines()}
    reasons = Counter(b["reason"]["code"] for b in bodies.values())
    assert reasons == {"critical_alert": 2, "hoax_reach": 1, "repeat_offender": 1, "staff_request": 1}
    repeat = next(b for b in bodies.values() if b["reason"]["code"] == "repeat_offender")
    assert sorted(i["alert_id"] for i in repeat["incidents"]) == ["rep-1", "rep-2", "rep-3"]
    assert repeat["sanction_ladder"]["step"] == "teguran_lisan"
    staff = next(b for b in bodies.values() if b["reason"]["code"] == "staff_request")
    assert staff["requested_by"] == "petugas-ana"
    assert staff["staff_decisions"][0]["reason"] == "jelas kampanye"

    states = [json.loads(client.get(f"pantau:escalation:{i}")) for i in created]
    assert {s["status"] for s in states} == {"delivered"}

    # The audit chain holds every alert, triage decision, threshold change and escalation, and verifies.
    kinds = Counter(json.loads(f[b"entry"])["kind"] for _id, f in client.xrange(AUDIT_STREAM))
    assert kinds["alert"] == len(ALERTS) and kinds["triage"] == 2 and kinds["threshold"] == 1
    assert kinds["escalation.created"] == kinds["escalation.delivered"] == EXPECTED_ESCALATIONS
    assert "audit chain OK" in pantau(env, "audit", "verify").stdout
    anchor = staff["audit"]
    assert "audit chain OK" in pantau(env, "audit", "verify", "--anchor", f"{anchor['seq']}:{anchor['hash']}").stdout

    # A hand-edited export is caught, and so is an entry edited in Redis itself.
    export = tmp_path / "audit.jsonl"
    pantau(env, "audit", "export", str(export))
    lines = export.read_text().splitlines()
    lines[3] = lines[3].replace('\\"severity\\":\\"critical\\"', '\\"severity\\":\\"low\\"', 1)
    assert lines[3] != export.read_text().splitlines()[3], "the edit must change something"
    export.write_text("\n".join(lines) + "\n")
    result = pantau(env, "audit", "verify", "--file", str(export), check=False)
    assert result.returncode == 1 and "entry 3" in result.stderr and "altered" in result.stderr

    entries = client.xrange(AUDIT_STREAM)
    client.delete(AUDIT_STREAM)
    for entry_id, fields in entries:
        if int(fields[b"seq"]) == 5:
            fields[b"entry"] = fields[b"entry"].replace(b'"actor":"worker"', b'"actor":"someone"')
        client.xadd(AUDIT_STREAM, fields, id=entry_id)
    result = pantau(env, "audit", "verify", check=False)
    assert result.returncode == 1 and "entry 5" in result.stderr, result.stderr


def test_an_undeliverable_escalation_is_dead_lettered_and_can_be_retried(
    esc_env: dict[str, str], tmp_path: Path
) -> None:
    url = esc_env["PANTAU_REDIS_URL"]
    port = free_port()
    env = {
        **esc_env,
        "PANTAU_WEBHOOK_URL": f"http://127.0.0.1:{port}/",
        "PANTAU_WEBHOOK_SECRET": NEW_KEY,
        "PANTAU_WEBHOOK_TIMEOUT_S": "1",
        "PANTAU_WEBHOOK_BACKOFF_S": "0.1",
        "PANTAU_WEBHOOK_MAX_ATTEMPTS": "3",
        "PANTAU_ESCALATOR_NAME": "it-dead",
    }
    write_alerts(url, [alert("lonely", severity="critical")])
    escalator, metrics = start_escalator(env, tmp_path / "escalator.log")
    try:
        wait_for(lambda: metric(metrics, "pantau_escalations_dead_total{}") == 1, 60, "a dead letter")
        listing = pantau(env, "escalations", "list", "--status", "dead").stdout
        assert "dead" in listing and "3 attempts failed" in listing and "ClientConnectorError" in listing
        escalation_id = listing.split()[0]
        text = pantau(env, "escalations", "show", escalation_id).stdout
        assert "Laporan Dugaan Pelanggaran" in text and "Asep Uji" in text

        record = tmp_path / "accepted.jsonl"
        receiver = start_receiver(env, port, record, tmp_path / "receiver.log")
        try:
            assert escalation_id in pantau(env, "escalations", "retry", "--all-dead").stdout
            wait_for(lambda: accepted_ids(record) == [escalation_id], 30, "delivery after retry")
            wait_for(lambda: metric(metrics, "pantau_escalation_dead_backlog{}") == 0, 30, "an empty dead backlog")
        finally:
            receiver.kill()
    finally:
        escalator.kill(signal.SIGTERM)
    assert "delivered" in pantau(env, "escalations", "list").stdout
    time.sleep(0.1)
