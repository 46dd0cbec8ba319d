"""Text as the claim matcher reads it, and how a post frames what it repeats. Pure.

Framing decisions (documented in README "Known-hoax matching"):
- A post that *debunks* a claim (fact-check article, "TIDAK BENAR bahwa ...", "hoaks: ...", "[SALAH]",
  "faktanya ...") quotes the hoax but does not spread it: no match. Cue words count only when the claim
  itself does not contain them (some viral posts say "ini bukan hoaks"), and "bukan hoaks" asserts.
- A post that *negates* the claim inside the quoted span ("server KPU tidak diretas") is no match.
- A *question* ("benarkah surat suara sudah dicoblos?") asks rather than asserts: it matches, marked
  `framing: question`, and raises no alert (as the project's scenario guideline annotates such posts; the
  claim page still does not list it).
"""

from __future__ import annotations

import re

from nlp.serving.normalize import normalize

# Whole-word cues on normalised text (lower case, no punctuation). Multi-word cues are matched as phrases.
DEBUNK_CUES = (
    "hoaks",
    "hoax",
    "hoaxs",
    "hoks",
    "faktanya",
    "fakta sebenarnya",
    "klarifikasi",
    "cek fakta",
    "cekfakta",
    "periksa fakta",
    "tidak benar",
    "tak benar",
    "bukan fakta",
    "disinformasi",
    "misinformasi",
    "menyesatkan",
    "dibantah",
    "membantah",
    "bantahan",
    "turnbackhoax",
    "mafindo",
    "jangan percaya",
    "jangan mudah percaya",
    "keliru",
    "penipuan",
    "bohong",
    "ngawur",
)
# "[SALAH]", "SALAH:", "(HOAKS)": fact-checkers' labels; plain "salah" is too common ("salah satu").
_LABEL = re.compile(r"[\[(]\s*(salah|hoaks|hoax|keliru|disinformasi|misleading|false)\s*[\])]|^\s*salah\s*[:!]", re.I)
_ASSERTS = re.compile(r"\b(bukan|tidak|tak|gak|nggak|bkn) (hoaks|hoax|hoaxs)\b")
NEGATIONS = frozenset({"tidak", "tak", "bukan", "belum", "gak", "nggak", "enggak", "ga", "tdk", "bkn", "tiada"})
_QUESTION_WORDS = re.compile(
    r"\b(benarkah|betulkah|apa benar|apakah benar|apa betul|bener gak|benar gak|benar tidak|apa iya|masa sih)\b"
)


def match_text(text: str) -> str:
    """The shared normalisation (leetspeak, look-alikes, slang, case, punctuation) without its placeholders."""
    words = normalize(text).split()
    return " ".join(w for w in words if w not in ("url", "user"))


def _phrases(norm: str, cues: tuple[str, ...]) -> set[str]:
    padded = f" {norm} "
    return {cue for cue in cues if f" {cue} " in padded}


CUE_WINDOW_WORDS = 40  # a debunk cue counts this near the quote (a long article's title is further away)
_NEGATION_ENDS_SENTENCE = re.compile(r"\b(tidak|tak|bukan|belum|gak|nggak|enggak|ga|tdk|bkn)\s*[.!?;…]", re.I)


def mark_labels(text: str) -> str:
    """Fact-checkers' labels ("[SALAH]") as a cue word, before normalisation drops the brackets."""
    return _LABEL.sub(" hoaks ", text)


def clean_claim_text(text: str) -> str:
    """A claim as it circulated: TurnBackHoax's export runs on into the fact-checkers' explanation."""
    cut = re.split(r"\s*(?:=\s*){3,}|\s*-{4,}|\bPenjelasan\s*:", text, maxsplit=1)[0]
    return cut.strip().strip("\"'“”‘’«»„ ") or text.strip()


def debunk_cues(post_norm: str, start: int, end: int, claim_norm: str) -> set[str]:
    """Debunk cues near the matched span (character offsets in `post_norm`) that the claim lacks."""
    before = post_norm[:start].split()[-CUE_WINDOW_WORDS:]
    after = post_norm[end:].split()[:CUE_WINDOW_WORDS]
    near = " ".join((*before, post_norm[start:end], *after))
    asserted = _ASSERTS.sub(" ", near)
    return _phrases(asserted, DEBUNK_CUES) - _phrases(claim_norm, DEBUNK_CUES)


def negated(post_raw: str, span_words: list[str], before_words: list[str], claim_norm: str) -> bool:
    """A negation inside the matched span, or right before it (unless it ends a sentence there: "... atau
    tidak. <claim>"), that the claim itself lacks."""
    claim_words = set(claim_norm.split())
    if any(w in NEGATIONS and w not in claim_words for w in span_words):
        return True
    last = before_words[-1] if before_words else ""
    return last in NEGATIONS and last not in claim_words and not _NEGATION_ENDS_SENTENCE.search(post_raw)


def framing(post_raw: str, post_norm: str, claim_norm: str) -> str:
    """ "question" when the post asks whether the claim is true (and the claim itself is no question)."""
    asks = _QUESTION_WORDS.search(post_norm) or ("?" in post_raw and re.search(r"\b(apa|apakah)\b", post_norm))
    if asks and not _QUESTION_WORDS.search(claim_norm) and not re.search(r"\b(apa|apakah)\b", claim_norm):
        return "question"
    return "assert"


def negates_claim_word(post_raw: str, claim_norm: str) -> bool:
    """A negation the claim lacks, within two words before one of the claim's words, in one sentence ("TPS
    *tidak pindah*", "KPU *tidak pernah membagikan* uang"). A retelling may say "tidak" about anything else
    ("tidak usah ke TPS"), so for matches by meaning only this counts."""
    from pantau.claims.words import PREFIX, stem, stems

    claim_words = set(claim_norm.split())
    prefixes = {s[:PREFIX] for s in stems(claim_norm)}
    for sentence in re.split(r"[.!?;\n]+", post_raw):
        words = match_text(sentence).split()
        for i, word in enumerate(words):
            negation = word in NEGATIONS and word not in claim_words
            if negation and any(stem(nxt)[:PREFIX] in prefixes for nxt in words[i + 1 : i + 3]):
                return True
    return False
