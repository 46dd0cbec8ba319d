"""`pantau claims bench`: how well matching finds circulating variants of known hoaxes, how often it
fires on ordinary posts, and what it costs per event and in memory at 10k and 100k claims. Prints figures;
reads the data sets from a path, writes nothing."""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pantau.claims.index import ClaimIndex, align, grams
from pantau.claims.model import CLAIM_DEFAULTS, CLAIM_SEMANTIC, CLAIM_SIMILARITY, Claim, Embedder
from pantau.claims.parse import read_claims_file
from pantau.claims.text import match_text
from pantau.claims.variants import KINDS, debunk, perturb, variants

ALERTING = ("assert",)
LEXICAL_FLOOR = CLAIM_DEFAULTS[CLAIM_SIMILARITY]
RETOLD = "retold"  # the fact-checkers' headline posted as if news: a rewording, reported apart from KINDS


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    kind: str  # a variant kind, or "ordinary", "heldout" (another hoax, not in the index), "debunk"
    source: str | None  # the claim id a variant comes from


@dataclass(frozen=True, slots=True)
class Outcome:
    item: Item
    similarity: float
    claim_id: str | None
    framing: str
    seconds: float
    method: str = "lexical"


@dataclass
class Figures:
    claims: int
    threshold: float
    recall: float
    recall_by_kind: dict[str, float]
    precision: float
    ordinary_flagged: float
    # Without the held-out hoaxes (retold headlines still count: wrong when matched to another claim).
    precision_without_heldout: float
    # The issue's own definition: the five variant kinds against ordinary posts and debunks.
    precision_variants: float
    heldout_flagged: float
    debunk_flagged: float
    latency_ms_p50: float
    latency_ms_p95: float
    index_mb: float
    rss_mb: float
    build_s: float
    extra: dict[str, float] = field(default_factory=dict)


def _rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


def make_items(
    claims: Sequence[Claim], posts: Sequence[str], heldout: Sequence[Claim], n_claims: int, rng: random.Random
) -> list[Item]:
    sampled = rng.sample(list(claims), n_claims)
    items = []
    for claim in sampled:
        for kind, text in variants(claim.claim_text, rng, rng.choice(posts)).items():
            items.append(Item(text, kind, claim.id))
        items.append(Item(debunk(claim.claim_text, rng), "debunk", claim.id))
        if claim.title and claim.title.lower() not in claim.claim_text.lower():
            items.append(Item(claim.title, RETOLD, claim.id))
    items += [Item(p, "ordinary", None) for p in posts]
    items += [Item(c.claim_text, "heldout", None) for c in heldout]
    return items


def near_duplicates(index: ClaimIndex, a: str, b: str) -> bool:
    """Two claims in the database that tell the same hoax (fact-checkers debunk some twice): one repeats the
    other, in either direction (a short claim is often quoted inside a longer one), or they share a title."""
    if a == b:
        return True
    by_id = {c.id: c for c in index.claims}
    if a not in by_id or b not in by_id:
        return False
    if by_id[a].title and match_text(by_id[a].title) == match_text(by_id[b].title):
        return True
    na, nb = match_text(by_id[a].claim_text), match_text(by_id[b].claim_text)
    forward = align(set(grams(na)), grams(nb), len(na)).similarity
    return max(forward, align(set(grams(nb)), grams(na), len(nb)).similarity) >= 0.8


def run(index: ClaimIndex, items: Sequence[Item], semantic_floor: float) -> list[Outcome]:
    outcomes = []
    for item in items:
        started = time.perf_counter()
        found = index.match(item.text, lexical_floor=LEXICAL_FLOOR, semantic_floor=semantic_floor)
        elapsed = time.perf_counter() - started
        if found is None:
            outcomes.append(Outcome(item, 0.0, None, "none", elapsed))
        else:
            outcomes.append(Outcome(item, found.similarity, found.claim.id, found.framing, elapsed, found.method))
    return outcomes


def figures(
    index: ClaimIndex,
    outcomes: Sequence[Outcome],
    threshold: float,
    memory: tuple[float, float, float],
    semantic_floor: float = 1.01,
) -> Figures:
    def flagged(o: Outcome) -> bool:
        floor = semantic_floor if o.method == "semantic" else threshold
        return o.similarity >= floor and o.framing in ALERTING

    def correct(o: Outcome) -> bool:
        return flagged(o) and o.item.source is not None and near_duplicates(index, o.item.source, o.claim_id or "")

    variants_ = [o for o in outcomes if o.item.kind in KINDS]
    by_kind = {k: _share([o for o in outcomes if o.item.kind == k], correct) for k in (*KINDS, RETOLD)}
    hits = [o for o in outcomes if flagged(o)]
    good = sum(1 for o in hits if o.item.kind in (*KINDS, RETOLD) and correct(o))
    times = sorted(o.seconds * 1000 for o in outcomes)
    return Figures(
        claims=len(index),
        threshold=threshold,
        recall=_share(variants_, correct),
        recall_by_kind=by_kind,
        precision=good / len(hits) if hits else 1.0,
        precision_without_heldout=good / len(kept) if (kept := [o for o in hits if o.item.kind != "heldout"]) else 1.0,
        precision_variants=_precision([o for o in hits if o.item.kind not in ("heldout", RETOLD)], correct),
        ordinary_flagged=_share([o for o in outcomes if o.item.kind == "ordinary"], flagged),
        heldout_flagged=_share([o for o in outcomes if o.item.kind == "heldout"], flagged),
        debunk_flagged=_share([o for o in outcomes if o.item.kind == "debunk"], flagged),
        latency_ms_p50=statistics.median(times),
        latency_ms_p95=times[int(0.95 * (len(times) - 1))],
        index_mb=memory[0],
        rss_mb=memory[1],
        build_s=memory[2],
    )


def _precision(hits: Sequence[Outcome], correct: Callable[[Outcome], bool]) -> float:
    return sum(1 for o in hits if correct(o)) / len(hits) if hits else 1.0


def _share(outcomes: Sequence[Outcome], test: Callable[[Outcome], bool]) -> float:
    return sum(1 for o in outcomes if test(o)) / len(outcomes) if outcomes else 0.0


def build(claims: Sequence[Claim], embedder: Embedder | None = None) -> tuple[ClaimIndex, tuple[float, float, float]]:
    before, started = _rss_bytes(), time.perf_counter()
    index = ClaimIndex(claims, embedder=embedder)
    seconds = time.perf_counter() - started
    return index, (index.memory_bytes() / 1e6, (_rss_bytes() - before) / 1e6, seconds)


def synthesise(claims: Sequence[Claim], total: int, rng: random.Random) -> list[Claim]:
    """Real claims plus perturbed copies of them up to `total`."""
    out = list(claims)
    while len(out) < total:
        base, donor = rng.choice(claims), rng.choice(claims)
        out.append(Claim.new(perturb(base.claim_text, rng, donor.claim_text), title="synthetic"))
    return out


def bench(
    datasets: Path,
    *,
    n_claims: int = 250,
    n_posts: int = 2000,
    n_heldout: int = 300,
    scales: Sequence[int] = (10_000, 100_000),
    thresholds: Sequence[float] = (0.6, 0.65, 0.7, 0.75, 0.8),
    threshold: float = 0.7,
    seed: int = 15,
    echo: Callable[[str], None] = print,
    embedder: Embedder | None = None,
) -> list[Figures]:
    """Figures at each threshold on the real claims, then at each scale (synthetic claims added). With an
    embedder, matching by meaning joins in at `claims.semantic` (slow: scales are skipped)."""
    rng = random.Random(seed)
    claims = [c for c in read_claims_file(datasets / "hoax" / "turnbackhoax_2024.csv") if len(c.claim_text) >= 40]
    rng.shuffle(claims)
    heldout, indexed = claims[:n_heldout], claims[n_heldout:]
    lines = (datasets / "unlabelled" / "indolem_tweets.txt").read_text(encoding="utf-8").splitlines()
    posts = rng.sample([line for line in lines if len(line) >= 30], n_posts)
    items = make_items(indexed, posts, heldout, n_claims, rng)
    echo(
        f"{len(indexed)} TurnBackHoax claims indexed; {n_claims} sampled x {len(KINDS)} variants, {n_claims} debunks,"
        f" {n_posts} ordinary posts (indolem_tweets), {n_heldout} held-out hoaxes (not indexed)"
    )
    results = []
    floor = CLAIM_DEFAULTS[CLAIM_SEMANTIC] if embedder is not None else 1.01
    index, memory = build(indexed, embedder)
    outcomes = run(index, items, floor)
    for t in thresholds:
        results.append(figures(index, outcomes, t, memory, floor))
    for scale in scales if embedder is None else ():
        index, memory = build(synthesise(indexed, scale, rng))
        outcomes = run(index, items, 1.01)
        results += [figures(index, outcomes, t, memory) for t in (threshold, round(threshold + 0.05, 2))]
    return results


def report(results: Sequence[Figures], echo: Callable[[str], None] = print) -> None:
    echo(
        f"{'claims':>7} {'thr':>5} {'recall':>6} {'prec':>5} {'prec-h':>6} {'prec-v':>6} {'ordinary':>8} "
        f"{'heldout':>7} {'debunk':>6} "
        f"{'p50 ms':>6} {'p95 ms':>6} {'index MB':>8} {'RSS MB':>6} {'build s':>7}  recall by kind (retold: apart)"
    )
    for f in results:
        kinds = " ".join(f"{k}={v:.2f}" for k, v in f.recall_by_kind.items())
        echo(
            f"{f.claims:7d} {f.threshold:5.2f} {f.recall:6.3f} {f.precision:5.3f} "
            f"{f.precision_without_heldout:6.3f} {f.precision_variants:6.3f} "
            f"{f.ordinary_flagged:8.4f} "
            f"{f.heldout_flagged:7.4f} {f.debunk_flagged:6.3f} {f.latency_ms_p50:6.2f} {f.latency_ms_p95:6.2f} "
            f"{f.index_mb:8.1f} {f.rss_mb:6.0f} {f.build_s:7.1f}  {kinds}"
        )
