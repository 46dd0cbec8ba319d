"""Common operator mistakes end as ONE line that names the fix: no traceback, exit 1, nothing half done.

Each row is a mistake seen when trying Pantau as a new user would (issue 19): the command, the files and
environment it ran with, and what the one line must say. Services are never contacted here: the mistakes
are caught before any connection (the "Redis/Kafka down" rows run against real ports in
tests/integration/test_operator_cli.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pantau.cli.main import main
from pantau.domain.roster import COLUMNS, parse_roster, sniff_delimiter
from pantau.errors import BadFile, ConfigError, PantauError, Unreachable
from pantau.runtime.reachable import kafka_addresses, redis_address, service_failure

HEADER = ",".join(COLUMNS)
ROW = "x,1001,@ana,199001012015011001,Ana Lestari,Dinas Pendidikan,PNS,Kota Bengkulu"
CANDIDATES_OK = """contests:
  - region: Kota Bengkulu
    office: walikota
    voting_day: 2024-11-27
    campaign: {start: 2024-09-25, end: 2024-11-23}
    pairs:
      - number: 1
        names: ["Budi Santoso", "Rina Wulandari"]
"""


@dataclass(frozen=True)
class Mistake:
    name: str
    args: list[str]
    says: list[str]  # every one of these in the single line
    files: dict[str, bytes] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    never: list[str] = field(default_factory=list)  # secrets that must not be echoed


MISTAKES = [
    Mistake(
        "roster saved by Excel as plain CSV (Windows code page, not UTF-8)",
        ["roster", "import", "{dir}/roster.csv"],
        ["roster.csv is not UTF-8", "line 2", "CSV UTF-8"],
        files={"roster.csv": f"{HEADER}\n{ROW.replace('Ana', 'Ánä')}\n".encode("cp1252")},
    ),
    Mistake(
        "roster without its header row",
        ["roster", "import", "{dir}/roster.csv"],
        ["lacks column(s)", f"the first line must be {HEADER}"],
        files={"roster.csv": f"{ROW}\n".encode()},
    ),
    Mistake(
        "roster with one bad status",
        ["roster", "import", "{dir}/roster.csv"],
        ["roster not imported: line 2", "status", "PNS"],
        files={"roster.csv": f"{HEADER}\n{ROW.replace(',PNS,', ',Honorer,')}\n".encode()},
    ),
    Mistake(
        "roster import without the pseudonym key",
        ["roster", "import", "{dir}/roster.csv"],
        ["PANTAU_PSEUDONYM_KEY"],
        files={"roster.csv": f"{HEADER}\n{ROW}\n".encode()},
        env={"PANTAU_PSEUDONYM_KEY": ""},
    ),
    Mistake(
        "candidates YAML with a mis-indented key",
        ["candidates", "import", "{dir}/candidates.yaml"],
        ["candidates.yaml:3:", "invalid YAML", "indentation"],
        files={"candidates.yaml": b"contests:\n  - region: Kota Bengkulu\n   office: walikota\n"},
    ),
    Mistake(
        "candidates YAML with a tab",
        ["candidates", "import", "{dir}/candidates.yaml"],
        ["candidates.yaml:2:", "invalid YAML"],
        files={"candidates.yaml": b"contests:\n\t- region: Kota Bengkulu\n"},
    ),
    Mistake(
        "candidates file saved in a Windows code page",
        ["candidates", "import", "{dir}/candidates.yaml"],
        ["candidates.yaml is not UTF-8", "UTF-8"],
        files={"candidates.yaml": CANDIDATES_OK.replace("Budi", "Bédi").encode("cp1252")},
    ),
    Mistake(
        "candidates campaign written as a list",
        ["candidates", "import", "{dir}/candidates.yaml"],
        ["campaign must be a mapping", "start: YYYY-MM-DD"],
        files={"candidates.yaml": CANDIDATES_OK.replace("{start: 2024-09-25, end: 2024-11-23}", "[1, 2]").encode()},
    ),
    Mistake(
        "a port that is not a number",
        ["thresholds", "show"],
        ["PANTAU_DASHBOARD_PORT='abc'", "valid integer", "fix or unset it"],
        env={"PANTAU_DASHBOARD_PORT": "abc"},
    ),
    Mistake(
        "a Redis URL without its scheme (the password must not be echoed)",
        ["thresholds", "show"],
        ["PANTAU_REDIS_URL", "redis://"],
        env={"PANTAU_REDIS_URL": "geheim@redis.internal:6379"},
        never=["geheim"],
    ),
    Mistake(
        "a Kafka URL without a port",
        ["replay", "{dir}/events.jsonl"],
        ["PANTAU_KAFKA_URL='kafka://broker'", "host:port"],
        files={"events.jsonl": b"{}\n"},
        env={"PANTAU_KAFKA_URL": "kafka://broker"},
    ),
    Mistake(
        "thresholds for a label that does not exist",
        ["thresholds", "show"],
        ["PANTAU_THRESHOLDS", "unknown labels", "known:"],
        env={"PANTAU_THRESHOLDS": '{"hoaks": 0.5}'},
    ),
    Mistake(
        "thresholds that are not JSON",
        ["thresholds", "show"],
        ["PANTAU_THRESHOLDS is not valid JSON", '{"hoax": 0.8}'],
        env={"PANTAU_THRESHOLDS": "hoax=0.8"},
    ),
    Mistake(
        "a log format nobody ships",
        ["thresholds", "show"],
        ["PANTAU_LOG_FORMAT", "json"],
        env={"PANTAU_LOG_FORMAT": "xml"},
    ),
]


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.name for m in MISTAKES])
def test_a_common_mistake_is_one_line_naming_the_fix(
    mistake: Mistake, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, content in mistake.files.items():
        (tmp_path / name).write_bytes(content)
    monkeypatch.setenv("PANTAU_STATE_DIR", str(tmp_path / "state"))  # no dev.env of a developer's machine
    monkeypatch.setenv("PANTAU_PSEUDONYM_KEY", "kunci-uji-yang-cukup-panjang-sekali")
    monkeypatch.setenv("PANTAU_REDIS_URL", "redis://127.0.0.1:1/0")  # never reached: every row fails first
    for key, value in mistake.env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr("sys.argv", ["pantau", *[a.format(dir=tmp_path) for a in mistake.args]])

    with pytest.raises(SystemExit) as exited:
        main()

    err = capsys.readouterr().err
    assert exited.value.code in (1, 2), err  # 2: click's own usage errors (an invalid choice)
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"expected one line, got:\n{err}"
    assert "Traceback" not in err
    for words in mistake.says:
        assert words in lines[0], f"{words!r} missing from: {lines[0]}"
    for secret in mistake.never:
        assert secret not in err


def test_excel_semicolon_and_tab_rosters_import_like_comma_ones() -> None:
    key = b"kunci-uji"
    comma = parse_roster(f"{HEADER}\n{ROW}\n", key)
    semicolon = parse_roster("\ufeff" + f"{HEADER}\n{ROW}\n".replace(",", ";"), key)  # Excel, Indonesian locale
    tab = parse_roster(f"{HEADER}\n{ROW}\n".replace(",", "\t"), key)
    upper = parse_roster(f"{HEADER.upper()}\n{ROW}\n", key)
    assert comma == semicolon == tab == upper
    assert sniff_delimiter("platform;account_id;handle;nip;name;opd;status;region") == ";"
    assert sniff_delimiter("name,opd;x") == ","  # a tie goes to the comma


def test_the_error_classes_share_one_root() -> None:
    for cls in (BadFile, ConfigError, Unreachable):
        assert issubclass(cls, PantauError)


def test_client_library_outages_become_unreachable_with_the_fix() -> None:
    import redis.exceptions
    from kafka.errors import KafkaConnectionError, KafkaTimeoutError

    for exc, service, env in [
        (redis.exceptions.ConnectionError("Error 111 connecting to 127.0.0.1:6379."), "Redis", "PANTAU_REDIS_URL"),
        (redis.exceptions.TimeoutError("Timeout reading from socket"), "Redis", "PANTAU_REDIS_URL"),
        (KafkaTimeoutError("Unable to bootstrap from 127.0.0.1:9092"), "Kafka", "PANTAU_KAFKA_URL"),
        (KafkaConnectionError("Connection refused"), "Kafka", "PANTAU_KAFKA_URL"),
    ]:
        failure = service_failure(exc)
        assert isinstance(failure, Unreachable), exc
        message = str(failure)
        assert "\n" not in message and message.startswith(f"{service} did not answer")
        assert "pantau dev up" in message and ". .pantau/dev.env" in message and env in message
    assert service_failure(ValueError("a bug")) is None, "bugs keep their traceback"


def test_addresses_are_shown_without_credentials() -> None:
    assert redis_address("redis://:geheim@10.0.0.5:6380/0") == "10.0.0.5:6380"
    assert redis_address("rediss://user:pw@redis.internal/2") == "redis.internal:6379"
    assert kafka_addresses("kafka://a:9092,b:9093") == [("a", 9092), ("b", 9093)]


def test_json_logs_are_one_object_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    import json
    import logging
    import logging.config

    from pantau.runtime.logformat import configure_logging, faust_logging_config

    try:
        configure_logging(log_format="json")
        logging.getLogger("pantau.test").warning("batch %d retried", 7)
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            logging.getLogger("pantau.test").exception("failed")
        lines = capsys.readouterr().err.strip().splitlines()
        first, second = (json.loads(line) for line in lines)
        assert (
            first["message"] == "batch 7 retried" and first["level"] == "warning" and first["logger"] == "pantau.test"
        )
        assert first["time"].endswith("+00:00") and "RuntimeError: boom" in second["exception"]

        config = faust_logging_config("json", "info")
        assert config is not None and faust_logging_config("text") is None
        logging.config.dictConfig(config)
        logging.getLogger("pantau.services.worker").info("ready")
        assert json.loads(capsys.readouterr().err.strip())["message"] == "ready"
    finally:
        configure_logging()
