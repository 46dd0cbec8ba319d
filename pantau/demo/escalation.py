"""The demo's escalation leg: the escalator delivering to a local reference receiver standing in for Bawaslu."""

from __future__ import annotations

import base64
import os
import secrets
import subprocess
import time
from collections import Counter
from typing import Any

import click

from pantau.runtime.children import free_port, spawn
from pantau.settings import state_dir


def start_escalation(env: dict[str, str], metrics_port: int) -> list[tuple[str, subprocess.Popen[bytes]]]:
    """The escalator, delivering to a local reference receiver that stands in for Bawaslu; (name, process)."""
    receiver_port = free_port(8099)
    secret = os.environ.get("PANTAU_WEBHOOK_SECRET") or "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()
    env = {
        **env,
        "PANTAU_WEBHOOK_URL": os.environ.get("PANTAU_WEBHOOK_URL") or f"http://127.0.0.1:{receiver_port}/webhook",
        "PANTAU_WEBHOOK_SECRET": secret,
        "PANTAU_ESCALATOR_METRICS_PORT": str(free_port(metrics_port)),
    }
    logs = state_dir() / "logs"
    started = []
    if "PANTAU_WEBHOOK_URL" not in os.environ:
        record = state_dir() / "receiver" / "accepted.jsonl"
        receiver = spawn(
            ["receiver", "--port", str(receiver_port), "--record", str(record)], env, logs / "receiver.log"
        )
        started.append(("receiver", receiver))
    started.append(("escalator", spawn(["escalator"], env, logs / "escalator.log")))
    return started


SHOWN = 5  # escalations listed in the summary


def escalation_summary(redis_url: str, wait_s: float = 15) -> None:
    """Wait for the outbox to drain, then say what went to Bawaslu and whether the audit chain holds."""
    from pantau.audit.chain import verify_chain
    from pantau.stores.audit import AuditLog
    from pantau.stores.client import Blocking
    from pantau.stores.escalations import EscalationStore

    with Blocking(redis_url) as redis:
        store, audit = EscalationStore(redis.client, ttl_s=1), AuditLog(redis.client)  # read-only: no TTL applies
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline and (redis(store.backlog())[0] or redis(audit.length()) == 0):
            time.sleep(0.5)
        total, pending = redis(store.count()), redis(store.backlog())[0]
        click.secho(
            f"  escalations to Bawaslu: {total} created, {total - pending} delivered, {pending} waiting", bold=True
        )
        reasons = (
            Counter(s["reason"] for s in redis(store.states(redis(store.ids(limit=total))))) if total else Counter()
        )
        if reasons:
            # Not one per alert: the policy escalates critical alerts, wide-reaching hoaxes and repeat offenders.
            click.echo("    by reason: " + ", ".join(f"{reason} {count}" for reason, count in reasons.most_common()))
        if total > SHOWN:
            click.echo(f"    the newest {SHOWN} of {total} (all of them: pantau escalations list):")
        for state in redis(store.states(redis(store.ids(limit=SHOWN)))):
            click.echo(
                f"    {state['escalation_id']}  {state['reason']:<16} {state['status']:<9} "
                f"{state.get('addressed_to', '')}"
            )
        if total:
            click.echo("    read one: pantau escalations show ESCALATION_ID")

        async def chain() -> list[Any]:
            return [entry async for entry in audit.entries()]

        verdict = verify_chain(redis(chain()), head=redis(audit.head()))
    click.echo(
        f"  audit chain: {verdict.entries} entries, {'verified' if verdict.ok else 'BROKEN'} (pantau audit verify)"
    )
