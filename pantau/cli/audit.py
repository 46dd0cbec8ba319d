"""`pantau audit verify|export`: check the hash chain, or write it out for safekeeping."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from pantau.audit.chain import AuditEntry, Verdict, verify_chain
from pantau.settings import load_settings


@click.group()
def audit() -> None:
    """The tamper-evident audit log of alerts, triage decisions, threshold changes and escalations."""


def _pair(value: str) -> tuple[int, str]:
    seq, _, digest = value.partition(":")
    if not seq.isdigit() or len(digest) != 64:
        raise click.BadParameter(f"expected SEQ:SHA256HEX, got {value!r}")
    return int(seq), digest


def _read_file(path: Path) -> tuple[list[AuditEntry], tuple[int, str] | None, tuple[int, str] | None]:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    header = lines[0] if lines and "head" in lines[0] else {}
    entries = [
        AuditEntry(int(e["seq"]), e["prev"], e["hash"], e["entry"], e.get("ref", "")) for e in lines if "entry" in e
    ]
    head = tuple(header["head"]) if header.get("head") else None
    anchor = tuple(header["anchor"]) if header.get("anchor") else None
    return entries, head, anchor


async def _read_redis(client: Any) -> tuple[list[AuditEntry], tuple[int, str] | None, tuple[int, str] | None]:
    from pantau.stores.audit import AuditLog

    log = AuditLog(client)
    return [e async for e in log.entries()], await log.head(), await log.anchor()


def _report(verdict: Verdict, source: str) -> None:
    if verdict.ok:
        span = f"seq {verdict.first_seq}..{verdict.last_seq}" if verdict.entries else "empty"
        click.echo(f"audit chain OK ({source}): {verdict.entries} entries, {span}, head {verdict.last_hash}")
        return
    click.secho(f"audit chain BROKEN ({source}): {len(verdict.problems)} problem(s)", fg="red", err=True)
    for problem in verdict.problems:
        click.echo(f"  {problem}", err=True)
    sys.exit(1)


@audit.command()
@click.option(
    "--file",
    "path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Verify an export instead of the live chain in Redis.",
)
@click.option("--anchor", "anchors", multiple=True, help="SEQ:HASH quoted outside (e.g. in a delivered escalation).")
def verify(path: Path | None, anchors: tuple[str, ...]) -> None:
    """Find any edited, reordered or deleted entry and say where; exit 1 if there is one."""
    if path is not None:
        entries, head, anchor = _read_file(path)
        source = str(path)
    else:
        from pantau.stores.client import run_with_redis

        entries, head, anchor = run_with_redis(load_settings(), _read_redis)
        source = "redis"
    _report(verify_chain(entries, head=head, anchor=anchor, anchors=[_pair(a) for a in anchors]), source)


@audit.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export(file: Path) -> None:
    """Write the chain as JSONL (a header with head and anchor, then one entry per line)."""
    from pantau.stores.client import run_with_redis

    entries, head, anchor = run_with_redis(load_settings(), _read_redis)
    with file.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"head": head, "anchor": anchor}) + "\n")
        for e in entries:
            out.write(
                json.dumps(
                    {"seq": e.seq, "prev": e.prev, "hash": e.hash, "entry": e.body, "ref": e.ref}, ensure_ascii=False
                )
                + "\n"
            )
    click.echo(f"wrote {len(entries)} entries to {file}")
