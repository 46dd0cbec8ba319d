"""Words for and against, the second signal after structure: how people cheer or mock a pair they name, and
how a reply sides with or against what it answers. Pure; reads `nlp.serving.normalize` output plus a few emoji it
drops.

Mockery wins over praise: "hebat nian paslon 1, tapi jalannya masih berlubang" and "keren ya, nanti bayarnya
pakai daun 😂" are attacks, so a text with both reads as against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.serving.normalize import normalize
from pantau.domain.lexicon_words import (
    DOUBT,
    INTENSIFIERS,
    LAUGHTER,
    NEGATIVE_EMOJI,
    NEGATORS,
    POSITIVE_EMOJI,
    PRAISE,
    SARCASM,
    SCORN,
)

POSITIVE = re.compile(rf"\b(?:{PRAISE})\b")
NEGATIVE = re.compile(rf"\b(?:{SCORN})\b")
# Praise said with a laugh or a "but" is mockery; praise right after a negator is criticism ("tidak jujur").
_SARCASM = re.compile(rf"\b(?:{SARCASM})\b")
_NEGATED = re.compile(rf"\b(?:{NEGATORS})\s+$")
_LAUGHTER = re.compile(rf"\b(?:{LAUGHTER})\b")
_DOUBT = re.compile(rf"\b(?:{DOUBT})\b")
_NEGATIVE_EMOJI = re.compile(f"[{NEGATIVE_EMOJI}]")
_POSITIVE_EMOJI = re.compile(f"[{POSITIVE_EMOJI}]")


@dataclass(frozen=True, slots=True)
class Polarity:
    positive: tuple[tuple[int, str], ...]  # (position in the normalised text, word)
    negative: tuple[tuple[int, str], ...]

    @property
    def leaning(self) -> str | None:
        """`against` when any mockery or criticism is there, `support` on praise alone, else None."""
        if self.negative:
            return "against"
        return "support" if self.positive else None

    def near(self, position: int) -> str | None:
        """The side of the signal nearest to a mention (for a text naming two pairs)."""
        best: tuple[int, str] | None = None
        for side, hits in (("support", self.positive), ("against", self.negative)):
            for at, _word in hits:
                if best is None or abs(at - position) < best[0]:
                    best = (abs(at - position), side)
        return best[1] if best else None

    @property
    def words(self) -> list[str]:
        return [w for _, w in (*self.positive, *self.negative)]


def polarity(text: str) -> Polarity:
    """Praise and criticism in a text; praise joined by laughter or a "but", or after a negator, counts as
    criticism; laughter alone and a doubting question ("tapi ...? hmm", "yakin bisa?") are mockery."""
    normalised = normalize(text)
    positive: list[tuple[int, str]] = []
    negative: list[tuple[int, str]] = []
    for m in POSITIVE.finditer(normalised):
        negated = _NEGATED.search(normalised[: m.start()])
        (negative if negated else positive).append(
            (m.start(), f"{negated.group(0)}{m.group(0)}" if negated else m.group(0))
        )
    negative += [(m.start(), m.group(0)) for m in NEGATIVE.finditer(normalised)]
    negative += [(len(normalised), m.group(0)) for m in _NEGATIVE_EMOJI.finditer(text)]
    praised = {at + len(word) + 1 for at, word in positive}  # where a word right after praise starts
    negative = [(at, word) for at, word in negative if not (word in INTENSIFIERS and at in praised)]
    laughter = _LAUGHTER.search(normalised)
    if not positive and laughter:
        negative.append((laughter.start(), "laughter (mockery)"))
    if "?" in text and _DOUBT.search(normalised):
        negative += [(m.start(), f"{m.group(0)}? (doubt)") for m in _DOUBT.finditer(normalised)]
    if positive and not negative:
        negative += [
            (m.start(), f"{m.group(0)} (mockery)")
            for m in _SARCASM.finditer(normalised)
            if not (m.group(0) == "kali" and m.start() in praised)  # "mantap kali" is praise, not mockery
        ]
    if not positive and _POSITIVE_EMOJI.search(text):
        positive = [(len(normalised), _POSITIVE_EMOJI.findall(text)[0])]
    return Polarity(tuple(positive), tuple(negative))
