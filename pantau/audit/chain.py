"""The hash chain itself: how an entry is written down and hashed, and how a chain is checked. Pure.

Each entry is canonical JSON {seq, at, kind, key, actor, data} plus the hash of the entry before it; its own
hash is SHA-256 over "prev_hash\\n" + entry JSON. Editing an entry changes its hash, which no longer matches
the `prev` the next entry carries; deleting or reordering entries breaks the sequence or the links; cutting
the tail is caught against the head (the last hash and seq, kept apart from the entries).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One link: the record as written (`body`, canonical JSON), the previous hash and its own hash."""

    seq: int
    prev: str
    hash: str
    body: str
    ref: str = ""  # where it is stored (a stream id), for messages only

    @property
    def record(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.body)
        return parsed


def canonical(record: Mapping[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def link_hash(prev: str, body: str) -> str:
    return hashlib.sha256(f"{prev}\n{body}".encode()).hexdigest()


def make_entry(
    prev_seq: int, prev_hash: str, *, at: str, kind: str, key: str, actor: str, data: Mapping[str, Any]
) -> AuditEntry:
    """The next link after (prev_seq, prev_hash)."""
    seq = prev_seq + 1
    body = canonical({"seq": seq, "at": at, "kind": kind, "key": key, "actor": actor, "data": dict(data)})
    return AuditEntry(seq, prev_hash, link_hash(prev_hash, body), body)


@dataclass(frozen=True, slots=True)
class Problem:
    seq: int | None
    ref: str
    message: str

    def __str__(self) -> str:
        where = f"entry {self.seq}" if self.seq is not None else "chain"
        return f"{where}{f' ({self.ref})' if self.ref else ''}: {self.message}"


@dataclass(frozen=True, slots=True)
class Verdict:
    entries: int
    first_seq: int | None
    last_seq: int | None
    last_hash: str | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_chain(
    entries: Iterable[AuditEntry],
    *,
    head: tuple[int, str] | None = None,
    anchor: tuple[int, str] | None = None,
    anchors: Iterable[tuple[int, str]] = (),
) -> Verdict:
    """Every problem in the chain, each with the entry where it shows.

    `anchor` is (seq, prev hash) of the first entry kept after old entries were trimmed (None: the chain
    starts at seq 1 from GENESIS). `head` is the recorded last (seq, hash). `anchors` are (seq, hash) pairs
    held outside, e.g. quoted in escalations already delivered to Bawaslu: a chain rewritten wholesale
    still disagrees with them.
    """
    problems: list[Problem] = []
    expected_seq, expected_prev = anchor if anchor else (1, GENESIS)
    count, first = 0, None
    # A chain trimmed to nothing still ends where the anchor says the kept part begins.
    last_seq, last_hash = (anchor[0] - 1, anchor[1]) if anchor else (None, None)
    by_seq: dict[int, str] = {}
    for entry in entries:
        count += 1
        first = entry.seq if first is None else first
        if entry.seq != expected_seq:
            if entry.seq > expected_seq:
                problems.append(Problem(entry.seq, entry.ref, f"entries {expected_seq}..{entry.seq - 1} are missing"))
            else:
                problems.append(Problem(entry.seq, entry.ref, f"out of order: expected seq {expected_seq}"))
        if entry.prev != expected_prev:
            problems.append(Problem(entry.seq, entry.ref, "does not link to the entry before it (prev hash differs)"))
        recomputed = link_hash(entry.prev, entry.body)
        if recomputed != entry.hash:
            problems.append(Problem(entry.seq, entry.ref, "was altered: its content no longer matches its hash"))
        elif _body_seq(entry.body) != entry.seq:
            problems.append(
                Problem(entry.seq, entry.ref, "was altered: its seq differs from the one it was hashed with")
            )
        by_seq[entry.seq] = entry.hash
        expected_seq, expected_prev = entry.seq + 1, entry.hash
        last_seq, last_hash = entry.seq, entry.hash
    if head is not None and (last_seq, last_hash) != head:
        if last_seq is None or head[0] > last_seq:
            problems.append(Problem(head[0], "", f"the head says {head[0]} entries but the chain ends at {last_seq}"))
        else:
            problems.append(Problem(last_seq, "", "the last entry differs from the recorded head"))
    for seq, digest in anchors:
        if seq in by_seq and by_seq[seq] != digest:
            problems.append(Problem(seq, "", "differs from the hash quoted outside (an anchor): chain rewritten"))
    return Verdict(count, first, last_seq, last_hash, problems)


def _body_seq(body: str) -> int | None:
    try:
        seq = json.loads(body).get("seq")
    except (ValueError, AttributeError):
        return None
    return seq if isinstance(seq, int) else None
