"""`pantau demo`: embedded services, one worker, the bundled sample events, alerts printed as they land."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import click

from infra.devservices import DevServices
from pantau.cli.alert_line import format_alert
from pantau.demo.dashboard import start_dashboard
from pantau.demo.escalation import escalation_summary, start_escalation
from pantau.errors import PantauError
from pantau.runtime.children import ensure_model, free_port, spawn, stop_process
from pantau.runtime.probes import histogram_quantile, metric_sums, wait_for_metrics, wait_for_partitions
from pantau.samples import DEMO_CANDIDATES, DEMO_CLAIMS, DEMO_EVENTS, DEMO_ROSTER
from pantau.settings import load_settings, state_dir
from pantau.stores.alerts import AlertStore
from pantau.stores.claims import import_claims_file
from pantau.stores.client import Blocking
from pantau.stores.imports import import_candidates_file, import_roster_file
from pantau.stores.keys import ALERT_STREAM

# Read from a path, never committed (see the data sets' PROVENANCE.md).
TURNBACKHOAX = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "hoax" / "turnbackhoax_2024.csv"


def seed_claims(settings: Any) -> list[str]:
    """The fictional contest's own debunked claims, plus TurnBackHoax's 2024 claims when the data set is there."""
    files = [path for path in (TURNBACKHOAX,) if path.is_file()]
    return [import_claims_file(path, added_by="demo", settings=settings) for path in (*files, DEMO_CLAIMS)]


def tail_alerts(redis_url: str, stop: threading.Event, seen: Counter[str], after: str) -> None:
    from redis.exceptions import RedisError

    last = after
    with Blocking(redis_url) as redis:
        alerts = AlertStore(redis.client)
        while not stop.is_set():
            try:
                batch = redis(alerts.after(last, block_ms=500, count=100))
            except RedisError as exc:
                click.secho(f"(alert feed: {exc}; retrying)", fg="yellow", err=True)
                time.sleep(1)
                continue
            for entry in batch:
                last = entry.stream_id
                alert = entry.alert()
                seen[alert["type"]] += 1
                click.echo(format_alert(alert))


def activate_hint() -> str:
    """`. .venv/bin/activate && ` when this runs from a virtual environment: a new terminal lacks `pantau`
    on its PATH until the venv is activated."""
    if sys.prefix == sys.base_prefix:
        return ""
    venv = Path(sys.prefix)
    if venv.is_relative_to(Path.cwd()):
        venv = venv.relative_to(Path.cwd())
    return f". {venv}/bin/activate && "


def _declared_version(model_dir: Path) -> str:
    config = json.loads((model_dir / "config.json").read_text())
    return str(config.get("pantau_model_version") or model_dir.name)


def run_demo(*, rate: float, events_file: Path | None, exit_when_done: bool, timeout_s: float = 600) -> None:
    from streams.replay import read_lines, replay
    from streams.topics import ensure_topics

    services = DevServices(state_dir())
    current = services.status()
    was_running = bool(current) and all(s.healthy for s in current)
    running = services.up(kafka_port=free_port(9092), redis_port=free_port(6379))
    worker: subprocess.Popen[bytes] | None = None
    helpers: list[tuple[str, subprocess.Popen[bytes]]] = []
    stop = threading.Event()
    try:
        urls = {s.name: s.url for s in running}
        settings = load_settings(kafka_url=urls["kafka"], redis_url=urls["redis"])
        ensure_topics(settings.kafka_bootstrap, settings.topic_partitions)
        for message in (import_roster_file(settings, DEMO_ROSTER), import_candidates_file(settings, DEMO_CANDIDATES)):
            click.echo(f"demo reference data: {message}")
        for message in seed_claims(settings):
            click.echo(f"demo claims: {message}")
        model_dir = ensure_model(settings.model_dir)
        metrics_port = free_port(settings.metrics_port)
        env = {
            **os.environ,
            "PANTAU_KAFKA_URL": urls["kafka"],
            "PANTAU_REDIS_URL": urls["redis"],
            "PANTAU_MODEL_DIR": str(model_dir),
            "PANTAU_METRICS_PORT": str(metrics_port),
        }
        log_path = state_dir() / "logs" / "worker.log"
        worker = spawn(["worker"], env, log_path)
        helpers += start_escalation(env, settings.escalator_metrics_port)
        board, board_url, board_password = start_dashboard(
            env, settings.dashboard_port, settings.dashboard_users_file, state_dir() / "logs"
        )
        helpers.append(("dashboard", board))
        # Said now, not after the replay: the feed is worth watching while the events arrive.
        click.secho(f"dashboard: {board_url}  (user demo, password {board_password})", bold=True)
        click.secho(f"report page (public, no login): {board_url.rstrip('/')}/lapor", bold=True)
        metrics_url = f"http://127.0.0.1:{metrics_port}/metrics"
        wait_for_metrics(metrics_url, worker, log_path)
        wait_for_partitions(metrics_url, worker, log_path)
        before = metric_sums(metrics_url)

        with Blocking(urls["redis"]) as redis:
            last = redis(AlertStore(redis.client).newest_id())
        seen: Counter[str] = Counter()
        tail = threading.Thread(target=tail_alerts, args=(urls["redis"], stop, seen, last or "0"), daemon=True)
        tail.start()
        source = events_file or DEMO_EVENTS
        lines = list(read_lines(source))
        click.secho(f"services: {urls['kafka']}  {urls['redis']}   worker metrics: {metrics_url}", bold=True)
        click.secho(f"model: {_declared_version(model_dir)} ({model_dir})", bold=True)
        click.secho(f"replaying {len(lines)} events from {source.name} at {rate:g}/s; alerts follow\n", bold=True)
        started = time.monotonic()
        threading.Thread(
            target=replay, args=(settings.kafka_bootstrap, iter(lines)), kwargs={"rate": rate or None}, daemon=True
        ).start()
        done = _wait_accounted(metrics_url, before, len(lines), worker, timeout_s)
        elapsed = time.monotonic() - started
        time.sleep(1.0)  # let the feed print the last alerts
        _summary(metrics_url, before, done, seen, urls, metrics_url, log_path)
        after = metric_sums(metrics_url)
        p50, p95 = (histogram_quantile(after, "pantau_end_to_end_seconds", q) for q in (0.5, 0.95))
        latency = f"; Kafka→alert p50 {p50:.3f}s, p95 {p95:.3f}s" if p50 is not None and p95 is not None else ""
        click.echo(
            f"  {len(lines)} events in {elapsed:.1f}s ({len(lines) / elapsed:.0f}/s, replay rate {rate:g}/s){latency}"
        )
        escalation_summary(urls["redis"])
        click.secho(f"  dashboard: {board_url}  (user demo, password {board_password})", bold=True)
        click.secho(f"  report page (public, no login): {board_url.rstrip('/')}/lapor", bold=True)
        click.echo(f"  in another terminal: {activate_hint()}pantau tail")
        if not exit_when_done:
            click.secho(
                "\nwatching for more alerts; Ctrl-C stops the worker, escalator, receiver, dashboard"
                + ("" if was_running else " and the embedded Kafka and Redis"),
                bold=True,
            )
            while worker.poll() is None:
                time.sleep(0.5)
            raise PantauError(f"the worker exited (code {worker.returncode}); see {log_path}")
    except KeyboardInterrupt:
        click.echo("\nCtrl-C: stopping what the demo started…")
    finally:
        stop.set()
        named = [("worker", worker)] if worker is not None else []
        stopped = []
        for name, process in [*named, *helpers]:
            stop_process(process)
            stopped.append(name)
        click.echo(f"stopped: {', '.join(stopped) or 'nothing was running yet'}")
        if not was_running:
            services.down()
            click.echo(f"stopped the embedded Kafka and Redis (data in {state_dir()} kept)")
        else:
            click.echo("the embedded Kafka and Redis were already running and stay up (`pantau dev down` stops them)")


def _outcomes(metrics: dict[str, float]) -> dict[str, float]:
    return {o: metrics.get(f"pantau_events_total{{outcome={o}}}", 0.0) for o in ("alert", "benign", "rejected")}


def _wait_accounted(
    url: str, before: dict[str, float], expected: int, worker: subprocess.Popen[bytes], timeout_s: float
) -> dict[str, float]:
    deadline = time.monotonic() + timeout_s
    base = _outcomes(before)
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise PantauError("the worker exited while processing the demo events")
        now = _outcomes(metric_sums(url))
        if sum(now.values()) - sum(base.values()) >= expected:
            return {k: now[k] - base[k] for k in now}
        time.sleep(0.5)
    raise PantauError(f"not all {expected} events were accounted for within {timeout_s:.0f}s")


def _summary(
    url: str,
    before: dict[str, float],
    done: dict[str, float],
    seen: Counter[str],
    urls: dict[str, str],
    metrics_url: str,
    log_path: Path,
) -> None:
    after = metric_sums(url)
    written = sum(v for k, v in after.items() if k.startswith("pantau_alerts_total{")) - sum(
        v for k, v in before.items() if k.startswith("pantau_alerts_total{")
    )
    click.secho("\nall events accounted for:", bold=True)
    click.echo(
        f"  raised an alert {done['alert']:.0f}   benign {done['benign']:.0f}   "
        f"rejected to pantau.events.dlq {done['rejected']:.0f}"
    )
    click.echo(
        f"  alerts written {written:.0f} ({dict(seen)}); duplicates suppressed "
        f"{after.get('pantau_alerts_duplicate_total{}', 0) - before.get('pantau_alerts_duplicate_total{}', 0):.0f}"
    )
    click.echo(f"  look at: redis-cli -u {urls['redis']} XRANGE {ALERT_STREAM} - +   |   {metrics_url}")
    click.echo(f"  worker log: {log_path}")
