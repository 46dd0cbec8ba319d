"""`pantau roster import`, `pantau candidates import`, `pantau thresholds show|set|whatif`."""

from __future__ import annotations

import getpass
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

import click

from pantau.settings import load_settings
from pantau.stores.client import run_with_redis
from pantau.stores.imports import import_candidates_file, import_roster_file

FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
# The two verbs answer different questions; operators compared their figures and found them far apart.
WHATIF_VS_SHOW = (
    "note: `show` counts alerts written in the last hour; `whatif` divides what the scores recorded in the "
    "window would raise by the whole window (--days), so after a one-hour demo 72 alerts read 72/7 = 10.3/day; "
    "the dashboard's /thresholds page explains the rest"
)


@click.group()
def roster() -> None:
    """The ASN roster (CSV: platform,account_id,handle,nip,name,opd,status,region)."""


@roster.command(name="import")
@click.argument("file", type=FILE)
def import_roster(file: Path) -> None:
    """Validate FILE as a whole and replace the roster; running workers pick it up within seconds."""
    click.echo(import_roster_file(load_settings(), file))


@click.group()
def candidates() -> None:
    """Contests, candidate pairs and the election calendar (YAML)."""


@candidates.command(name="import")
@click.argument("file", type=FILE)
def import_candidates(file: Path) -> None:
    """Validate FILE and replace the candidates; running workers pick them up within seconds."""
    click.echo(import_candidates_file(load_settings(), file))


@click.group()
def thresholds() -> None:
    """Per-label alert thresholds, shared by every running worker."""


@thresholds.command(name="set")
@click.argument("name")
@click.argument("value", type=float)
@click.option("--reason", required=True, help="Why (kept in the change log).")
@click.option("--by", default=None, help="Who (default: the login name).")
def set_threshold(name: str, value: float, reason: str, by: str | None) -> None:
    """Set threshold NAME (a label, or RULE.LABEL) to VALUE; workers apply it within seconds."""
    from pantau.stores.thresholds import ThresholdStore

    who = by or getpass.getuser()
    change = run_with_redis(load_settings(), lambda c: ThresholdStore(c).set(name, value, by=who, reason=reason))
    click.echo(
        f"{change['name']}: {change['old'] if change['old'] is not None else 'default'} -> {change['new']} "
        f"(by {who} at {change['at']})"
    )


@thresholds.command(name="show")
def show_thresholds() -> None:
    """Thresholds in force, where each comes from, its last change and the alerts it produced in the last hour."""
    from pantau.stores.alerts import AlertStore
    from pantau.stores.thresholds import ThresholdStore

    settings = load_settings()

    async def gather(client: Any) -> tuple[dict[str, float], list[dict[str, Any]], Counter[str]]:
        store = ThresholdStore(client)
        recent: Counter[str] = Counter()
        for entry in await AlertStore(client).entries(start_ms=int((time.time() - 3600) * 1000)):
            explanation = entry.alert().get("explanation", {})
            recent[f"{explanation.get('rule')}.{explanation.get('label')}"] += 1
            recent[str(explanation.get("label"))] += 1
        return await store.overrides(), await store.changes(500), recent

    overrides, changes, recent = run_with_redis(settings, gather)
    last = {}
    for change in reversed(changes):
        last[change["name"]] = change
    click.echo(f"{'threshold':30} {'value':>6}  {'source':8} {'alerts/1h':>9}  last change")
    from pantau.domain.thresholds import thresholds_in_force

    merged = thresholds_in_force(settings.thresholds, overrides, labels_configured=settings.thresholds_configured)
    for name, value in sorted(merged.items()):
        change = last.get(name)
        note = (
            f"{change['at']} by {change['by']}: {change['old'] or 'default'} -> {change['new']} ({change['reason']})"
            if change
            else "-"
        )
        source = "live" if name in overrides else "default"
        click.echo(f"{name:30} {value:6.3f}  {source:8} {recent.get(name, 0):9d}  {note}")
    click.echo(WHATIF_VS_SHOW, err=True)


@thresholds.command(name="whatif")
@click.argument("label", type=click.Choice(["endorsement", "attack", "hoax", "hate_sara"]))
@click.option("--days", type=float, default=7.0, show_default=True, help="Window of recorded scores and triage.")
@click.option("--start", type=float, default=0.05, show_default=True)
@click.option("--stop", type=float, default=0.95, show_default=True)
@click.option("--step", type=float, default=0.05, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per threshold.")
def whatif_thresholds(label: str, days: float, start: float, stop: float, step: float, as_json: bool) -> None:
    """For a range of thresholds on LABEL: alerts per day and the precision staff triage implies."""
    from dataclasses import asdict

    from pantau.domain.thresholds import thresholds_in_force
    from pantau.domain.whatif import grid
    from pantau.stores.thresholds import ThresholdStore
    from pantau.stores.whatif import what_if_report

    settings = load_settings()

    async def gather(client: Any) -> tuple[list[Any], dict[str, float]]:
        rows = await what_if_report(
            client, label, days=days, thresholds=grid(start, stop, step), retention_s=settings.score_retention_s
        )
        return rows, await ThresholdStore(client).overrides()

    rows, overrides = run_with_redis(settings, gather)
    current = thresholds_in_force(settings.thresholds, overrides)[label]
    if as_json:
        for row in rows:
            click.echo(json.dumps(asdict(row)))
        return
    click.echo(WHATIF_VS_SHOW, err=True)
    click.echo(f"{label}: threshold in force {current:g}; last {days:g} days of recorded scores")
    click.echo(f"{'threshold':>9} {'alerts/day':>10} {'triaged':>7} {'precision':>9}")
    for row in rows:
        precision = f"{row.precision:.2f}" if row.precision is not None else "-"
        mark = "  <- in force" if abs(row.threshold - current) < step / 2 else ""
        click.echo(f"{row.threshold:9.2f} {row.alerts_per_day:10.1f} {row.triaged:7d} {precision:>9}{mark}")


@click.command()
@click.option("--older-than-days", type=float, default=None, help="Default: PANTAU_RETENTION_DAYS (90).")
@click.option("--dry-run", is_flag=True, help="Count only.")
@click.option("--yes", is_flag=True, help="Do not ask.")
def purge(older_than_days: float | None, dry_run: bool, yes: bool) -> None:
    """Delete alerts, scores, triage and threshold history, delivered escalations and audit entries older
    than the retention period (pending escalations are kept)."""
    from pantau.stores.retention import purge as run_purge

    settings = load_settings()
    days = older_than_days if older_than_days is not None else settings.retention_days
    if not dry_run and not yes:
        click.confirm(f"delete everything older than {days:g} days?", abort=True)
    cutoff_ms = int((time.time() - days * 86400) * 1000)
    counts = run_with_redis(settings, lambda client: run_purge(client, cutoff_ms, dry_run=dry_run))
    verb = "would delete" if dry_run else "deleted"
    click.echo(f"{verb} (older than {days:g} days): " + ", ".join(f"{k} {v}" for k, v in counts.items()))
