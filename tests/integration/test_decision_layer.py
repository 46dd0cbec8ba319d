"""Roster, candidates and live thresholds through the real broker, Redis and a running worker."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
import redis

from pantau.samples import DEMO_CANDIDATES

from .conftest import Stack, Worker, free_port, wait_for
from .helpers import alerts_by_event, encode, publish

pytestmark = pytest.mark.integration

ROSTER = """platform,account_id,handle,nip,name,opd,status,region
x,7001,@pns_andi,199001012015031001,Andi Uji,Dinas Kesehatan,PNS,Kota Sukamaju
x,7002,@honorer_eko,,Eko Uji,Dinas Perhubungan,PTT_NON_APBD,Kota Sukamaju
"""
CAMPAIGN = "Ayo coblos paslon 2 Kang Hendra, Sukamaju pasti maju! #Sukamaju2Menang"


def pantau(stack: Stack, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pantau", *args], env=stack.env(), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


# Names a pair with no campaign structure: only the model's stance (and so its threshold) can make it partisan.
NAMED_ONLY = "Kang Hendra hadir di peresmian pasar Sukamaju"


def like(
    event_id: str, account: str, target_id: str, author: str = "@sukamaju_maju2", text: str = CAMPAIGN
) -> dict[str, object]:
    return {
        "event_id": event_id,
        "platform": "x",
        "action": "like",
        "account": {"id": account},
        "created_at": "2024-11-10T09:00:00+07:00",
        "region": "Kota Sukamaju",
        "text": "",
        "target": {"id": target_id, "author": author, "text": text},
    }


def threshold_gauge(worker: Worker, label: str) -> float:
    return worker.metrics().get(f"pantau_threshold{{label={label}}}", -1.0)


def stance_gauges(worker: Worker) -> tuple[float, float]:
    return threshold_gauge(worker, "endorsement"), threshold_gauge(worker, "attack")


def set_stance_thresholds(stack: Stack, value: float) -> None:
    for label in ("endorsement", "attack"):
        pantau(stack, "thresholds", "set", label, str(value), "--reason", "integration test", "--by", "tester")


def test_pns_like_alerts_naming_pair_and_roster_entry_and_live_threshold_change(
    stack: Stack, worker: Worker, tmp_path: Path
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER)
    assert "imported 2 accounts (1 bound" in pantau(stack, "roster", "import", str(roster)).stdout
    assert "2 pairs" in pantau(stack, "candidates", "import", str(DEMO_CANDIDATES)).stdout
    # The random test model scores every text near 0.5: a threshold of 0 makes every partisan act count.
    set_stance_thresholds(stack, 0.0)
    try:
        wait_for(lambda: stance_gauges(worker) == (0.0, 0.0), 5, "the worker to apply the thresholds")
        run = f"dl-{uuid.uuid4().hex[:6]}-"
        before = sum(worker.outcomes().values())
        events = [
            like(f"{run}pns", "7001", f"{run}post"),
            like(f"{run}ptt", "7002", f"{run}post"),
            like(f"{run}anon", "9999", f"{run}post"),
            like(f"{run}pns-again", "7001", f"{run}post"),
        ]
        publish(stack.bootstrap, [encode(e) for e in events])
        wait_for(lambda: sum(worker.outcomes().values()) - before >= 4, 60, "4 events")

        alerts = alerts_by_event(stack.redis.url, run)
        # The PTT_NON_APBD and the unknown account raise none; the PNS's two likes of one post share one alert,
        # written by whichever like was processed first (they may sit on different partitions).
        assert len(alerts) == 1 and set(alerts) <= {f"{run}pns", f"{run}pns-again"}, list(alerts)
        [alert] = next(iter(alerts.values()))
        assert alert["type"] == "asn_neutrality" and alert["phase"] == "campaign"
        assert alert["candidate"]["number"] == 2 and alert["candidate"]["names"] == ["Hendra Gunawan", "Siti Rahma"]
        assert alert["asn"]["name"] == "Andi Uji" and alert["asn"]["status"] == "PNS"
        assert "199001012015031001" not in str(alert) and len(alert["asn"]["nip_hash"]) == 32
        state = json.loads(redis.Redis.from_url(stack.redis.url).get(f"pantau:alert:{alert['alert_id']}"))
        assert state["occurrences"] == 2  # the same person liking the same post again: one alert, two occurrences

        started = time.monotonic()
        set_stance_thresholds(stack, 1.0)
        wait_for(lambda: stance_gauges(worker) == (1.0, 1.0), 5, "the new thresholds within 5 s")
        applied_after = time.monotonic() - started
        before = sum(worker.outcomes().values())
        # a pair's campaign content alerts whatever the thresholds; a mere mention of the pair needs the model
        later = like(f"{run}pns-later", "7001", f"{run}other-post", author="@warga_biasa", text=NAMED_ONLY)
        publish(stack.bootstrap, [encode(later)])
        wait_for(lambda: sum(worker.outcomes().values()) - before >= 1, 60, "1 event")
        assert f"{run}pns-later" not in alerts_by_event(stack.redis.url, run)
        print(f"threshold change applied by the running worker after {applied_after:.2f}s")
    finally:
        for label in ("endorsement", "attack"):
            pantau(stack, "thresholds", "set", label, "0.7", "--reason", "reset after test", "--by", "tester")

    shown = pantau(stack, "thresholds", "show").stdout
    assert "endorsement" in shown and "reset after test" in shown and "live" in shown


def test_thresholds_http_endpoint_changes_a_running_worker(stack: Stack, worker: Worker) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "pantau", "dashboard", "--port", str(port)],
        env=stack.env(PANTAU_API_TOKEN="s3cret-token"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"

    def call(
        method: str, path: str, body: dict[str, object] | None = None, token: str | None = None
    ) -> tuple[int, str]:
        request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body else None)
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()
        except OSError:
            return 0, ""

    try:
        wait_for(lambda: call("GET", "/healthz")[0] == 200, 30, "the dashboard")
        status, body = call("GET", "/api/thresholds")
        assert status == 200 and json.loads(body)["thresholds"]["hoax"] >= 0
        change = {"value": 0.42, "reason": "http test", "by": "operator"}
        assert call("PUT", "/api/thresholds/political", change)[0] == 401
        assert call("PUT", "/api/thresholds/political", change, token="wrong")[0] == 401
        assert call("PUT", "/api/thresholds/nonsense", change, token="s3cret-token")[0] == 400
        assert call("PUT", "/api/thresholds/political", {**change, "value": 2}, token="s3cret-token")[0] == 400
        status, body = call("PUT", "/api/thresholds/political", change, token="s3cret-token")
        assert status == 200 and json.loads(body)["new"] == 0.42
        wait_for(lambda: threshold_gauge(worker, "political") == 0.42, 5, "the worker to apply it within 5 s")
        status, body = call(
            "PUT", "/api/thresholds/political", {**change, "value": 0.8, "reason": "reset"}, token="s3cret-token"
        )
        assert status == 200 and json.loads(body)["old"] == 0.42
    finally:
        server.terminate()
        server.wait(timeout=10)
