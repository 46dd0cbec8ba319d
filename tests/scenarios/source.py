"""Reading a scenario directory: its contest (candidates.yaml), roster (roster.csv) and the hand-written
source.txt (format in build.py's docstring), into plain records. Nothing random happens here."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta, timezone
from pathlib import Path

import yaml

BOUND = {"PNS", "PPPK", "PTT_APBD"}
PLATFORMS = ("x", "facebook", "instagram", "tiktok", "youtube")
CODES = {"N": "asn_neutrality", "H": "hoax", "S": "hate_sara"}


@dataclass(frozen=True)
class Account:
    kind: str  # bound, ptt, citizen, unknown, news (media), body (KPU, Bawaslu, fact-checkers), campaign
    platform: str
    id: str
    handle: str
    status: str = ""
    pair: int = 0


@dataclass(frozen=True)
class Target:
    code: str  # C1, A2, N, H3, D, P, S
    index: int
    text: str


@dataclass(frozen=True)
class Line:
    category: str
    actor: str
    action: str
    target: str
    when: str
    expect: tuple[str, ...]
    text: str
    lineno: int


@dataclass
class Source:
    """Everything a scenario directory declares, before accounts, times and urls are assigned."""

    name: str
    region: str
    voting_day: date
    camp_start: date
    camp_end: date
    tz: timezone
    accounts: list[Account]
    targets: dict[str, list[Target]]
    lines: list[Line]
    readme: str


def _sections(path: Path) -> dict[str, list[tuple[int, str]]]:
    out: dict[str, list[tuple[int, str]]] = {}
    current = ""
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        if line.startswith("= "):
            current = line[2:].strip()
            out.setdefault(current, [])
            continue
        if current != "readme" and (not line.strip() or line.lstrip().startswith("#")):
            continue
        out.setdefault(current, []).append((n, line))
    return out


def num_id(seed: str, digits: int = 10) -> str:
    return str(int(hashlib.sha256(seed.encode()).hexdigest(), 16))[:digits]


def as_date(v: object) -> date:
    return v if isinstance(v, date) else date.fromisoformat(str(v))


def _campaign_and_roster(contest: dict[str, object], roster: Path) -> Iterator[Account]:
    for pair in contest["pairs"]:  # type: ignore[attr-defined]
        for spec in pair["accounts"]:
            platform, handle = spec.split(":", 1)
            yield Account("campaign", platform, num_id(spec), handle, pair=int(pair["number"]))
    with roster.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            kind = "bound" if row["status"] in BOUND else "ptt"
            yield Account(kind, row["platform"], row["account_id"], row["handle"], row["status"])


def read_source(root: Path) -> Source:
    cand = yaml.safe_load((root / "candidates.yaml").read_text(encoding="utf-8"))
    contest = cand["contests"][0]
    accounts = list(_campaign_and_roster(contest, root / "roster.csv"))
    sec = _sections(root / "source.txt")
    meta: dict[str, str] = {}
    for _, line in sec.get("meta", []):
        key, value = line.split("|", 1)
        meta[key.strip()] = value.strip()
    for n, line in sec["accounts"]:
        kind, platform, handle = (p.strip() for p in line.split("|"))
        if platform not in PLATFORMS:
            raise SystemExit(f"source.txt:{n}: unknown platform {platform}")
        accounts.append(Account(kind, platform, num_id(f"{platform}:{handle}"), handle))
    targets: dict[str, list[Target]] = {}
    for _, line in sec["targets"]:
        code, text = (p.strip() for p in line.split("|", 1))
        key = code.rstrip("0123456789") if code[0] not in "CAH" else code
        lst = targets.setdefault(key, [])
        lst.append(Target(key, len(lst) + 1, text))
    lines: list[Line] = []
    category = "uncategorised"
    for n, line in sec["events"]:
        if line.startswith("=="):
            category = line[2:].strip()
            continue
        parts = [p.strip() for p in line.split("|", 5)]
        if len(parts) != 6:
            raise SystemExit(f"source.txt:{n}: expected 6 fields, got {len(parts)}")
        actor, action, target, when, expect, text = parts
        codes = () if expect == "-" else tuple(CODES[c] for c in expect)
        lines.append(Line(category, actor, action, target, when, codes, text, n))
    return Source(
        name=root.name,
        region=contest["region"],
        voting_day=as_date(contest["voting_day"]),
        camp_start=as_date(contest["campaign"]["start"]),
        camp_end=as_date(contest["campaign"]["end"]),
        tz=timezone(timedelta(hours=int(meta.get("utc_offset_hours", "7")))),
        accounts=accounts,
        targets=targets,
        lines=lines,
        readme="\n".join(t for _, t in sec.get("readme", [])).strip() + "\n",
    )
