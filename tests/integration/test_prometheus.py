"""Prometheus: the rules pass promtool's checks and unit tests, and a real server scraping a running worker
agrees, through PromQL over its HTTP API, with what was sent."""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import Stack, Worker, free_port, wait_for
from .helpers import encode, event, publish

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
PROM = ROOT / "infra" / "prometheus"


def promtool(*args: str) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("promtool")
    assert binary, "promtool is missing: `make tools` installs Debian's prometheus package"
    return subprocess.run([binary, *args], capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_promtool_checks_config_and_rules_and_runs_every_rule_test() -> None:
    for args in (
        ("check", "config", str(PROM / "prometheus.yml")),
        ("check", "rules", str(PROM / "rules" / "pantau.yml")),
        ("test", "rules", str(PROM / "tests" / "pantau_test.yml")),
    ):
        result = promtool(*args)
        assert result.returncode == 0, result.stdout + result.stderr
    rules = (PROM / "rules" / "pantau.yml").read_text()
    tests = (PROM / "tests" / "pantau_test.yml").read_text()
    names = [
        line.split(":", 1)[1].strip()
        for line in rules.splitlines()
        if line.strip().startswith(("- record:", "- alert:"))
    ]
    assert len(names) == 14
    untested = [n for n in names if n not in tests]
    assert not untested, f"rules without a unit test: {untested}"


@pytest.fixture
def prometheus(worker: Worker, tmp_path: Path) -> Iterator[str]:
    binary = shutil.which("prometheus")
    assert binary, "prometheus is missing: `make tools` installs Debian's prometheus package"
    target = worker.metrics_url.split("//", 1)[1].split("/", 1)[0]
    config = tmp_path / "prometheus.yml"
    config.write_text(
        "global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
        f"rule_files: ['{PROM / 'rules' / 'pantau.yml'}']\n"
        "scrape_configs:\n"
        f"  - job_name: pantau-worker\n    static_configs: [{{targets: ['{target}']}}]\n"
    )
    port = free_port()
    log = (tmp_path / "prometheus.log").open("wb")
    process = subprocess.Popen(
        [
            binary,
            f"--config.file={config}",
            f"--storage.tsdb.path={tmp_path / 'data'}",
            f"--web.listen-address=127.0.0.1:{port}",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"

    def ready() -> bool:
        assert process.poll() is None, (tmp_path / "prometheus.log").read_text()[-2000:]
        try:
            return urllib.request.urlopen(f"{url}/-/ready", timeout=1).status == 200
        except OSError:
            return False

    try:
        wait_for(ready, 60, "Prometheus to be ready")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def query(url: str, promql: str) -> float | None:
    with urllib.request.urlopen(f"{url}/api/v1/query?{urllib.parse.urlencode({'query': promql})}", timeout=5) as r:
        result = json.loads(r.read())["data"]["result"]
    return float(result[0]["value"][1]) if result else None


def test_real_prometheus_sees_what_the_worker_counted(stack: Stack, worker: Worker, prometheus: str) -> None:
    wait_for(lambda: query(prometheus, 'up{job="pantau-worker"}') == 1.0, 30, "the first scrape")
    before = worker.metrics()
    posts = [encode(event(f"prom-{i}")) for i in range(20)]
    broken = [(f"prom-bad-{i}".encode(), b"{not json") for i in range(5)]
    publish(stack.bootstrap, posts + broken)
    total_before = sum(before.get(f"pantau_events_total{{outcome={o}}}", 0.0) for o in ("alert", "benign", "rejected"))
    wait_for(lambda: sum(worker.outcomes().values()) >= total_before + 25, 60, "the worker to count every event")
    after = worker.metrics()
    assert after["pantau_events_total{outcome=rejected}"] - before["pantau_events_total{outcome=rejected}"] == 5
    assert after["pantau_events_total{outcome=alert}"] - before["pantau_events_total{outcome=alert}"] == 20

    # What Prometheus scraped agrees with the worker's own counters.
    wait_for(lambda: query(prometheus, "sum(pantau_events_total)") == total_before + 25, 30, "the next scrape")
    assert (
        query(prometheus, 'sum(pantau_events_total{outcome="rejected"})')
        == after["pantau_events_total{outcome=rejected}"]
    )
    alerts = sum(v for k, v in after.items() if k.startswith("pantau_alerts_total{"))
    assert query(prometheus, "sum(pantau_alerts_total)") == alerts
    assert query(prometheus, 'pantau_threshold{label="hoax"}') == 0.0
    assert query(prometheus, "count(pantau_faust_messages_received_total)") == 1.0
    assert query(prometheus, "count(pantau_consumer_lag)") is not None
    # The recording group evaluates every 30 s.
    wait_for(lambda: (query(prometheus, "pantau:events_consumed:rate5m") or 0.0) > 0, 45, "a recording rule")
