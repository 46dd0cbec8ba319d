"""The console command as a new operator meets it, with the services down: one line that names the address
and the fix, exit 1, within seconds (issue 19: a 93-line Redis traceback, a raw KafkaTimeoutError after
30 s). Real processes, real sockets with nothing listening on them; no service is started."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import free_port

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
ROSTER = (
    "platform;account_id;handle;nip;name;opd;status;region\n"  # as Excel writes it in the Indonesian locale
    "x;1001;@ana;199001012015011001;Ana Lestari;Dinas Pendidikan;PNS;Kota Bengkulu\n"
)


def pantau(tmp_path: Path, *args: str, **env: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pantau", *args],
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "PANTAU_STATE_DIR": str(tmp_path / "state"),
            "PANTAU_REDIS_URL": f"redis://:geheim-sekali@127.0.0.1:{free_port()}/0",
            "PANTAU_KAFKA_URL": f"kafka://127.0.0.1:{free_port()}",
            "PANTAU_PSEUDONYM_KEY": "kunci-uji-yang-cukup-panjang-sekali",
            "PANTAU_CLAIMS_EMBEDDER": "none",
            **env,
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done, time.monotonic() - started


@pytest.mark.parametrize(
    ("args", "service"),
    [
        (["roster", "import", "{roster}"], "Redis"),
        (["thresholds", "show"], "Redis"),
        (["tail", "--once"], "Redis"),
        (["escalations", "list"], "Redis"),
        (["replay", str(ROOT / "pantau" / "samples" / "demo_events.jsonl")], "Kafka"),
        (["worker", "--metrics-port", "0"], "Kafka"),
    ],
    ids=["roster-import", "thresholds-show", "tail", "escalations-list", "replay", "worker"],
)
def test_a_service_that_is_down_is_one_line_naming_the_fix(tmp_path: Path, args: list[str], service: str) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    done, seconds = pantau(tmp_path, *[a.format(roster=roster) for a in args])
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1, done.stderr
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert lines[0].startswith(f"pantau: {service}") and "did not answer" in lines[0]
    assert (
        "pantau dev up" in lines[0] and ". .pantau/dev.env" in lines[0] and f"PANTAU_{service.upper()}_URL" in lines[0]
    )
    assert "geheim-sekali" not in done.stderr, "the Redis password never appears"
    assert seconds < 20, f"{seconds:.1f}s: the probe should fail fast, not wait for the client's retries"


def test_version(tmp_path: Path) -> None:
    done, _ = pantau(tmp_path, "--version")
    assert done.returncode == 0 and done.stdout.startswith("pantau ") and done.stdout.split()[1][0].isdigit()
