"""Threshold what-if from recorded scores and staff triage, on the CLI and the dashboard API; the dashboard's
own /metrics."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request

import pytest

from .conftest import Stack, Worker, free_port, wait_for
from .helpers import alerts_by_event, encode, event, publish

pytestmark = pytest.mark.integration


def pantau(stack: Stack, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "pantau", *args], env=stack.env(), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_whatif_counts_recorded_scores_and_triage_precision(stack: Stack, worker: Worker) -> None:
    publish(stack.bootstrap, [encode(event(f"wif-{i}")) for i in range(12)])
    wait_for(lambda: len(alerts_by_event(stack.redis.url, "wif-")) == 12, 60, "12 alerts")
    alerts = [a for found in alerts_by_event(stack.redis.url, "wif-").values() for a in found]
    for alert in alerts[:3]:
        pantau(stack, "triage", alert["alert_id"], "confirm", "--by", "petugas-uji")
    pantau(stack, "triage", alerts[3]["alert_id"], "dismiss", "--by", "petugas-uji", "--reason", "bukan hoaks")

    rows = [
        json.loads(line) for line in pantau(stack, "thresholds", "whatif", "hoax", "--days", "1", "--json").splitlines()
    ]
    lowest = rows[0]
    assert lowest["threshold"] == 0.05
    assert lowest["alerts_per_day"] >= 12  # every recorded event of the session, at least these 12
    assert lowest["triaged"] >= 4 and lowest["precision"] is not None
    assert [r["alerts_per_day"] for r in rows] == sorted((r["alerts_per_day"] for r in rows), reverse=True)
    table = pantau(stack, "thresholds", "whatif", "hoax", "--days", "1")
    assert "alerts/day" in table and "precision" in table

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "pantau", "dashboard", "--port", str(port)],
        env=stack.env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:

        def up() -> bool:
            try:
                return urllib.request.urlopen(f"{base}/healthz", timeout=1).status == 200
            except OSError:
                return False

        wait_for(up, 30, "the dashboard")
        body = json.loads(urllib.request.urlopen(f"{base}/api/thresholds/hoax/whatif?days=1", timeout=10).read())
        assert body["label"] == "hoax" and len(body["rows"]) == 19 and body["rows"][0]["triaged"] >= 4
        metrics = urllib.request.urlopen(f"{base}/metrics", timeout=5).read().decode()
        assert 'pantau_threshold{label="hoax"}' in metrics
        assert "pantau_dashboard_requests_total" in metrics
    finally:
        process.terminate()
        process.wait(timeout=20)
