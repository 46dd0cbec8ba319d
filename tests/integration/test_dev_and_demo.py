"""`pantau dev up|status|down` and `pantau demo`, run as a user runs them."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from infra.devservices import DevServices
from pantau.settings import SHIPPED_MODEL_DIR

from .conftest import free_port

pytestmark = pytest.mark.integration


def pantau(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pantau", *args], env=env, capture_output=True, text=True, timeout=timeout
    )


def isolated_env(state: Path, **extra: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PANTAU_")}
    return {**clean, "PANTAU_STATE_DIR": str(state), **extra}


def test_dev_up_status_down_round_trip(tmp_path: Path) -> None:
    env = isolated_env(tmp_path)
    kafka_port, redis_port = free_port(), free_port()
    up = pantau("dev", "up", "--kafka-port", str(kafka_port), "--redis-port", str(redis_port), env=env)
    assert up.returncode == 0, up.stderr
    dev_env = (tmp_path / "dev.env").read_text()
    assert f"export PANTAU_KAFKA_URL=kafka://127.0.0.1:{kafka_port}" in dev_env
    assert f"export PANTAU_REDIS_URL=redis://127.0.0.1:{redis_port}/0" in dev_env
    pids = [s.pid for s in DevServices(tmp_path).recorded()]

    again = pantau("dev", "up", "--kafka-port", str(kafka_port), "--redis-port", str(redis_port), env=env)
    assert again.returncode == 0 and [s.pid for s in DevServices(tmp_path).recorded()] == pids  # idempotent

    status = pantau("dev", "status", env=env)
    assert status.returncode == 0 and status.stdout.count(" up") == 2

    down = pantau("dev", "down", env=env)
    assert down.returncode == 0 and "stopped kafka" in down.stdout and "stopped redis" in down.stdout
    assert all(not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text() for pid in pids)
    assert not (tmp_path / "dev.env").exists()
    assert pantau("dev", "status", env=env).returncode == 3


def test_dev_up_says_clearly_when_a_port_is_taken(tmp_path: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        result = pantau(
            "dev", "up", "--kafka-port", str(taken), "--redis-port", str(free_port()), env=isolated_env(tmp_path)
        )
    assert result.returncode == 1
    assert f"port {taken} on 127.0.0.1 is already in use" in result.stderr and "--kafka-port" in result.stderr
    assert DevServices(tmp_path).recorded() == []


@pytest.mark.skipif(not (SHIPPED_MODEL_DIR / "config.json").is_file(), reason="no shipped model")
def test_demo_runs_everything_on_the_shipped_model_and_ctrl_c_says_what_it_stopped(tmp_path: Path) -> None:
    demo = subprocess.Popen(
        [sys.executable, "-m", "pantau", "demo", "--rate", "400"],
        env=isolated_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert demo.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + 300
    for line in demo.stdout:
        lines.append(line)
        if line.startswith("watching for more alerts") or time.monotonic() > deadline:
            break
    demo.send_signal(signal.SIGINT)  # what Ctrl-C sends
    rest, _ = demo.communicate(timeout=120)
    out = "".join(lines) + rest
    assert demo.returncode == 0, out[-3000:]
    assert "model: pantau-e5-student-" in out  # the pipeline uses the shipped model by default
    assert "imported 20 accounts" in out and "2 pairs" in out
    assert "all events accounted for" in out
    assert "rejected to pantau.events.dlq 8" in out
    written = re.search(r"alerts written (\d+)", out)
    assert written and int(written.group(1)) > 0
    assert re.search(r"^(LOW|MEDIUM|HIGH|CRITICAL) ", out, re.MULTILINE)  # the live feed printed alerts
    assert re.search(r"asn_neutrality .* ASN (PNS|PPPK) .* paslon \d", out)
    assert re.search(r"^ +(asn_|hoax|hate)[\w-]+  “", out, re.MULTILINE), "each alert shows its id"
    assert re.search(r"Kafka→alert p50 [\d.]+s", out)
    # The password before the replay, so the dashboard can be watched while events arrive.
    assert out.index("user demo, password") < out.index("replaying ")
    # The public report page's address next to the dashboard's.
    assert re.search(r"dashboard: (http://\S+?)/? .*\nreport page \(public, no login\): \1/lapor\n", out), out[:2000]
    created = re.search(r"escalations to Bawaslu: (\d+) created", out)
    assert created, out[-2000:]
    assert re.search(r"by reason: \w+ \d+", out), "why there are as many escalations as there are"
    if int(created.group(1)) > 5:
        assert f"the newest 5 of {created.group(1)}" in out, "a shortened list says so"
    assert ". .venv/bin/activate && pantau tail" in out or "activate && pantau tail" in out
    assert "Ctrl-C: stopping what the demo started" in out
    assert "stopped: worker, receiver, escalator, dashboard" in out
    assert "stopped the embedded Kafka and Redis" in out
    assert DevServices(tmp_path).recorded() == []
