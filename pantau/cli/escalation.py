"""`pantau escalator`, `pantau escalations …`, `pantau receiver`, `pantau triage`."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click

from pantau.settings import load_settings, state_dir


@click.command()
@click.option("--metrics-port", type=int, default=None, help="Overrides PANTAU_ESCALATOR_METRICS_PORT (0: any).")
def escalator(metrics_port: int | None) -> None:
    """Run the ledger (audit chain, escalation policy) and deliver escalations to PANTAU_WEBHOOK_URL."""
    from pantau.services.escalator import run_escalator

    run_escalator(load_settings(**({} if metrics_port is None else {"escalator_metrics_port": metrics_port})))


@click.group()
def escalations() -> None:
    """Inspect escalations to Bawaslu and retry dead-lettered ones."""


def _store(client: Any) -> Any:
    from pantau.stores.escalations import EscalationStore

    return EscalationStore(client, ttl_s=load_settings().escalation_ttl_s)


@escalations.command("list")
@click.option("--status", type=click.Choice(["all", "pending", "delivered", "dead"]), default="all", show_default=True)
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def list_escalations(status: str, limit: int, as_json: bool) -> None:
    """Newest first: id, status, reason, attempts, last error."""
    from pantau.stores.client import run_with_redis

    async def fetch(client: Any) -> list[dict[str, Any]]:
        store = _store(client)
        states: list[dict[str, Any]] = await store.states(await store.ids(status, limit=limit * 4))
        return [s for s in states if status in ("all", s["status"])][:limit]

    for state in run_with_redis(load_settings(), fetch):
        if as_json:
            click.echo(json.dumps(state, ensure_ascii=False))
            continue
        error = state.get("dead_reason") or state.get("last_error") or ""
        click.echo(
            f"{state['escalation_id']}  {state['status']:<9} {state['reason']:<16} {state['created_at']}  "
            f"attempts={state.get('attempts', 0)}  alerts={len(state.get('alert_ids', []))}  {error[:80]}"
        )


@escalations.command("show")
@click.argument("escalation_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show_escalation(escalation_id: str, fmt: str) -> None:
    """The evidence package as sent: readable Indonesian text, or the JSON body."""
    from pantau.escalation.evidence import render_id
    from pantau.stores.client import run_with_redis
    from pantau.stores.escalations import EscalationNotFound

    async def fetch(client: Any) -> bytes | None:
        body: bytes | None = await _store(client).body(escalation_id)
        return body

    body = run_with_redis(load_settings(), fetch)
    if body is None:
        raise EscalationNotFound(f"no escalation {escalation_id}")
    click.echo(body.decode() if fmt == "json" else render_id(json.loads(body)))


@escalations.command("retry")
@click.argument("escalation_ids", nargs=-1)
@click.option("--all-dead", is_flag=True, help="Every dead-lettered escalation.")
def retry_escalations(escalation_ids: tuple[str, ...], all_dead: bool) -> None:
    """Give dead-lettered escalations a fresh retry budget; the escalator sends them again."""
    from pantau.stores.client import run_with_redis

    if not escalation_ids and not all_dead:
        raise click.UsageError("name escalation ids or pass --all-dead")

    async def retry(client: Any) -> list[dict[str, Any]]:
        store = _store(client)
        ids = list(escalation_ids) or await store.ids("dead", limit=10_000)
        return [await store.retry(i) for i in ids]

    for state in run_with_redis(load_settings(), retry):
        click.echo(f"{state['escalation_id']}: {state['status']}")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8099, show_default=True)
@click.option(
    "--record",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="JSONL of accepted escalations [default: .pantau/receiver/accepted.jsonl].",
)
@click.option("--tolerance-s", type=int, default=300, show_default=True, help="Max webhook-timestamp skew.")
@click.option("--fail-with", type=int, default=None, help="Answer every request with this HTTP status (drills).")
@click.option("--delay-s", type=float, default=0.0, help="Answer each valid request this late (drills).")
def receiver(
    host: str, port: int, record: Path | None, tolerance_s: int, fail_with: int | None, delay_s: float
) -> None:
    """A reference escalation receiver: verifies signatures, rejects stale or replayed requests, records."""
    from aiohttp import web

    from pantau.errors import ConfigError
    from pantau.escalation.receiver import Receiver
    from pantau.escalation.signing import parse_secrets

    secret = load_settings().webhook_secret
    if secret is None:
        raise ConfigError("set PANTAU_WEBHOOK_SECRET: the receiver verifies signatures with it")
    path = record or state_dir() / "receiver" / "accepted.jsonl"
    app = Receiver(
        parse_secrets(secret.get_secret_value()), path, tolerance_s=tolerance_s, fail_with=fail_with, delay_s=delay_s
    ).app()
    click.echo(f"pantau receiver: http://{host}:{port}/ recording to {path}")
    web.run_app(app, host=host, port=port, print=None, handle_signals=True)


@click.command()
@click.argument("alert_id")
@click.argument("action", type=click.Choice(["confirm", "dismiss", "assign", "escalate"]))
@click.option("--by", required=True, help="Who decides (recorded in the alert, the audit log and the evidence).")
@click.option("--reason", default=None, help="Required to dismiss.")
@click.option("--assignee", default=None, help="Required to assign.")
def triage(alert_id: str, action: str, by: str, reason: str | None, assignee: str | None) -> None:
    """Record a staff decision on an alert (escalate: confirm it and send it to Bawaslu now)."""
    from pantau.stores.client import run_with_redis
    from pantau.stores.triage import triage_alert

    async def apply(client: Any) -> dict[str, Any]:
        return await triage_alert(client, alert_id, action, by=by, reason=reason, assignee=assignee)

    state = run_with_redis(load_settings(), apply)
    click.echo(f"{alert_id}: {state['triage']['status']} ({action} by {by} at {time.strftime('%H:%M:%S')})")
