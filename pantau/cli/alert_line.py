"""An alert as two coloured terminal lines (`pantau feed`, `pantau demo`)."""

from __future__ import annotations

from typing import Any

import click

SEVERITY_COLOURS = {"low": "white", "medium": "yellow", "high": "red", "critical": "magenta"}


def format_alert(alert: dict[str, Any]) -> str:
    """Two lines per alert: severity, type, act, who, why; then the full alert id (for `pantau triage`,
    the dashboard's /alerts/ID) and the excerpt."""
    severity = alert["severity"]
    head = click.style(f"{severity.upper():8}", fg=SEVERITY_COLOURS.get(severity, "white"), bold=True)
    explanation = alert.get("explanation") or {}
    score = explanation.get("score")
    why = f"{explanation.get('label')} {score:.2f}" if isinstance(score, int | float) else ""
    who = (alert.get("account") or {}).get("handle") or (alert.get("account") or {}).get("id") or ""
    line = f"{head} {alert['type']:14} {alert.get('action') or '':7} {who:22} {why}".rstrip()
    if alert.get("asn"):
        line += f"  ASN {alert['asn']['status']} {alert['asn']['opd']}"
    if alert.get("candidate"):
        matched = alert["candidate"].get("matched")
        line += f"  → paslon {alert['candidate']['number']}" + (f" (“{matched}”)" if matched else "")
    claim = next((e for e in alert.get("evidence") or [] if e.get("kind") == "claim"), None)
    if claim:
        line += click.style(f"  ≈ {claim['title'][:60]} ({claim['publisher'] or 'fact-check'})", fg="cyan")
    if alert.get("phase") in ("quiet_period", "voting_day"):
        line += click.style(f"  [{alert['phase']}]", fg="magenta")
    status = (alert.get("triage") or {}).get("status", "new")
    if status != "new":
        line += click.style(f"  [{status}]", fg="green" if status == "confirmed" else "white")
    alert_id = click.style(alert["alert_id"], dim=True)
    return f"{line}\n         {alert_id}  “{str(alert.get('excerpt') or '')[:100]}”"
