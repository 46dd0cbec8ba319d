"""Training data: the research data sets in ../shared/datasets mapped onto Pantau's labels, deduplicated,
and split so that exact and near duplicates (and rows of the same hoax topic) never straddle two splits.

A data set says nothing about labels it does not annotate: those are masked (None), not negatives.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

from nlp.serving.normalize import normalize
from nlp.training.augment import silver_hoax_negatives
from nlp.training.example import Example
from pantau.domain.labels import ATTACK, ENDORSEMENT, HATE_SARA, HOAX, LABELS, POLITICAL

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[3] / "shared" / "datasets"
SPLITS = ("train", "val", "test")

_ESCAPE = re.compile(r"\\x[0-9a-fA-F]{2}|\\n|\\t|\\r")
_FORUM_MARKUP = re.compile(r"\[(?:/?quote[^\]]*|/?b|/?i|/?url[^\]]*|/?img|/?spoiler[^\]]*)\]", re.IGNORECASE)
_NON_WORD = re.compile(r"[^a-z ]+")
_PLACEHOLDERS = frozenset({"user", "url", "rt"})


def _label_row(**known: int) -> dict[str, int | None]:
    return {label: known.get(label) for label in LABELS}


def _clean(text: str) -> str:
    text = _ESCAPE.sub(" ", text)
    return _FORUM_MARKUP.sub(" ", text).strip()


def _csv_rows(path: Path, encoding: str = "utf-8") -> Iterator[dict[str, str]]:
    csv.field_size_limit(10**8)
    with path.open(encoding=encoding, newline="") as fh:
        yield from csv.DictReader(fh)


def load_hate(data_dir: Path) -> list[Example]:
    rows = _csv_rows(data_dir / "hate" / "re_dataset.csv", encoding="latin-1")
    return [
        Example(
            _clean(r["Tweet"]),
            _label_row(**{HATE_SARA: int(r["HS"] == "1" and "1" in (r["HS_Religion"], r["HS_Race"], r["HS_Group"]))}),
            "hate",
        )
        for r in rows
    ]


def load_sara(data_dir: Path) -> list[Example]:
    rows = _csv_rows(data_dir / "sara" / "netifier_train.csv")
    return [Example(_clean(r["original_text"]), _label_row(**{HATE_SARA: int(r["sara"])}), "sara") for r in rows]


def load_hoax(data_dir: Path) -> list[Example]:
    rows = _csv_rows(data_dir / "hoax" / "indonesia_false_news.csv")
    return [
        Example(_clean(r["narasi"]), _label_row(**{HOAX: int(r["label"])}), "hoax", topic=normalize(r["judul"]))
        for r in rows
        if r["narasi"].strip()
    ]


def load_political(data_dir: Path) -> list[Example]:
    examples = []
    with (data_dir / "political" / "annotated_2024.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            labels = {POLITICAL: r["political"], ENDORSEMENT: r["endorsement"], ATTACK: r["attack"]}
            examples.append(Example(r["text"], _label_row(**labels), "political"))
    return examples


def load_unlabelled(data_dir: Path) -> list[str]:
    with (data_dir / "political" / "unlabelled_2024.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh]


LOADERS = {"hate": load_hate, "sara": load_sara, "hoax": load_hoax, "political": load_political}


def dedup_key(text: str) -> str:
    """Equal for texts that differ only in case, punctuation, digits, mentions, links, RT marks or spacing."""
    return " ".join(w for w in _NON_WORD.sub(" ", normalize(text)).split() if w not in _PLACEHOLDERS)


def _shingles(key: str) -> set[str]:
    words = key.split()
    if len(words) < 4:
        return {key}
    return {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}


def _minhash_bands(key: str, hashes: int = 12, rows: int = 3) -> list[str]:
    """LSH bands: two texts with Jaccard similarity ≳ 0.6 on word trigrams very likely share one."""
    shingles = _shingles(key)
    signature = [
        min(int.from_bytes(hashlib.blake2b(f"{seed}:{s}".encode(), digest_size=8).digest()) for s in shingles)
        for seed in range(hashes)
    ]
    return [f"{b}:{signature[b * rows : (b + 1) * rows]}" for b in range(hashes // rows)]


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def merge_duplicates(examples: list[Example]) -> list[Example]:
    """One example per exact duplicate (same dedup key and source); conflicting labels become masked."""
    merged: dict[tuple[str, str], Example] = {}
    for ex in examples:
        key = (ex.source, dedup_key(ex.text))
        if not key[1]:
            continue
        if key not in merged:
            merged[key] = ex
            continue
        old = merged[key]
        labels = {k: (v if v == ex.labels[k] else None) for k, v in old.labels.items()}
        merged[key] = Example(old.text, labels, old.source, old.topic)
    return list(merged.values())


def assign_splits(examples: list[Example], seed: int = 13, val: float = 0.1, test: float = 0.1) -> list[Example]:
    """Group near duplicates (across data sets too) and same-topic rows, then split whole groups by hash."""
    uf = _UnionFind(len(examples))
    buckets: dict[str, int] = {}
    for i, ex in enumerate(examples):
        key = dedup_key(ex.text)
        anchors = [f"exact:{key}", *(f"band:{b}" for b in _minhash_bands(key))]
        if ex.topic:
            anchors.append(f"topic:{ex.source}:{ex.topic}")
        for anchor in anchors:
            if anchor in buckets:
                uf.union(i, buckets[anchor])
            else:
                buckets[anchor] = i
    result = []
    for i, ex in enumerate(examples):
        root = uf.find(i)
        digest = hashlib.sha256(f"{seed}:{dedup_key(examples[root].text)}".encode()).digest()
        u = int.from_bytes(digest[:8]) / 2**64
        split = "test" if u < test else "val" if u < test + val else "train"
        result.append(Example(ex.text, ex.labels, ex.source, ex.topic, split))
    return result


def load_feedback(path: Path) -> list[Example]:
    """Rows written by `pantau feedback export`: staff-confirmed or dismissed alert excerpts."""
    examples = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                labels = {label: row["labels"].get(label) for label in LABELS}
                examples.append(Example(_clean(row["text"]), labels, "feedback", split="train"))
    return examples


def load_corpus(data_dir: Path = DEFAULT_DATA_DIR, seed: int = 13, silver: bool = True) -> list[Example]:
    """All labelled examples, deduplicated and split (with silver hoax negatives outside the test split).
    Raises FileNotFoundError naming the missing data."""
    if not data_dir.is_dir():
        raise FileNotFoundError(f"training data not found at {data_dir} (expected ../shared/datasets)")
    examples = [ex for loader in LOADERS.values() for ex in loader(data_dir)]
    corpus = assign_splits(merge_duplicates(examples), seed=seed)
    return silver_hoax_negatives(corpus) if silver else corpus
