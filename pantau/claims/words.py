"""Which claims a post shares rare words with: IDF-weighted coverage of each claim's word stems, through an
inverted index. The support that matching by meaning needs (embeddings alone rank official news about the
same election as close as a retold hoax), and the cheap gate that spares most posts the encoder. Pure."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

_STOPWORDS = """yang dan di ke dari untuk ini itu sudah udah telah akan ada dengan karena pada juga atau tidak
    bukan jangan saja aja ya kita kami kalian saya aku dia mereka nya lagi masih bisa dapat harus kalau jika agar
    supaya oleh para sebagai dalam tersebut adalah ialah bahwa kata katanya info semua banyak sangat lebih lho kok
    sih deh dong nih tuh kan pun lah kah jadi mau tau tahu sama buat biar sampai hari besok tadi the"""
STOPWORDS = frozenset(_STOPWORDS.split())
_SUFFIXES = (("nya", "lah", "kah", "pun"), ("kan", "an", "i"))
_PREFIXES = ("meng", "meny", "mem", "men", "me", "peng", "peny", "pem", "pen", "pe", "di", "ter", "ber", "ke", "se")
MIN_SHARED = 2  # one shared word ("coblos", "vaksin") is a topic, not a retelling
PREFIX = 5  # stems sharing their first 5 letters count as the same word ("pelacak", "pelacaknya")


def stem(word: str) -> str:
    """A light Indonesian stemmer: one particle, one suffix, one prefix, never below 4 letters."""
    for group in _SUFFIXES:
        for suffix in group:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            return word[len(prefix) :]
    return word


def stems(norm: str) -> set[str]:
    """Content-word stems of normalised text; numbers kept ("paslon 2" is not "paslon 3")."""
    return {stem(w) for w in norm.split() if w.isdigit() or (len(w) >= 3 and w not in STOPWORDS)}


class WordIndex:
    def __init__(self, claim_norms: Sequence[str]) -> None:
        per_claim = [stems(n) for n in claim_norms]
        df: dict[str, int] = defaultdict(int)
        for words in per_claim:
            for w in words:
                df[w] += 1
        n = len(per_claim)
        self._idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}
        self._postings: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for i, words in enumerate(per_claim):
            for w in words:
                self._postings[w[:PREFIX]].append((i, w))
        self._totals = [sum(self._idf[w] for w in words) for words in per_claim]

    def coverage(self, norm: str) -> dict[int, float]:
        """Claim index -> share of the claim's word weight found in the text, for claims sharing at least
        MIN_SHARED words with it besides numbers ("coblos nomor 2" shares "coblos" and "2" with every claim
        about voting for pair 2: a topic, not a retelling)."""
        found: dict[int, set[str]] = defaultdict(set)
        for word in stems(norm):
            for i, claim_word in self._postings.get(word[:PREFIX], ()):
                if claim_word == word or (len(word) >= PREFIX and len(claim_word) >= PREFIX):
                    found[i].add(claim_word)
        return {
            i: sum(self._idf[w] for w in words) / self._totals[i]
            for i, words in found.items()
            if self._totals[i] and sum(1 for w in words if not w.isdigit()) >= MIN_SHARED
        }
