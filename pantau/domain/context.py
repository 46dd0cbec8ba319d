"""Comments and shares read in context. Pure.

- A comment that only agrees ("setuju kak", "aamiin", "🔥🔥👍", "bener bgt") takes the stance of the post it
  answers; one that only disagrees ("hoaks", "👎", "pencitraan doang") takes the opposite stance.
- A share takes the stance of what it shares, unless its own words reverse it; its own words add to it.
- A like takes the stance of what it likes, whatever that is: liking an attack on a pair is an attack.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from nlp.serving.normalize import normalize
from pantau.domain.candidates import Contest, Pair
from pantau.domain.lexicon import polarity
from pantau.domain.rules import Evidence

SUPPORT, AGAINST = "support", "against"
CONTEXT = "context"

# Words that, alone, only say "yes" (Indonesian, regional and chat forms; emoji as nlp.serving.normalize names them).
_AGREEING_WORDS = """setuju sepakat betul bener benar bnr bener2 iya iyaa iyes yes yoi yup sip sipp oke ok okey
    okay siap
    aamiin amin aamin amiin aamiiin amiin insyaallah insya inshaallah allah semoga mantap mantab mantep mantul
    manteb keren hebat top juara josss joss jos sae apik sip gas gass gaskeun gaspol lanjut lanjutkan lanjutken
    dukung mendukung mendukungmu sukses menang jaya hidup terbaik luar biasa mantap jiwa asli pisan tenan bana
    nian jugo juga pasti wajib kudu harus api setuju semangat cinta tepuk tangan mohon sempurna jempol
    bagus cakep sepakat dong deh lah nih sih ya yaa yah kok kan nah ini itu tuh dia yg yang aja saja kak kakak
    bang abang bu ibu pak bapak mas mbak teh akang uda uni bro sis gan min om tante cuy guys lur dulur sanak
    saya aku gue gw ambo kulo abdi awak kami kita ikut ikutan bareng sama samo selalu banget bgt sekali
    paling teruslah terus maju 100 persen sangat lagi
    iyo iye io inggih nggih enggeh muhun leres bujur sabujurnya ih heeh he eh yoi yo ho oh betol bétul
    otw hadir datang meluncur merapat cus nyusul berangkat ikut ikuik insyallah bismillah alhamdulillah on the way
    harat bungas rancak santiang luung becik solah macca mantapji mantapmi bagusji kece cakep jempolan
    haja bae ae wae jo ja ji mi to pe kali gaes gais euy atuh mah tah bah jua tu ni nian bana pisan tenan
    lae ito bli daeng ndi usi nyong bung uda uni akang teteh cak ning kang adek dek bos ketua komandan ndan suhu
    mudahan moga mugi mugia amiiin aamiinn ya rabb robb allahumma barakallah mohon doa sapakaik satuju akur
    sarujuk sekeluarga keluarga rombongan sekampung kumpul kesana ke sana sana nanti besok pagi siang sore malam
    kuy gaskan"""
_AGREEING = frozenset(_AGREEING_WORDS.split())
_SIGNAL_WORDS = """setuju sepakat betul bener benar bnr iya yes yoi sip sipp oke ok siap aamiin amin aamin amiin
    insyaallah semoga mantap mantab mantep mantul keren hebat top juara josss joss jos gas gaskeun gaspol
    lanjut lanjutkan dukung mendukung sukses menang jaya hidup terbaik api semangat cinta tepuk sempurna
    jempol bagus mantap iyo iye io inggih nggih enggeh muhun leres bujur otw hadir datang meluncur merapat cus
    nyusul berangkat harat bungas rancak santiang luung becik solah macca mantapji mantapmi bagusji kece cakep
    jempolan mudahan moga mugi mugia barakallah sapakaik satuju akur sarujuk kuy gaskan"""
_SIGNALS = frozenset(_SIGNAL_WORDS.split())
# Rejecting what is answered or shared: the reply takes the opposite side of the post.
_DISAGREEING = re.compile(
    r"\b(tidak setuju|gak setuju|ga setuju|nggak setuju|ndak setuju|hoax|hoaks|hoak|bohong|fitnah|"
    r"jangan percaya|jgn percaya|gak bener|ga bener|nggak bener|tidak benar|ngawur|ngaco|sesat|menyesatkan|"
    r"keliru|halu|ngimpi|mimpi|dusta|omong kosong|halah|preet|pret|cih|dih)\b"
)
_POSITIVE_EMOJI = re.compile("[🔥👍💪❤😍👏💯🙌✊👌🥰🤩✅⭐🌟🫡😎🙏🤲💙💚🧡💛💜🤍✨🚀🏆🥇🫶💖😘🤗🥳🎉]")
_EMOJI_ONLY = re.compile(r"^[\W\d_]+$")


@dataclass(frozen=True, slots=True)
class PairStance:
    """One stance toward one pair, with what shows it; `structural` when no model score was needed."""

    contest: Contest
    pair: Pair
    stance: str  # support | against
    matched: str
    source: str  # text | target
    evidence: tuple[Evidence, ...]
    structural: bool
    score: float | None = None  # the model's score for the stance, where it passed its threshold

    @property
    def key(self) -> tuple[str, int]:
        return self.contest.region, self.pair.number


def agrees_only(text: str) -> bool:
    """A reply that says nothing but "yes" (words, "aamiin", cheering emoji)."""
    if not text.strip():
        return False
    if _EMOJI_ONLY.match(text.strip()):
        return bool(_POSITIVE_EMOJI.search(text))
    if text.rstrip().endswith("?"):
        return False  # "datang kak?" asks, it does not answer
    words = normalize(text).split()
    return bool(words) and all(w in _AGREEING for w in words) and any(w in _SIGNALS for w in words)


def disagrees(text: str) -> bool:
    """A reply that rejects what it answers or shares ("hoaks", "ngawur", 👎)."""
    return bool(text.strip()) and bool(_DISAGREEING.search(normalize(text)))


def _against(stance: PairStance, why: str) -> PairStance:
    note = Evidence(CONTEXT, {"relation": why, "pair": stance.pair.number, "stance": AGAINST})
    return replace(stance, stance=AGAINST, evidence=(*stance.evidence, note))


def _reversed(stance: PairStance, why: str) -> PairStance:
    flipped = AGAINST if stance.stance == SUPPORT else SUPPORT
    note = Evidence(CONTEXT, {"relation": why, "pair": stance.pair.number, "stance": flipped})
    return replace(stance, stance=flipped, evidence=(*stance.evidence, note))


def _inherited(stance: PairStance, why: str) -> PairStance:
    note = Evidence(CONTEXT, {"relation": why, "pair": stance.pair.number, "stance": stance.stance})
    return replace(stance, evidence=(*stance.evidence, note))


def reply_side(text: str) -> str | None:
    """How a reply's own words side with what it answers: `reject` ("hoaks", 👎), `scorn` (criticism or
    mockery of the pair: "jual agama lagi 🙄"), `agree` (praise, "aamiin", 🔥) or None (a question, news)."""
    if disagrees(text):
        return "reject"
    leaning = polarity(text).leaning if text.strip() else None
    if leaning == AGAINST:
        return "scorn"
    if leaning == SUPPORT or agrees_only(text):
        return "agree"
    return None


def in_context(action: str, own_text: str, own: Sequence[PairStance], target: Sequence[PairStance]) -> list[PairStance]:
    """The stances an act takes, from its own words and from the content it acts on."""
    if action == "post":
        return list(own)
    if action == "like":
        return list(target)
    side = None if own else reply_side(own_text)
    if side == "reject":
        return [_reversed(s, f"{'shares' if action == 'share' else 'answers'} it to reject it") for s in target]
    if side == "scorn":
        return [_against(s, f"{'shares' if action == 'share' else 'answers'} it to scorn the pair") for s in target]
    if action == "share":
        own_keys = {s.key for s in own}
        return [*own, *(_inherited(s, "shares it") for s in target if s.key not in own_keys)]
    if own:
        return list(own)
    if side == "agree":
        return [_inherited(s, "agrees with the post it answers") for s in target]
    return []
