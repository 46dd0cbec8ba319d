"""Assemble an annotated scenario directory from its hand-written source.txt.

The texts are written by hand in DIR/source.txt; this script only gives every event its account, target, time,
url and metrics (deterministically, seeded by the scenario name), checks the annotation against the guideline
and writes events.jsonl, expected.jsonl and the counts section of README.md. `source.py` reads the directory
into records, this file assigns accounts, targets, times and urls, `counts.py` writes the README's counts.

    python tests/scenarios/build.py tests/scenarios/pilkada_dev

source.txt format (lines starting with # are comments):
    = accounts          kind | platform | handle         (citizen, unknown, news, body; roster, pairs: files)
    = targets           CODE | text                      (C<n> campaign post of pair n, A<n> post attacking pair n,
                                                          N news, H<k> hoax post of claim k, D debunk, P everyday,
                                                          S hateful SARA post)
    = events            actor | action | target | when | expect | text
                        "== category" lines name the category of the events that follow.
    = readme            free markdown, copied to README.md before the counts.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

from counts import Counts
from source import BOUND, PLATFORMS, Account, Line, Target, num_id, read_source


class Builder:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.name = root.name
        self.rng = random.Random(self.name)
        source = read_source(root)
        self.region = source.region
        self.voting_day: date = source.voting_day
        self.camp_start: date = source.camp_start
        self.camp_end: date = source.camp_end
        self.tz = source.tz
        self.accounts: list[Account] = source.accounts
        self.targets: dict[str, list[Target]] = source.targets
        self.lines: list[Line] = source.lines
        self.readme = source.readme
        self.counts = Counts()
        self._cycle: dict[str, int] = Counter()

    # -- accounts -------------------------------------------------------------------------------------------
    def pick_actor(self, spec: str, n: int, allowed: set[str]) -> Account:
        platform = ""
        if ":" in spec and not spec.startswith("@"):
            spec, platform = spec.split(":", 1)
        elif spec.startswith("@") and ":" in spec:
            spec, platform = spec.rsplit(":", 1)
        if spec.startswith("@"):
            pool = [a for a in self.accounts if a.handle == spec]
        elif spec == "asn":
            pool = [a for a in self.accounts if a.kind == "bound"]
        elif spec in ("PNS", "PPPK", "PTT_APBD"):
            pool = [a for a in self.accounts if a.kind == "bound" and a.status == spec]
        elif spec == "ptt":
            pool = [a for a in self.accounts if a.kind == "ptt"]
        elif spec in ("cit", "unk", "news"):
            kind = {"cit": "citizen", "unk": "unknown", "news": "news"}[spec]
            pool = [a for a in self.accounts if a.kind == kind]
        elif spec.startswith("pair"):
            pool = [a for a in self.accounts if a.kind == "campaign" and a.pair == int(spec[4:])]
        else:
            raise SystemExit(f"source.txt:{n}: unknown actor {spec}")
        if platform:
            pool = [a for a in pool if a.platform == platform]
        pool = [a for a in pool if a.platform in allowed]
        if not pool:
            raise SystemExit(f"source.txt:{n}: no account for {spec}:{platform}")
        # Spread events over accounts: least used first, ties broken by the seeded generator.
        self.rng.shuffle(pool)
        pool.sort(key=lambda a: self._cycle[f"acc:{a.platform}:{a.handle}"])
        chosen = pool[0]
        self._cycle[f"acc:{chosen.platform}:{chosen.handle}"] += 1
        return chosen

    def pick_target(self, ref: str, platform: str, n: int) -> tuple[Target, Account]:
        code, _, idx = ref.partition(".")
        items = self.targets.get(code)
        if not items:
            raise SystemExit(f"source.txt:{n}: no targets {code}")
        if idx:
            if not 1 <= int(idx) <= len(items):
                raise SystemExit(f"source.txt:{n}: {ref} does not exist")
            target = items[int(idx) - 1]
        else:
            # Cycle through a code's targets so the same post is liked by several accounts but all are used.
            target = items[self._cycle[f"tgt:{code}"] % len(items)]
            self._cycle[f"tgt:{code}"] += 1
        pool = [a for a in self._authors(code) if a.platform == platform]
        if not pool:
            raise SystemExit(f"source.txt:{n}: no author for {code} on {platform}")
        author = pool[int(num_id(f"{code}.{target.index}.{platform}", 6)) % len(pool)]
        return target, author

    def _authors(self, code: str) -> list[Account]:
        if code[0] == "C":
            return [a for a in self.accounts if a.kind == "campaign" and a.pair == int(code[1:])]
        kinds = {"N": ("news", "body"), "H": ("unknown",), "S": ("unknown",)}.get(code[0], ("citizen",))
        return [a for a in self.accounts if a.kind in kinds]

    def target_platforms(self, ref: str) -> set[str]:
        return {a.platform for a in self._authors(ref.partition(".")[0])}

    # -- time -----------------------------------------------------------------------------------------------
    def pick_time(self, when: str, n: int) -> datetime:
        d0, d1 = self._window(when, n)
        day = d0 + timedelta(days=self.rng.randint(0, (d1 - d0).days))
        if when == "v":
            hour = self.rng.randint(6, 12)
        elif when == "vpm":
            hour = self.rng.randint(15, 22)
        elif when == "a":
            hour = self.rng.randint(14, 22) if day == self.voting_day else self.rng.randint(6, 23)
        else:
            hour = self.rng.choice([5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 19, 20, 21, 22, 23])
        return datetime(
            day.year, day.month, day.day, hour, self.rng.randint(0, 59), self.rng.randint(0, 59), tzinfo=self.tz
        )

    def _window(self, when: str, n: int) -> tuple[date, date]:
        cs, ce, vd = self.camp_start, self.camp_end, self.voting_day
        span = (ce - cs).days
        table = {
            "pre": (cs - timedelta(days=20), cs - timedelta(days=1)),
            "c": (cs, ce),
            "c1": (cs, cs + timedelta(days=span // 3)),
            "c2": (cs + timedelta(days=span // 3), cs + timedelta(days=2 * span // 3)),
            "c3": (cs + timedelta(days=2 * span // 3), ce),
            "q": (ce + timedelta(days=1), vd - timedelta(days=1)),
            "v": (vd, vd),
            "vpm": (vd, vd),
            "a": (vd, vd + timedelta(days=8)),
            "x": (cs - timedelta(days=10), vd + timedelta(days=8)),
        }
        if when in table:
            return table[when]
        try:
            d = date.fromisoformat(when)
        except ValueError:
            raise SystemExit(f"source.txt:{n}: unknown time {when}") from None
        return d, d

    # -- output ---------------------------------------------------------------------------------------------
    def url(self, acc: Account, post_id: str) -> str:
        h = acc.handle.lstrip("@")
        return {
            "x": f"https://x.com/{h}/status/{post_id}",
            "facebook": f"https://www.facebook.com/{h}/posts/{post_id}",
            "instagram": f"https://www.instagram.com/p/{hashlib.md5(post_id.encode()).hexdigest()[:11]}/",
            "tiktok": f"https://www.tiktok.com/@{h}/video/{post_id}",
            "youtube": f"https://www.youtube.com/watch?v={hashlib.md5(post_id.encode()).hexdigest()[:11]}",
        }[acc.platform]

    def metrics(self, acc: Account) -> dict[str, int]:
        lo, hi = {
            "news": (15000, 180000),
            "body": (8000, 60000),
            "campaign": (4000, 60000),
            "bound": (80, 2500),
            "ptt": (80, 1500),
            "citizen": (30, 4000),
            "unknown": (5, 900),
        }[acc.kind]
        followers = self.rng.randint(lo, hi)
        likes = self.rng.randint(0, max(3, followers // 40))
        return {
            "followers": followers,
            "likes": likes,
            "shares": self.rng.randint(0, max(1, likes // 5)),
            "views": likes * self.rng.randint(5, 30) + self.rng.randint(0, 50),
        }

    def build(self, prefix: str) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
        events: list[dict[str, object]] = []
        expected: list[dict[str, object]] = []
        drafts: list[tuple[datetime, int, Line, Account]] = []
        for ln in self.lines:
            self.check(ln)
            allowed = self.target_platforms(ln.target) if ln.action != "post" else set(PLATFORMS)
            actor = self.pick_actor(ln.actor, ln.lineno, allowed)
            drafts.append((self.pick_time(ln.when, ln.lineno), ln.lineno, ln, actor))
        # Ids follow time order, so an id says nothing about the section an event was written in.
        drafts.sort(key=lambda d: (d[0], d[1]))
        for i, (at, _, ln, actor) in enumerate(drafts, 1):
            event_id = f"{prefix}-{i:04d}"
            post_id = num_id(f"{self.name}:{event_id}", 19)
            ev: dict[str, object] = {
                "event_id": event_id,
                "platform": actor.platform,
                "action": ln.action,
                "account": {"id": actor.id, "handle": actor.handle},
                "text": ln.text,
            }
            if ln.action != "post":
                target, author = self.pick_target(ln.target, actor.platform, ln.lineno)
                tid = num_id(f"{self.name}:{target.code}.{target.index}:{actor.platform}", 19)
                ev["target"] = {"id": tid, "author": author.handle, "text": target.text}
                ev["url"] = self.url(author, tid) if ln.action == "like" else self.url(actor, post_id)
            else:
                ev["url"] = self.url(actor, post_id)
            ev["created_at"] = at.isoformat()
            ev["region"] = self.region
            ev["metrics"] = self.metrics(actor)
            events.append(ev)
            expected.append({"event_id": event_id, "expect": list(ln.expect)})
            self._stats(ln, actor, at)
        return events, expected

    def check(self, ln: Line) -> None:
        where = f"source.txt:{ln.lineno}"
        if ln.action not in ("post", "comment", "share", "like"):
            raise SystemExit(f"{where}: bad action {ln.action}")
        if ln.action == "post" and ln.target != "~":
            raise SystemExit(f"{where}: a post has no target")
        if ln.action != "post" and ln.target == "~":
            raise SystemExit(f"{where}: {ln.action} needs a target")
        if ln.action == "like" and ln.text:
            raise SystemExit(f"{where}: a like has no own text")
        if ln.action == "like" and ("hoax" in ln.expect or "hate_sara" in ln.expect):
            raise SystemExit(f"{where}: a like never counts as hoax or hate (guideline)")
        if ln.action in ("post", "comment") and not ln.text:
            raise SystemExit(f"{where}: a {ln.action} needs text")
        if "asn_neutrality" in ln.expect and not (
            ln.actor in BOUND or ln.actor.startswith("asn") or self._bound_handle(ln.actor)
        ):
            raise SystemExit(f"{where}: asn_neutrality on an account that is not bound")

    def _bound_handle(self, spec: str) -> bool:
        h = spec.rsplit(":", 1)[0] if spec.startswith("@") else ""
        return any(a.handle == h and a.kind == "bound" for a in self.accounts)

    def _stats(self, ln: Line, actor: Account, at: datetime) -> None:
        if "asn_neutrality" not in ln.expect and actor.kind == "bound" and ln.category.startswith("ASN violation"):
            raise SystemExit(f"source.txt:{ln.lineno}: violation section line without N")
        if "asn_neutrality" in ln.expect and actor.kind != "bound":
            raise SystemExit(f"source.txt:{ln.lineno}: N on {actor.kind}")
        self.counts.add(ln, actor, self._period(at.date()))

    def _period(self, d: date) -> str:
        if d < self.camp_start:
            return "before campaign"
        if d <= self.camp_end:
            return "campaign"
        return "quiet period" if d < self.voting_day else "voting day" if d == self.voting_day else "after voting day"

    def run(self, prefix: str) -> None:
        events, expected = self.build(prefix)
        _write_jsonl(self.root / "events.jsonl", events)
        _write_jsonl(self.root / "expected.jsonl", expected)
        readme = self.readme + "\n" + self.counts.section(len(events), self.lines)
        (self.root / "README.md").write_text(readme, encoding="utf-8")
        print(f"{self.root}: {len(events)} events; {dict(self.counts.type)}; bound {dict(self.counts.bound)}")


def _write_jsonl(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def main() -> None:
    root = Path(sys.argv[1])
    prefix = sys.argv[2] if len(sys.argv) > 2 else root.name.split("_")[-1]
    Builder(root).run(prefix)


if __name__ == "__main__":
    main()
