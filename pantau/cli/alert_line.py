"""An alert as two coloured terminal lines (`pantau feed`, `pantau demo`)."""

from __future__ import annotations

from typing import Any

import click

from pantau.domain.alert import Alert

SEVERITY_COLOURS = {"low": "white", "medium": "yellow", "high": "red", "critical": "magenta"}


def format_alert(alert: dict[str, Any]) -> str:
    """Two lines per alert: severity, type, act, who, why; then the full alert id (for `pantau triage`,
    the dashboard's /alerts/ID) and the excerpt."""
    a = Alert.from_json(alert)
    severity = a.severity
    head = click.style(f"{severity.upper():8}", fg=SEVERITY_COLOURS.get(severity, "white"), bold=True)
    score = a.explanation.score if a.explanation else None
    label = a.explanation.label if a.explanation else None
    why = f"{label} {score:.2f}" if isinstance(score, int | float) else ""
    who = (a.account.handle or a.account.id) if a.account else ""
    line = f"{head} {a.type:14} {a.action or '':7} {who:22} {why}".rstrip()
    if a.asn:
        line += f"  ASN {a.asn.status} {a.asn.opd}"
    if a.candidate:
        matched = a.candidate.matched
        line += f"  → paslon {a.candidate.number}" + (f" (“{matched}”)" if matched else "")
    claim = a.evidence_of("claim")
    if claim:
        title, publisher = claim.detail["title"], claim.detail["publisher"]
        line += click.style(f"  ≈ {title[:60]} ({publisher or 'fact-check'})", fg="cyan")
    if a.phase in ("quiet_period", "voting_day"):
        line += click.style(f"  [{a.phase}]", fg="magenta")
    status = a.triage_status
    if status != "new":
        line += click.style(f"  [{status}]", fg="green" if status == "confirmed" else "white")
    alert_id = click.style(a.alert_id, dim=True)
    return f"{line}\n         {alert_id}  “{a.excerpt[:100]}”"
