"""`pantau tail` (the live feed in a terminal) and `pantau feedback export` (staff decisions as training data)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click

from pantau.settings import load_settings

# The `type` values of CONTRACT.md's alerts.
ALERT_TYPES = ("asn_neutrality", "hoax", "hate_sara", "citizen_report", "mobilisation")

FILTER_OPTIONS = [
    click.option("--type", "type_", type=click.Choice(list(ALERT_TYPES)), default=None),
    click.option("--severity", type=click.Choice(["low", "medium", "high", "critical"]), default=None),
    click.option("--region", default=None),
    click.option("--opd", default=None),
    click.option("--candidate", default=None, help="Pair number."),
    click.option("--status", type=click.Choice(["new", "assigned", "confirmed", "dismissed"]), default=None),
]


def _with_filters(func: Any) -> Any:
    for option in reversed(FILTER_OPTIONS):
        func = option(func)
    return func


def _newest_matching(db: Any, filters: dict[str, str], last: int) -> tuple[list[dict[str, Any]], str | None]:
    """The `last` newest alerts that match, oldest first, and the newest stream id seen. Pages back through
    the stream until enough match: a fixed window would print fewer than asked when filters are selective."""
    from dashboard.filters import matches
    from pantau.stores.alerts import AlertStore

    store = AlertStore(db.client)

    async def gather() -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        if last > 0:
            async for batch in store.pages(newest_first=True, page=500):
                found += [a for a in await store.with_state(batch) if matches(a, filters)]
                if len(found) >= last:
                    break
        return found

    found = db(gather())
    return list(reversed(found[:last])), db(store.newest_id())


@click.command()
@_with_filters
@click.option("--last", type=int, default=10, show_default=True, help="Show this many recent alerts first.")
@click.option("--once", is_flag=True, help="Print the recent alerts and exit (no live wait).")
def tail(
    type_: str | None,
    severity: str | None,
    region: str | None,
    opd: str | None,
    candidate: str | None,
    status: str | None,
    last: int,
    once: bool,
) -> None:
    """The live alert feed in the terminal, coloured by severity, with the dashboard's filters."""
    from dashboard.filters import clean, matches
    from pantau.cli.alert_line import format_alert
    from pantau.stores.alerts import AlertStore
    from pantau.stores.client import Blocking

    filters = clean(
        {
            "type": type_ or "",
            "severity": severity or "",
            "region": region or "",
            "opd": opd or "",
            "candidate": candidate or "",
            "status": status or "",
        }
    )
    with Blocking(load_settings().redis_url.get_secret_value()) as db:
        shown, newest = _newest_matching(db, filters, last)
        for alert in shown:
            click.echo(format_alert(alert))
        if once:
            return
        cursor = newest or "0-0"  # an empty stream: everything that arrives is new
        click.secho(
            f"— live{' (' + ', '.join(f'{k}={v}' for k, v in filters.items()) + ')' if filters else ''}; "
            "Ctrl-C to stop —",
            dim=True,
        )
        store = AlertStore(db.client)
        try:
            while True:
                entries = db(store.after(cursor, block_ms=2000))
                if entries:
                    cursor = entries[-1].stream_id
                for alert in db(store.with_state(entries)):
                    if matches(alert, filters):
                        click.echo(format_alert(alert))
        except KeyboardInterrupt:
            pass


@click.group()
def feedback() -> None:
    """Staff decisions as labelled data for retraining the classifier."""


@feedback.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--days", type=float, default=90.0, show_default=True, help="Alerts detected within this window.")
def export(file: Path, days: float) -> None:
    """Write confirmed and dismissed alerts as training rows (JSONL); `pantau model train --feedback FILE`."""
    from pantau.domain.feedback import training_row
    from pantau.stores.alerts import AlertStore
    from pantau.stores.client import run_with_redis

    async def gather(client: Any) -> list[dict[str, Any]]:
        alerts, rows = AlertStore(client), []
        async for batch in alerts.pages(start_ms=int((time.time() - days * 86400) * 1000)):
            for state in await alerts.states([e.alert_id for e in batch]):
                row = training_row(state) if state else None
                if row:
                    rows.append(row)
        return rows

    rows = run_with_redis(load_settings(), gather)
    with file.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    confirmed = sum(1 for r in rows if r["verdict"] == "confirmed")
    click.echo(f"wrote {len(rows)} rows to {file} ({confirmed} confirmed, {len(rows) - confirmed} dismissed)")
