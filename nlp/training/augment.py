"""Training-time augmentation and silver labels. Pure; used by training only, never at serving time.

- Name masking: the political set is about the 2024 presidential hopefuls. A copy of each such row with
  the names swapped for fictional ones (and "presiden" for a regional office) teaches campaign language
  ("coblos", "dukung", "pilih nomor") instead of who the 2024 names were, so Pilkada posts are recognised.
- Silver hoax negatives: the hoax set's negatives are short news headlines only, so a model never sees an
  ordinary post labelled not-hoax and flags them all. Posts from the other sets (ordinary tweets, forum
  posts) become `hoax = 0` in training and validation; the test split keeps only gold labels.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import replace

from nlp.training.example import Example
from pantau.domain.labels import HOAX

NAMES_2024 = (
    "anies baswedan", "prabowo subianto", "ganjar pranowo", "muhaimin iskandar", "gibran rakabuming",
    "mahfud md", "cak imin", "anies", "prabowo", "ganjar", "muhaimin", "gibran", "mahfud", "jokowi",
    "amin", "pranowo", "baswedan", "subianto",
)  # fmt: skip
FICTIONAL = ("joko susilo", "andi saputra", "yusuf hakim", "ratna sari", "teguh santoso", "wahyu pratama",
             "rudi hartono", "lestari ayu", "dimas anggara", "fitri handayani")  # fmt: skip
OFFICES = ("walikota", "bupati", "gubernur", "wakil walikota", "wakil bupati")
_NAMES = re.compile(r"\b(" + "|".join(sorted(map(re.escape, NAMES_2024), key=len, reverse=True)) + r")\b")
_OFFICE = re.compile(r"\b(capres|cawapres|presiden|wapres)\b")


def mask_names(text: str, rng: random.Random) -> str | None:
    """The text with 2024 names and the presidential office replaced, or None if it names none of them."""
    lowered = text.lower()
    if not _NAMES.search(lowered):
        return None
    swapped = _NAMES.sub(lambda _m: rng.choice(FICTIONAL), lowered)
    return _OFFICE.sub(lambda _m: rng.choice(OFFICES), swapped)


def augment_political(train: list[Example], seed: int) -> list[Example]:
    rng = random.Random(seed)
    extra = []
    for ex in train:
        if ex.source == "political":
            masked = mask_names(ex.text, rng)
            if masked:
                extra.append(replace(ex, text=masked, source="political-masked"))
    return train + extra


def silver_hoax_negatives(examples: list[Example], fraction: float = 0.25) -> list[Example]:
    """A deterministic `fraction` of the rows that do not annotate `hoax` become hoax = 0, outside the test
    split (kept gold). A quarter is about as many as the hoax set's own rows: all of them drown the hoax
    signal (measured: hoax recall at 0.8 fell from 0.72 to 0.05)."""
    return [
        replace(ex, labels={**ex.labels, HOAX: 0})
        if ex.labels[HOAX] is None and ex.split != "test" and _share(ex.text) < fraction
        else ex
        for ex in examples
    ]


def _share(text: str) -> float:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8]) / 2**64
