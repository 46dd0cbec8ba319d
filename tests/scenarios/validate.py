"""Check a scenario directory against CONTRACT.md and its own README counts.

    python tests/scenarios/validate.py tests/scenarios/pilkada_dev [more dirs]

Checks: every line parses as JSON; every event has the contract's required fields and a non-empty text or
target text; ids are unique and expected.jsonl covers exactly the events; regions match the contest; every
account whose handle is in the roster uses the roster's id for that platform; asn_neutrality only on bound
accounts; official campaign accounts, PTT_NON_APBD and non-roster accounts never expect asn_neutrality; claims
are 8-15 with the required keys; the README's label counts equal the files'.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

import yaml

REQUIRED = ("event_id", "platform", "action", "account", "created_at")
TYPES = {"asn_neutrality", "hoax", "hate_sara"}
CLAIM_KEYS = {"claim_text", "title", "verdict", "url", "publisher", "date", "category", "language"}


def _jsonl(path: Path) -> list[dict[str, object]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}:{n}: not JSON ({exc})") from None
    return rows


def validate(root: Path) -> list[str]:
    errors: list[str] = []
    contest = yaml.safe_load((root / "candidates.yaml").read_text(encoding="utf-8"))["contests"][0]
    campaign = {tuple(a.split(":", 1)) for p in contest["pairs"] for a in p["accounts"]}
    with (root / "roster.csv").open(encoding="utf-8") as fh:
        roster = list(csv.DictReader(fh))
    by_handle = {(r["platform"], r["handle"]): r for r in roster}
    for r in roster:
        if not re.fullmatch(r"\d{18}", r["nip"]):
            errors.append(f"roster: bad NIP {r['nip']}")
        if r["status"] not in ("PNS", "PPPK", "PTT_APBD", "PTT_NON_APBD"):
            errors.append(f"roster: bad status {r['status']}")
    events = _jsonl(root / "events.jsonl")
    expected = {str(e["event_id"]): e["expect"] for e in _jsonl(root / "expected.jsonl")}
    ids = [str(e["event_id"]) for e in events]
    if len(set(ids)) != len(ids):
        errors.append("duplicate event_id")
    if set(ids) != set(expected):
        errors.append("expected.jsonl does not cover exactly the events")
    counts: Counter[str] = Counter()
    for ev in events:
        eid = str(ev["event_id"])
        for key in REQUIRED:
            if not ev.get(key):
                errors.append(f"{eid}: missing {key}")
        acc = ev["account"]
        assert isinstance(acc, dict)
        target = ev.get("target") or {}
        assert isinstance(target, dict)
        if not (ev.get("text") or target.get("text")):
            errors.append(f"{eid}: no text")
        if ev["action"] not in ("post", "comment", "share", "like"):
            errors.append(f"{eid}: bad action")
        if ev["action"] != "post" and not target.get("author"):
            errors.append(f"{eid}: {ev['action']} without target author")
        if ev.get("region") != contest["region"]:
            errors.append(f"{eid}: region {ev.get('region')}")
        datetime.fromisoformat(str(ev["created_at"]))
        row = by_handle.get((str(ev["platform"]), str(acc["handle"])))
        if row and row["account_id"] != str(acc["id"]):
            errors.append(f"{eid}: roster id mismatch for {acc['handle']}")
        exp = expected.get(eid, [])
        assert isinstance(exp, list)
        if not set(exp) <= TYPES:
            errors.append(f"{eid}: unknown type in {exp}")
        bound = row is not None and row["status"] in ("PNS", "PPPK", "PTT_APBD")
        if "asn_neutrality" in exp and not bound:
            errors.append(f"{eid}: asn_neutrality on a non-bound account")
        if (str(ev["platform"]), str(acc["handle"])) in campaign and exp:
            errors.append(f"{eid}: campaign account expects an alert")
        if ev["action"] == "like" and {"hoax", "hate_sara"} & set(exp):
            errors.append(f"{eid}: like expects hoax/hate")
        for t in exp:
            counts[t] += 1
    claims = _jsonl(next(root.glob("claims.jsonl")))
    if not 8 <= len(claims) <= 15:
        errors.append(f"{len(claims)} claims")
    for c in claims:
        if set(c) != CLAIM_KEYS or c["verdict"] not in ("false", "misleading") or c["language"] != "id":
            errors.append(f"claim keys/verdict: {c.get('title')}")
    readme = (root / "README.md").read_text(encoding="utf-8")
    if f"Events: **{len(events)}**" not in readme:
        errors.append("README event count differs")
    for t, n in counts.items():
        if f"| {t} | {n} |" not in readme:
            errors.append(f"README count for {t} differs ({n})")
    print(
        f"{root}: {len(events)} events, {dict(counts)}, {len(roster)} roster rows, {len(claims)} claims, "
        f"{len(errors)} errors"
    )
    return errors


def main() -> None:
    errors = [e for d in sys.argv[1:] for e in validate(Path(d))]
    for e in errors[:50]:
        print(e)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
