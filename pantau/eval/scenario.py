"""`pantau eval scenario DIR`: a scenario through the real broker and a real worker, scored per alert type.

Isolation from whatever else runs on the same services: alerts go to a Redis database of their own (emptied
first), and the worker reads in a consumer group of its own that starts at the topic's current end, so
neither earlier events nor other workers' alerts can leak into the figures.
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import secrets
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pantau.eval.score import Report, ScenarioError, read_expected, score
from pantau.settings import Settings, load_settings, state_dir

REQUIRED = ("events.jsonl", "expected.jsonl", "roster.csv", "candidates.yaml")
CLAIM_SUFFIXES = (".csv", ".jsonl", ".json", ".jsonld")
EVAL_REDIS_DB = 15


@dataclass(frozen=True, slots=True)
class Scenario:
    directory: Path
    lines: list[bytes]
    event_ids: list[str]
    expected: dict[str, frozenset[str]]
    describe: dict[str, str]

    @property
    def claims(self) -> list[Path]:
        return sorted(p for p in self.directory.glob("claims.*") if p.suffix in CLAIM_SUFFIXES)


def load_scenario(directory: Path, limit: int | None = None) -> Scenario:
    """The scenario's events and expectations; `limit` keeps the first N events (a slice for tests)."""
    missing = [name for name in REQUIRED if not (directory / name).is_file()]
    if missing:
        raise ScenarioError(f"{directory} lacks {', '.join(missing)}; a scenario needs {', '.join(REQUIRED)}")
    lines, ids, describe = [], [], {}
    for number, raw in enumerate((directory / "events.jsonl").read_bytes().splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            event = json.loads(raw)
            event_id = str(event["event_id"])
        except (json.JSONDecodeError, KeyError, TypeError):
            raise ScenarioError(f"{directory}/events.jsonl line {number}: not an event with an event_id") from None
        lines.append(raw)
        ids.append(event_id)
        describe[event_id] = _describe(event)
        if limit is not None and len(ids) >= limit:
            break
    expected = read_expected((directory / "expected.jsonl").read_text(encoding="utf-8").splitlines())
    return Scenario(directory, lines, ids, expected, describe)


def _describe(event: dict[str, Any]) -> str:
    target = event.get("target") or {}
    own = " ".join(str(event.get("text") or "").split())[:90]
    acted = " ".join(str(target.get("text") or "").split())[:70]
    return f"[{event.get('action')}] {own!r}" + (f" on {target.get('author')}: {acted!r}" if acted else "")


async def raised_by_event(client: Any) -> dict[str, frozenset[str]]:
    """Alert types per event, read back from Redis; an alert repeated by later events counts for each."""
    from pantau.stores.alerts import AlertStore

    alerts = AlertStore(client)
    found: dict[str, set[str]] = {}
    for entry in await alerts.entries():
        for event_id in await alerts.event_ids(entry.alert_id) | {entry.fields["event_id"]}:
            found.setdefault(event_id, set()).add(entry.fields["type"])
    return {k: frozenset(v) for k, v in found.items()}


def _start_group_at_end(settings: Settings, group: str) -> None:
    """Commit the group's offsets at the topic's end, so its worker reads only what is replayed next."""
    from kafka import KafkaConsumer, TopicPartition
    from kafka.structs import OffsetAndMetadata

    from streams.security import kafka_python_options
    from streams.topics import INPUT_TOPIC

    consumer = KafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap,
        group_id=group,
        enable_auto_commit=False,
        **kafka_python_options(settings),
    )
    try:
        partitions = [TopicPartition(INPUT_TOPIC, p) for p in sorted(consumer.partitions_for_topic(INPUT_TOPIC) or [])]
        if not partitions:
            raise ScenarioError(f"topic {INPUT_TOPIC} has no partitions; is the broker up?")
        consumer.assign(partitions)
        ends = consumer.end_offsets(partitions)
        consumer.commit({tp: OffsetAndMetadata(offset, "", -1) for tp, offset in ends.items()})
    finally:
        consumer.close()


def _import_claims(settings: Settings, paths: list[Path], say: Callable[[str], None]) -> None:
    if not paths:
        return
    importer = None
    for module in ("pantau.stores.claims", "pantau.claims"):
        try:
            importer = getattr(importlib.import_module(module), "import_claims_file", None)
        except ImportError:
            continue
        if importer is not None:
            break
    if importer is None:
        say(f"warning: {', '.join(p.name for p in paths)} not imported: this build has no claims importer")
        return
    takes_settings = "settings" in inspect.signature(importer).parameters
    for path in paths:
        say(f"claims: {importer(path, settings=settings) if takes_settings else importer(path)}")


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """For importers that read their settings from the environment: point them at the scenario's Redis."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_scenario(
    scenario: Scenario,
    *,
    say: Callable[[str], None] = print,
    redis_db: int = EVAL_REDIS_DB,
    timeout_s: float = 900,
    rate: float | None = None,
) -> Report:
    """Start what is not running, replay the scenario, wait until every event is accounted for, score."""
    from infra.devservices import DevServices
    from pantau.runtime.children import ensure_model, free_port, spawn, stop_process
    from pantau.runtime.probes import metric_sums, wait_for_metrics, wait_for_partitions
    from pantau.stores.client import Blocking
    from pantau.stores.imports import import_candidates_file, import_roster_file
    from streams.replay import replay
    from streams.security import kafka_python_options
    from streams.topics import ensure_topics

    services = DevServices(state_dir())
    current = services.status()
    was_running = bool(current) and all(s.healthy for s in current)
    running = services.up(kafka_port=free_port(9092), redis_port=free_port(6379))
    worker: subprocess.Popen[bytes] | None = None
    try:
        urls = {s.name: s.url for s in running}
        redis_url = urls["redis"].rsplit("/", 1)[0] + f"/{redis_db}"
        key = os.environ.get("PANTAU_PSEUDONYM_KEY") or secrets.token_hex(32)
        group = f"pantau-eval-{uuid.uuid4().hex[:8]}"
        values = {
            "PANTAU_KAFKA_URL": urls["kafka"],
            "PANTAU_REDIS_URL": redis_url,
            "PANTAU_PSEUDONYM_KEY": key,
            "PANTAU_CONSUMER_GROUP": group,
        }
        with _environment(values):
            settings = load_settings()
            with Blocking(redis_url) as redis:
                redis(redis.client.flushdb())  # the scenario's own database: nothing of an earlier run may count
            ensure_topics(
                settings.kafka_bootstrap, settings.topic_partitions, client_options=kafka_python_options(settings)
            )
            _start_group_at_end(settings, group)
            say(import_roster_file(settings, scenario.directory / "roster.csv"))
            say(import_candidates_file(settings, scenario.directory / "candidates.yaml"))
            _import_claims(settings, scenario.claims, say)
        model_dir = ensure_model(settings.model_dir)
        metrics_port = free_port(0)
        env = {**os.environ, **values, "PANTAU_MODEL_DIR": str(model_dir), "PANTAU_METRICS_PORT": str(metrics_port)}
        log_path = state_dir() / "logs" / "eval-worker.log"
        worker = spawn(["worker"], env, log_path)
        metrics_url = f"http://127.0.0.1:{metrics_port}/metrics"
        wait_for_metrics(metrics_url, worker, log_path)
        wait_for_partitions(metrics_url, worker, log_path)
        before = _accounted(metric_sums(metrics_url))
        say(f"replaying {len(scenario.lines)} events from {scenario.directory} (worker log: {log_path})")
        started = time.monotonic()
        sent = replay(
            settings.kafka_bootstrap,
            iter(scenario.lines),
            rate=rate,
            client_options=kafka_python_options(settings),
            track_offsets=True,
        )
        deadline = started + timeout_s
        # Both: the counter alone can be reached early by older events that Tansu's undercounted high
        # watermark let the group start before (they count too); committed offsets past the last replayed
        # message mean every scenario event was written (the worker commits only after its writes).
        while _accounted(metric_sums(metrics_url)) - before < len(scenario.lines) or not _committed_past(
            settings, group, sent.last_offsets
        ):
            if worker.poll() is not None:
                raise ScenarioError(f"the worker exited while processing the scenario; see {log_path}")
            if time.monotonic() > deadline:
                raise ScenarioError(f"not every event was accounted for within {timeout_s:.0f}s; see {log_path}")
            time.sleep(0.5)
        say(f"all {len(scenario.lines)} events accounted for in {time.monotonic() - started:.1f}s")
        with Blocking(redis_url) as redis:
            raised = redis(raised_by_event(redis.client))
    finally:
        if worker is not None:
            stop_process(worker)
        if not was_running:
            services.down()
    return score(scenario.event_ids, scenario.expected, raised)


def _committed_past(settings: Settings, group: str, last_offsets: dict[int, int]) -> bool:
    """Whether `group` has committed, on every partition replayed to, an offset past the last message sent."""
    from kafka import KafkaConsumer, TopicPartition

    from streams.security import kafka_python_options
    from streams.topics import INPUT_TOPIC

    consumer = KafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap,
        group_id=group,
        enable_auto_commit=False,
        **kafka_python_options(settings),
    )
    try:
        for partition, offset in last_offsets.items():
            committed = consumer.committed(TopicPartition(INPUT_TOPIC, partition))
            if committed is None or committed <= offset:
                return False
        return True
    finally:
        consumer.close()


def _accounted(metrics: dict[str, float]) -> float:
    return sum(metrics.get(f"pantau_events_total{{outcome={o}}}", 0.0) for o in ("alert", "benign", "rejected"))
