"""`pantau roster import`, `pantau candidates import`, `pantau thresholds show|set`."""

from __future__ import annotations

import getpass
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

import click
import yaml

from pantau.errors import ConfigError
from pantau.settings import Settings, load_settings
from pantau.stores.client import run_with_redis

FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.group()
def roster() -> None:
    """The ASN roster (CSV: platform,account_id,handle,nip,name,opd,status,region)."""


@roster.command(name="import")
@click.argument("file", type=FILE)
def import_roster(file: Path) -> None:
    """Validate FILE as a whole and replace the roster; running workers pick it up within seconds."""
    click.echo(import_roster_file(load_settings(), file))


def import_roster_file(settings: Settings, file: Path) -> str:
    from pantau.roster import parse_roster
    from pantau.stores.reference import ReferenceStore

    if settings.pseudonym_key is None:
        raise ConfigError("set PANTAU_PSEUDONYM_KEY (a long random secret): NIPs are stored only as keyed HMACs")
    entries = parse_roster(file.read_text(encoding="utf-8"), settings.pseudonym_key.get_secret_value().encode())
    version = run_with_redis(settings, lambda c: ReferenceStore(c).import_roster(entries))
    bound = sum(e.bound for e in entries)
    return f"imported {len(entries)} accounts ({bound} bound to neutrality) as roster version {version}"


@click.group()
def candidates() -> None:
    """Contests, candidate pairs and the election calendar (YAML)."""


@candidates.command(name="import")
@click.argument("file", type=FILE)
def import_candidates(file: Path) -> None:
    """Validate FILE and replace the candidates; running workers pick them up within seconds."""
    click.echo(import_candidates_file(load_settings(), file))


def import_candidates_file(settings: Settings, file: Path) -> str:
    from pantau.candidates import parse_contests
    from pantau.stores.reference import ReferenceStore

    document = yaml.safe_load(file.read_text(encoding="utf-8"))
    contests = parse_contests(document)
    version = run_with_redis(settings, lambda c: ReferenceStore(c).import_candidates(document))
    pairs = sum(len(c.pairs) for c in contests)
    return f"imported {len(contests)} contest(s), {pairs} pairs, as candidates version {version}"


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
    from pantau.sinks.redis_alerts import ALERT_STREAM
    from pantau.stores.thresholds import ThresholdStore

    settings = load_settings()

    async def gather(client: Any) -> tuple[dict[str, float], list[dict[str, Any]], Counter[str]]:
        store = ThresholdStore(client)
        since = f"{int((time.time() - 3600) * 1000)}-0"
        recent: Counter[str] = Counter()
        for _id, fields in await client.xrange(ALERT_STREAM, min=since):
            explanation = json.loads(fields[b"alert"]).get("explanation", {})
            recent[f"{explanation.get('rule')}.{explanation.get('label')}"] += 1
            recent[str(explanation.get("label"))] += 1
        return await store.overrides(), await store.changes(500), recent

    overrides, changes, recent = run_with_redis(settings, gather)
    last = {}
    for change in reversed(changes):
        last[change["name"]] = change
    click.echo(f"{'threshold':30} {'value':>6}  {'source':8} {'alerts/1h':>9}  last change")
    for name, value in sorted({**settings.thresholds, **overrides}.items()):
        change = last.get(name)
        note = (
            f"{change['at']} by {change['by']}: {change['old'] or 'default'} -> {change['new']} ({change['reason']})"
            if change
            else "-"
        )
        source = "live" if name in overrides else "default"
        click.echo(f"{name:30} {value:6.3f}  {source:8} {recent.get(name, 0):9d}  {note}")
