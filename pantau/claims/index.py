"""The claim matcher: an inverted index of hashed character 4-grams for candidates, then an exact local
alignment of each candidate against the post. Optionally a sentence embedder adds matching by meaning.
Pure (numpy only); one index per claims version, rebuilt by the worker when the version changes.

Why this shape: the index answers "which of 100,000 claims share many 4-grams with this post" with one
`bincount` over a few posting lists (grams that occur in more than 2% of claims are left out: they are
"yang", "kan ", ... and carry no signal). The alignment then finds the stretch of the post that repeats
the claim, so a partial quote, a post mixing the hoax with other text, typos and leetspeak (folded by
`nlp.serving.normalize`) all score on the part that matches.
"""

from __future__ import annotations

import zlib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from pantau.claims.model import Claim, ClaimMatch, Embedder, content_fingerprint
from pantau.claims.text import debunk_cues, framing, mark_labels, match_text, negated, negates_claim_word
from pantau.claims.words import WordIndex, stems

N = 4
MIN_POST_CHARS = 12  # shorter normalised texts repeat nothing checkable
CANDIDATES = 12  # verified per post
PREFILTER = 0.15  # share of a claim's (or the post's) grams a candidate must hit
STOP_DF = 0.02  # grams in more than this share of claims are not indexed ...
STOP_MIN = 200  # ... once that share exceeds this many claims
MISS = 0.5  # alignment: a gram that is not in the claim costs half a hit
SEMANTIC_SUPPORT = 0.30  # share of a claim's rare-word weight a text needs before meaning is compared
SEMANTIC_CANDIDATES = 5
QUESTION_WINDOW_WORDS = 6
SEMANTIC_MIN_WORDS = 3  # "gasss 🔥" asserts nothing, however close its embedding lands
QUOTE_CHARS, QUOTE_SHARE = 40, 0.4  # a partial quote this long (or this share of the claim) counts in full


@dataclass(frozen=True, slots=True)
class LexicalScore:
    similarity: float
    coverage: float  # share of the claim's grams found in the span
    precision: float  # share of the span's grams that belong to the claim
    start: int  # span in the normalised post, characters
    end: int


def grams(norm: str) -> list[str]:
    padded = f" {norm} "
    return [padded[i : i + N] for i in range(len(padded) - N + 1)]


def align(claim_grams: set[str], post_grams: list[str], claim_chars: int) -> LexicalScore:
    """The best-scoring contiguous stretch of the post (hit +1, miss -MISS), and how well it repeats the
    claim: in full (coverage) or as a quote of a part of it (precision, scaled by the quote's length)."""
    best = run = 0.0
    best_span = (0, -1)
    start = 0
    for i, gram in enumerate(post_grams):
        run += 1.0 if gram in claim_grams else -MISS
        if run <= 0:
            run, start = 0.0, i + 1
        elif run > best:
            best, best_span = run, (start, i)
    a, b = best_span
    if b < a:
        return LexicalScore(0.0, 0.0, 0.0, 0, 0)
    span = post_grams[a : b + 1]
    hits = sum(1 for g in span if g in claim_grams)
    coverage = len(claim_grams.intersection(span)) / max(1, len(claim_grams))
    precision = hits / len(span)
    # A quote must be literal (precision to the 4th: 0.95 keeps 0.81, a shared template's 0.8 drops to 0.41)
    # and long enough (40 characters or 40% of the claim) to be more than a common phrase.
    quote_min = min(claim_chars, max(QUOTE_CHARS, QUOTE_SHARE * claim_chars))
    quote = precision**4 * min(1.0, (b - a + N) / max(1.0, quote_min))
    similarity = max(coverage, quote)
    # the span in characters of the normalised post (grams start one character early: the padding)
    return LexicalScore(similarity, coverage, precision, max(0, a - 1), max(0, b + N - 2))


def _bucket(gram: str) -> int:
    """A stable hash (Python's str hash differs per process): every worker scores a post the same way."""
    return zlib.crc32(gram.encode())


def _rank(score: LexicalScore) -> float:
    return score.similarity + 0.05 * score.coverage


class ClaimIndex:
    """All active claims of one version; `match` is safe to call from one thread at a time per index."""

    def __init__(
        self,
        claims: Sequence[Claim],
        *,
        rejected: Collection[tuple[str, str]] = (),
        embedder: Embedder | None = None,
        version: int = 0,
        embedded: Mapping[str, np.ndarray] | None = None,
    ) -> None:
        self.version = version
        self.rejected = frozenset(rejected)
        active = [(c, match_text(c.claim_text or c.title)) for c in claims if not c.retired]
        active = [(c, norm) for c, norm in active if len(norm) >= MIN_POST_CHARS]  # too short to match safely
        self.claims = [c for c, _ in active]
        self._norms = [norm for _, norm in active]
        self._build_postings()
        self._embedder = embedder
        self._words = WordIndex(self._norms)
        # claims are embedded when first a candidate: an import of 100k claims must not wait for the encoder;
        # `embedded` carries the vectors of the previous version over (an id is a digest of the claim's text)
        carried = embedded or {}
        self._vectors: dict[int, np.ndarray] = {i: carried[c.id] for i, c in enumerate(self.claims) if c.id in carried}
        self.encoded = 0  # texts embedded so far (the worker budgets them per batch)

    def __len__(self) -> int:
        return len(self.claims)

    def embedded(self) -> dict[str, np.ndarray]:
        """Claim id -> its embedding, for those embedded so far (handed to the next version's index)."""
        return {self.claims[i].id: vector for i, vector in self._vectors.items()}

    def _build_postings(self) -> None:
        # Gram sets are not kept (100k claims x 100 grams of str objects would cost gigabytes): the few
        # candidates of a post are re-gram'd from their normalised text, which is cheap.
        sizes = [len(set(grams(n))) for n in self._norms]
        self._bits = int(min(22, max(12, np.ceil(np.log2(max(2, sum(sizes)))))))
        mask = (1 << self._bits) - 1
        per_claim = [np.unique(np.fromiter((_bucket(g) & mask for g in grams(n)), np.int64)) for n in self._norms]
        buckets = np.concatenate(per_claim) if per_claim else np.zeros(0, np.int64)
        owners = np.repeat(np.arange(len(per_claim), dtype=np.int32), [len(p) for p in per_claim])
        order = np.argsort(buckets, kind="stable")
        self._postings = owners[order]
        counts = np.bincount(buckets, minlength=1 << self._bits)
        self._offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int32 if len(buckets) < 2**31 else np.int64)
        self._stop = counts > max(STOP_MIN, STOP_DF * len(per_claim))
        self._sizes = np.array(sizes, dtype=np.float32)
        self._mask = mask

    def memory_bytes(self) -> int:
        """What the index itself holds (arrays and normalised texts; not the Claim records)."""
        arrays = self._postings.nbytes + self._offsets.nbytes + self._stop.nbytes + self._sizes.nbytes
        texts = sum(len(n) + 49 + 8 for n in self._norms)
        vectors = sum(v.nbytes for v in self._vectors.values())
        return int(arrays + texts + vectors)

    def _candidates(self, post_grams: list[str]) -> list[int]:
        if not self.claims:
            return []
        unique = np.unique(np.fromiter((_bucket(g) & self._mask for g in post_grams), np.int64, len(post_grams)))
        unique = unique[~self._stop[unique]]
        slices = [self._postings[self._offsets[b] : self._offsets[b + 1]] for b in unique]
        hits = np.bincount(np.concatenate(slices), minlength=len(self.claims)) if slices else None
        if hits is None:
            return []
        score = hits / np.minimum(self._sizes, float(len(set(post_grams))))
        k = min(CANDIDATES, len(score))
        top = np.argpartition(-score, k - 1)[:k]
        return [int(i) for i in top[np.argsort(-score[top])] if score[i] >= PREFILTER]

    def match(self, text: str, *, lexical_floor: float = 0.7, semantic_floor: float = 1.01) -> ClaimMatch | None:
        """The claim this text repeats best, or None: lexically when that reaches `lexical_floor`, else by
        meaning when an embedder is configured and the cosine similarity reaches `semantic_floor`, else the
        best lexical candidate (below threshold: for the record). A debunk or negation of the claim comes
        back with `framing` "debunk" or "negated", which the rules do not alert on."""
        norm = match_text(mark_labels(text))
        if len(norm) < MIN_POST_CHARS or not self.claims:
            return None
        post_grams = grams(norm)
        fingerprint = content_fingerprint(text)
        best: tuple[LexicalScore, int] | None = None
        for i in self._candidates(post_grams):
            if (self.claims[i].id, fingerprint) in self.rejected:
                continue
            scored = align(set(grams(self._norms[i])), post_grams, len(self._norms[i]))
            # on a tie, the claim repeated more fully (a short claim over a long one that quotes it)
            if best is None or _rank(scored) > _rank(best[0]):
                best = (scored, i)
        found = self._lexical(text, norm, best) if best else None
        if found is None or found.similarity < lexical_floor:  # meaning is the slow path: only when needed
            found = self._semantic(text, norm, fingerprint, semantic_floor) or found
        return replace(found, content_fp=fingerprint) if found else None

    def _lexical(self, text: str, norm: str, best: tuple[LexicalScore, int]) -> ClaimMatch:
        scored, i = best
        # whole words: a span starting inside "klarifikasi" must not hide the cue word it cut
        first, last = scored.start, scored.end
        while first < len(norm) and norm[first] == " ":
            first += 1
        while last > first and norm[last - 1] == " ":
            last -= 1
        end = norm.find(" ", last)
        scored = replace(scored, start=norm.rfind(" ", 0, first) + 1, end=len(norm) if end < 0 else end)
        span = norm[scored.start : scored.end].strip()
        return ClaimMatch(
            claim=self.claims[i],
            similarity=scored.similarity,
            span=span,
            method="lexical",
            framing=self._framing(text, norm, scored.start, scored.end, self._norms[i]),
            scores={"coverage": round(scored.coverage, 4), "precision": round(scored.precision, 4)},
        )

    def _framing(self, text: str, norm: str, start: int, end: int, claim_norm: str) -> str:
        if debunk_cues(norm, start, end, claim_norm):
            return "debunk"
        if negated(text, norm[start:end].split(), norm[:start].split(), claim_norm):
            return "negated"
        # a question about the quote, not one asked elsewhere in a longer post: words just before or in the span
        near = " ".join([*norm[:start].split()[-QUESTION_WINDOW_WORDS:], norm[start:end]])
        mostly_quote = end - start >= 0.6 * len(norm)
        return framing(text if mostly_quote else "", near, claim_norm)

    def _semantic_framing(self, text: str, norm: str, claim_norm: str) -> str:
        if debunk_cues(norm, 0, len(norm), claim_norm):
            return "debunk"
        if negates_claim_word(text, claim_norm):
            return "negated"
        return framing(text, norm, claim_norm)

    def _semantic(self, text: str, norm: str, fingerprint: str, floor: float) -> ClaimMatch | None:
        """By meaning: among the claims whose rare words the text shares (SEMANTIC_SUPPORT of their weight),
        the one closest in embedding space, if the cosine reaches `floor`. Posts sharing no claim's words
        never reach the encoder."""
        if self._embedder is None or floor > 1.0:
            return None
        support = self._words.coverage(norm)
        candidates = sorted((i for i, c in support.items() if c >= SEMANTIC_SUPPORT), key=lambda i: -support[i])
        candidates = [
            i for i in candidates[:SEMANTIC_CANDIDATES] if (self.claims[i].id, fingerprint) not in self.rejected
        ]
        if not candidates or len(stems(norm)) < SEMANTIC_MIN_WORDS:
            return None
        missing = [i for i in candidates if i not in self._vectors]
        if missing:
            for i, vector in zip(missing, self._embedder.encode([self._norms[i] for i in missing]), strict=True):
                self._vectors[i] = vector
        query = self._embedder.encode([norm])[0]
        self.encoded += len(missing) + 1
        cosine, best = max((float(self._vectors[i] @ query), i) for i in candidates)
        if cosine < floor:
            return None
        return ClaimMatch(
            claim=self.claims[best],
            similarity=cosine,
            span=norm[:200],
            method="semantic",
            framing=self._semantic_framing(text, norm, self._norms[best]),
            scores={"cosine": round(cosine, 4), "support": round(support[best], 4)},
        )
