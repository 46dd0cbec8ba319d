"""`pantau dev up|status|down` and `pantau demo`, run as a user runs them."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
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
def test_demo_runs_everything_on_the_shipped_model_and_stops_cleanly(tmp_path: Path) -> None:
    result = pantau("demo", "--exit-when-done", "--rate", "400", env=isolated_env(tmp_path), timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "model: pantau-e5-student-" in result.stdout  # the pipeline uses the shipped model by default
    assert "imported 20 accounts" in result.stdout and "2 pairs" in result.stdout
    assert "all events accounted for" in result.stdout
    assert "rejected to pantau.events.dlq 8" in result.stdout
    written = re.search(r"alerts written (\d+)", result.stdout)
    assert written and int(written.group(1)) > 0
    assert re.search(r"^(LOW|MEDIUM|HIGH|CRITICAL) ", result.stdout, re.MULTILINE)  # the live feed printed alerts
    assert re.search(r"asn_neutrality .* ASN (PNS|PPPK) .* paslon \d", result.stdout)
    assert re.search(r"Kafka→alert p50 [\d.]+s", result.stdout)
    assert "worker and embedded services stopped" in result.stdout
    assert DevServices(tmp_path).recorded() == []
