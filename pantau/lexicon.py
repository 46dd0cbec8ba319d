"""Words for and against, the second signal after structure: how people cheer or mock a pair they name, and
how a reply sides with or against what it answers. Pure; reads `nlp.normalize` output plus a few emoji it
drops.

Mockery wins over praise: "hebat nian paslon 1, tapi jalannya masih berlubang" and "keren ya, nanti bayarnya
pakai daun 😂" are attacks, so a text with both reads as against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.normalize import normalize

POSITIVE = re.compile(
    r"\b(semoga menang|pasti menang|menang|menangkan|dukung|pilih|coblos|nyoblos|contreng|"
    r"mendukung|kami dukung|pilihanku|pilihan kami|"
    r"pilihan saya|pilihan kita|harga mati|pokoknya|pokoke|lanjutkan|lanjut|jujur|amanah|bangga|hebat|mantap|"
    r"mantab|mantul|keren|terbaik|idola|sehat selalu|gasken|gaskeun|gas|gaspol|di belakang|siap|jaya|juara|"
    r"sukses|amin|aamiin|amiin|aamin|insyaallah|masyaallah|semoga|setuju|sepakat|bener|benar|betul|masuk akal|"
    r"cocok|layak|pantas|top|josss|joss|jos|sip|oke|api|semangat|cinta|tepuk tangan|sempurna|doa kami|"
    r"menyertai|peduli|merakyat|tegas|bijak|pro rakyat|luar biasa|idaman|sae|apik|hade|alus|rancak|baguih|elok|"
    r"pilihan tepat|visioner|cerdas|pemimpin sejati|panutan|teladan|berkah|barokah|kawal|menangkeun)\b"
)
NEGATIVE = re.compile(
    r"\b(bosen|bosan|cuma baliho|cuma pintar|skip|asal jangan|asal bukan|belum siap|tidak siap|"
    r"(?:jangan|jgn|ojo|ulah) (?:pilih|coblos|dukung|dipilih|mau|percaya|sampai)|"
    r"gak siap|ga siap|belajar dulu|jual agama|jualan agama|mangkrak|gagal|korupsi|koruptor|tersangka|"
    r"janji palsu|janji manis|cuma janji|tukang janji|omdo|omong doang|pencitraan|bohong|pembohong|masih lubang|"
    r"masih berlubang|ga cair|gak cair|tidak cair|belum cair|mana buktinya|mana janji|kemana aja|ke mana aja|"
    r"ke mano bae|padahal|mimpi|diskualifikasi|didiskualifikasi|habis riwayat|payah|parah|lemah|tidak becus|"
    r"gak becus|ga becus|dinasti|boneka|munafik|zalim|rakus|maling|curang|politik uang|belum punya pengalaman|"
    r"tanpa pengalaman|cuma modal|joget|ngibul|nipu|tipu|badut|jijik|muak|basi|tidak setuju|kotoran|"
    r"tagih|malu|memalukan|bodoh|tolol|sampah|nol besar|cuma bisa|bisanya cuma|ora becus|goblok|bego|ngapusi|"
    r"pembual|tukang bual|omong besar|korup|nepotisme|antek|oligarki|cukong|titipan|gak jelas|ga jelas|"
    r"nggak jelas|tidak jelas|gak layak|tidak layak|ga pantas|tidak pantas|kapok|nyesel|menyesal|kecewa|"
    r"mengecewakan|lebay|norak|memuakkan|turunkan|penipu|licik|culas|arogan|sombong|angkuh|amburadul|"
    r"gagal total|cuma modal|modal tampang|modal joget|pura pura|sok merakyat|sok suci)\b"
)
# Praise said with a laugh or a "but" is mockery.
_SARCASM = re.compile(r"\b(tertawa|wkwk\w*|haha\w*|kali|katanya|padahal|tapi|tp)\b")
_NEGATIVE_EMOJI = re.compile("[🙄😏🤮🤡👎💩😒😤]")
_POSITIVE_EMOJI = re.compile("[🤲🥰🤩🫡🙌✊👌⭐🌟]")


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
    """Praise and criticism in a text; praise joined by laughter or a "but" counts as mockery."""
    normalised = normalize(text)
    positive = tuple((m.start(), m.group(0)) for m in POSITIVE.finditer(normalised))
    negative = [(m.start(), m.group(0)) for m in NEGATIVE.finditer(normalised)]
    negative += [(len(normalised), m.group(0)) for m in _NEGATIVE_EMOJI.finditer(text)]
    if positive and not negative and _SARCASM.search(normalised):
        negative += [(m.start(), f"{m.group(0)} (mockery)") for m in _SARCASM.finditer(normalised)]
    if not positive and _POSITIVE_EMOJI.search(text):
        positive = ((len(normalised), _POSITIVE_EMOJI.findall(text)[0]),)
    return Polarity(positive, tuple(negative))
