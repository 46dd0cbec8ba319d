"""Number, position and wording cues of campaign talk, read the way a patrol officer reads them. Pure.

- Number cues: "coblos/pilih/nomor/no./paslon N" with N in digits ("01", "nomer 2"), in words of Indonesian
  and regional languages ("tigo", "loro", "hiji", "ampat", ordinals "ketiga"), as keycap emoji (3️⃣) or hand
  signs (☝️ ✌️, "salam dua jari"). A number is a *mention* after a ballot noun ("paslon 2") and a *call*
  after a voting verb in any affixed form ("coblos 2", "dukungan untuk nomor 1") or before a cheer or a
  closing particle ("nomor 1 di hati", "nomor 2 haja"); a number after anything else ("juara 1", "lantai 2")
  is no cue. Word lists live in `pantau.domain.cue_words`.
- Position cues: "yang paling kiri di surat suara": a call for the pair at that place on the ballot.
- Negation: "jangan pilih 2", "asal bukan nomor 1", "jangan buang suara ke 3" turn a call into a call against.
- A reminder or a greeting before a bare number or hand sign ("jangan lupa ✌️", "salam ✌️") is a weak cue:
  it counts only where the election is in view.

Matching runs on a light fold of the text (case, leetspeak inside words, elongation, spaced letters, digits
glued to words) rather than `nlp.serving.normalize`, which would read the "1" of "nomor1" as a leet "i".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from pantau.domain.cue_words import CLOSING_PARTICLES, ELECTION_WORDS, NUMBER_WORDS, ONLY_PARTICLES, affixed

HAND_SIGNS = {"☝": 1, "👆": 1, "✌": 2, "🤟": 3}
_HAND_TOKEN = "isyaratjari"  # stands in for a hand-sign emoji after folding; no real word looks like it
_KEY_TOKEN = "tombolangka"  # stands in for a keycap emoji (3️⃣)
# Marks where a sentence ended, so that no cue runs across it ("... hak pilihmu. Satu suara menentukan"); not
# "!" or a line break, which campaign posters put inside a call ("Coblos!\nNomor 2").
_BOUNDARY = "batasklausa"
_CLAUSE_END = re.compile(r"[?;]+|(?<!\bno)(?<!\bnr)(?<!\bnmr)(?<!\bnomor)(?<!\bnomer)\.+(?=\s+[^\W\d_])")
_REMINDERS = frozenset({"lupa", "lupo", "lali", "poho", "hilap", "kelalen"})  # "jangan lupa nomor 2" is a call
# Verbs that ask for nothing electoral by themselves: before a bare number or a hand sign ("jangan lupa ✌️",
# "salam ✌️" = peace) they make a weak cue, a call only where the election is in view.
_GENERIC_TEXT = """ingat inget ingek ingatlah eling emut lupa lupo lali poho hilap kelalen salam hidup ayo ayok yuk yok
    mari gas gaskeun pokoknya pokoke tetap tetep wajib harus kudu pasti fix fiks"""
_GENERIC_VERBS = frozenset(_GENERIC_TEXT.split())

# Nouns naming a place on the ballot: "paslon 2", "nomor urut 02", "no. 1".
BALLOT_NOUNS = (
    "nomor|nomer|nombor|nmr|nmer|nmor|no|nr|urut|paslon|paslonnya|pslon|psln|pasangan|calon|kandidat|cawalkot|"
    "cabup|cagub|cawali"
)
# Verbs (and cheers before a number) that make a number a call to vote, in their affixed forms.
_VOTE_STEMS = ("coblos", "pilih", "dukung", "menang", "contreng", "centang", "tusuk")
CALL_VERBS = (
    "|".join(affixed(stem, agent=stem == "dukung") for stem in _VOTE_STEMS if stem != "menang")
    + rf"|(?!menang\b){affixed('menang')}"  # a bare "menang 3-0" is a score, "menangkan 3" a call
    + "|cblos|piliah|plih|mileh|menangke|menangaken|menangkeun|cucuak|nyengkuyung|ngarojong|rojong|mandukuang|"
    "ingat|inget|ingek|ingatlah|eling|emut|lupa|lupo|lali|poho|hilap|kelalen|"
    "salam|hidup|ayo|ayok|yuk|yok|mari|gas|gaskeun|pokoknya|pokoke|tetap|tetep|wajib|harus|kudu|pasti|"
    r"vote|fix|fiks|jagoan\w*|andalan\w*|favorit\w*|idola\w*|"
    r"suaraku|suara kami|suara saya|suara kita|suara awak|kasih suara\w*|"
    r"beri suara\w*|berikan suara\w*|titip suara\w*|serahkan suara\w*"
)
# Verbs against the number they name, negated or not: "jangan buang suara ke 2", "tolak nomor 3".
AGAINST_VERBS = r"buang suara\w*|buang buang suara\w*|sia siakan suara\w*|" + affixed("tolak")
_PLAIN_VERB = re.compile(r"(?:" + affixed("pilih") + r"|harus|pasti|ayo|yuk)")
# Words after a number that cheer it: "02 menang", "01 harga mati" say it of a ballot number; "nomor 1 di
# hati" or "nomor tigo bae" may be said of anything, so they count only where the election is in view.
CALL_AFTER = (
    affixed("menang") + "|lanjutkan|harga mati|satu putaran|sudah pasti|pasti menang|no debat|wajib menang|"
    "kudu menang|pasti jadi|unggul"
)
CHEER_AFTER = (
    "di hati|dihati|juara|lanjut|jaya|hebat|hidup|gas|gaspol|pokoknya|pokoke|mantap|terbaik|the best|top|pasti|"
    "jari|yes|oke|menyala|selamanya|juaranya|jagoan\\w*|andalan\\w*|idola\\w*|favorit\\w*|pilihan\\w*|fav|nian|bana|pisan|banget|bgt|jos|"
    "josss|sip|gasken|gaskeun|" + ONLY_PARTICLES
)
NEGATIONS = (
    "jangan|jgn|jng|ojo|ulah|entong|usah|tak usah|gak usah|ga usah|gausah|nggak usah|ndak usah|dilarang|haram|"
    "tidak|tdk|ndak|nggak|gak|ga|kagak|kaga|idak|dak|jan|jaan|moh|emoh|ogah|asal bukan|bukan|selain|kecuali|"
    "anti|kada|kadak|teu|henteu|ora|indak|nda|sonde|tra|tida|embung|" + affixed("tolak")
)
# A number after these is an address, a rank or a quantity, never a pair: "rumah nomor 2", "juara 1".
NOT_ELECTORAL_BEFORE = (
    "rumah|kamar|antrean|antrian|hp|telepon|telp|wa|rekening|rek|kursi|meja|pintu|loket|induk|register|"
    "peserta|punggung|kendaraan|polisi|plat|rt|rw|gang|blok|lantai|kelas|ruang|juara|peringkat|ranking|rangking|"
    "tps|kpps|dapil|tanggal|tgl|jam|pukul|tahap|gelombang|sesi|babak|gol|halaman|hal|pasal|ayat|bab|kaos|sepatu|ukuran|tipe|seri|level"
)
NOT_ELECTORAL_AFTER = (
    "kali|x|jam|hari|menit|detik|orang|buah|lembar|kertas|rupiah|rb|ribu|juta|jt|persen|kg|km|tahun|thn|"
    "bulan|minggu|pekan|lantai|kelas|porsi|bungkus|pcs|unit|paket|botol|gelas|dari|diantara|antara|salah|hal|"
    r"kursi|anak|ekor|potong|piring|\d"  # "3 0": a score or a range
)
BALLOT_CONTEXT = re.compile(
    r"\b(surat suara|surat suoro|kertas suara|kertas suoro|gambar|foto|coblos\w*|nyoblos|pilih\w*|milih|"
    r"contreng|paslon|pasangan|calon|nomor|lupa|lali|isyaratjari[1-5]|tombolangka[1-9])\b"
)
ELECTORAL_CONTEXT = re.compile(rf"\b(?:{ELECTION_WORDS})\b")
_MONTHS = (
    "januari|jan|februari|feb|maret|mar|april|apr|mei|juni|jun|juli|jul|agustus|agu|agt|september|sep|sept|"
    "oktober|okt|november|nov|nop|desember|des"
)
_DATE = re.compile(rf"\b(?:tanggal|tgl|tang|tanggale|ping)\s+0?(?P<a>[1-9]\d?)\b|\b0?(?P<b>[1-9]\d?)\s+(?:{_MONTHS})\b")
POSITIONS = {
    "left": "kiri|kiwo|kiwa|kenca|kida|kidau",
    "middle": "tengah|tengahe|tangah|tenga",
    "right": "kanan|tengen|katuhu|suok",
}
_POSITION_BEFORE = "paling|sebelah|yang|yg|nyang|sing|nu|nan|kang|pojok|ujung|sisi|bagian"
_DIGIT_NUMBER = r"0?[1-9](?!\d)"
_WORD_NUMBER = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_NUMBER = rf"(?P<num>{_DIGIT_NUMBER}|(?:{_WORD_NUMBER})\b|{_HAND_TOKEN}[123]|{_KEY_TOKEN}[1-9])"
_PRONOUNS = "saya|aku|ku|gue|gua|gw|kami|kita|ambo|kulo|abdi|awak|sy|urang|beta|katong|torang|ana"
_TO = "ke|untuk|utk|buat|bwt|kepada|kpd|pada|bagi|sama|samo|ring|marang|kanggo"
_INTENSIFIERS = "penuh|full|hanya|cuma|cuman|tetap|tetep|selalu|terus|trus|lagi|kembali|segera|pasti|sudah|udah|wis"
# Particles between a verb and its number: "coblos lah nomor 2", "pilih mi nomor 2" (Makassar), "pilih saja 3".
_VERB_PARTICLES = "lah|dong|deh|mi|ji|jo|ja|to|pe|mah|teh|atuh|euy|nih|sih|tuh|bah|ya|yo|" + ONLY_PARTICLES
_FILLER_WORDS = (
    rf"{BALLOT_NOUNS}|yang|yg|si|sing|nu|nan|kang|nomor urut|no urut|kaping|{_PRONOUNS}|{_TO}|{_INTENSIFIERS}|"
    + _VERB_PARTICLES
)
_FILLER = rf"(?:(?:{_FILLER_WORDS})\s+){{0,3}}"
_CALL = re.compile(
    rf"(?:(?P<neg>\b(?:{NEGATIONS})\s+)(?:(?:lagi|lah|deh|sampai|sampe|kalian|kita)\s+)?)?"
    rf"\b(?:(?P<anti>{AGAINST_VERBS})|(?P<verb>{CALL_VERBS}))\s+(?P<filler>{_FILLER}){_NUMBER}"
)
# "favoritku nomor 3" may be a menu: a favourite is a call where the election is in view or a pair is named so.
_SOFT_VERB = re.compile(r"(?:jagoan|andalan|favorit|idola)\w*")
# "harus nomor 1", "pokoke nomer siji sehat": a rank as often as a pair
_RANKING_VERBS = frozenset(["harus", "pasti", "wajib", "kudu", "tetap", "tetep", "pokoknya", "pokoke", "fix", "fiks"])
_ONLY_AFTER = re.compile(rf"^\s*(?:{ONLY_PARTICLES})\b")
_REMINDING = re.compile(
    r"\b(?:ingat|inget|ingek|ingatlah|eling|emut|(?:jangan|jgn|ojo|ulah|entong|usah) (?:sampai |sampe )?"
    r"(?:lupa|lupo|lali|poho|hilap|kelalen))\b"
)
_REMEMBER = frozenset(["ingat", "inget", "ingek", "ingatlah", "eling", "emut", *_REMINDERS])
_ELECTORAL_FILLER = re.compile(r"\b(?:urut|paslon\w*|pslon|psln|pasangan|calon|kandidat|cawalkot|cabup|cagub|cawali)\b")
_BALLOT_FILLER = re.compile(rf"\b(?:{BALLOT_NOUNS})\b")
_MENTION = re.compile(
    rf"(?:(?P<neg>\b(?:{NEGATIONS})\s+))?(?:\b(?P<before>\w+)\s+)?\b(?P<noun>{BALLOT_NOUNS})\s+"
    rf"(?:(?:urut|nomor|nomer|no)\s+)?{_NUMBER}"
)
_PARTICLES = rf"(?:(?:{CLOSING_PARTICLES})\s+)*"
_AFTER = re.compile(rf"^\s*{_PARTICLES}(?:{CALL_AFTER})\b")
# A cheer after the number, or closing particles up to the end or up to a cheer or a sign: "nomor 2 haja",
# "paslon 1 dong", "no 3 lah ✌️"; "nomor 2 nih janjinya" is no cheer.
_CHEER = re.compile(
    rf"^\s*{_PARTICLES}(?:(?:{CHEER_AFTER})\b|{_HAND_TOKEN}|{_KEY_TOKEN})"
    rf"|^\s*(?:(?:{CLOSING_PARTICLES})\b\s*)+(?:$|{_BOUNDARY}\b)"
)
_UNIT_AFTER = re.compile(rf"^\s*(?:{NOT_ELECTORAL_AFTER})\b")
# A written-out number before these is a quantity: "saling dukung satu sama lain", "pilih dua-duanya".
_WORD_UNIT_AFTER = re.compile(
    r"^\s*(?:sama|per|persatu|demi|duanya|tiganya|hati|suara|tujuan|visi|kata|keluarga|jiwa|rasa|langkah|"
    r"barisan|komando|saja sudah|pun)\b"
)
_NOT_BEFORE = re.compile(rf"^(?:{NOT_ELECTORAL_BEFORE})$")
_BARE = re.compile(rf"(?<![\w])(?P<num>0[1-9]|{_HAND_TOKEN}[123]|{_KEY_TOKEN}[1-9])(?![\w])")
_POSITION = re.compile(
    "|".join(
        rf"(?P<{name}>(?:(?P<neg_{name}>\b(?:{NEGATIONS})\s+)(?:\w+\s+){{0,2}})?"
        rf"\b(?:{_POSITION_BEFORE})\s+(?:(?:paling|sendiri|dewe|dhewe|di|ing|nang)\s+)?(?:{words})\b)"
        for name, words in POSITIONS.items()
    )
)

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u034f"), None)
_KEYCAP = re.compile("([0-9])\ufe0f?\u20e3")
_HANDS = re.compile("[☝👆✌🤟][\U0001f3fb-\U0001f3ff]?\ufe0f?")
_LEET = str.maketrans("013457@$", "oieastas")
_LEET_INSIDE = re.compile(r"(?<=[a-z])[013457@$]+(?=[a-z])")
_GLUED = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")
_ELONGATED = re.compile(r"([a-z])\1{2,}")
_SPACED = re.compile(r"\b(?:[a-z] ){2,}[a-z]\b")
_PUNCT = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """The light fold cue patterns read: lower case, no punctuation, leet and spacing tricks undone."""
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH).lower()
    text = _CLAUSE_END.sub(f" {_BOUNDARY} ", text)
    text = _LEET_INSIDE.sub(lambda m: m.group(0).translate(_LEET), text)
    text = _GLUED.sub(" ", text)
    text = _KEYCAP.sub(rf" {_KEY_TOKEN}\1 ", text)
    text = _HANDS.sub(lambda m: f" {_HAND_TOKEN}{HAND_SIGNS[m.group(0)[0]]} ", text)
    text = _PUNCT.sub(" ", text)
    text = _ELONGATED.sub(r"\1", text)
    text = _SPACES.sub(" ", text).strip()
    return _SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)


@dataclass(frozen=True, slots=True)
class NumberCue:
    """A ballot number in a text: `call` when it asks for a vote, `against` when negated, `weak` when it is
    only a bare "02" or a hand sign (a cue only where the text is about the election)."""

    number: int
    matched: str
    call: bool
    against: bool = False
    weak: bool = False
    reminder: bool = False  # a weak call made by a reminder ("jangan lupa ✌️"): in view in the quiet period
    generic: bool = False  # a plain "nomor 1" (not "paslon 1"): names a pair only where the election is in view


@dataclass(frozen=True, slots=True)
class PositionCue:
    position: str  # left | middle | right
    matched: str
    against: bool = False


def _number(token: str) -> int:
    if token.startswith((_HAND_TOKEN, _KEY_TOKEN)):
        return int(token[-1])
    return NUMBER_WORDS.get(token) or int(token)


def _shown(text: str) -> str:
    text = text.replace(f" {_BOUNDARY}", "").replace(_BOUNDARY, "")
    text = re.sub(rf"{_HAND_TOKEN}([123])", lambda m: "☝✌🤟"[int(m.group(1)) - 1], text)
    return re.sub(rf"{_KEY_TOKEN}([1-9])", "\\1\ufe0f\u20e3", text)


def number_cues(text: str) -> list[NumberCue]:
    """Every ballot number in the text, calls and mentions; numbers in a non-electoral sense are left out."""
    folded = fold(text)
    found: list[NumberCue] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for match in _CALL.finditer(folded):
        rest = folded[match.end() :]
        word_number = not match.group("num")[0].isdigit()
        if _UNIT_AFTER.match(rest) or (word_number and _WORD_UNIT_AFTER.match(rest)):
            continue
        verb, anti = match.group("verb") or "", match.group("anti") or ""
        noun = bool(_BALLOT_FILLER.search(match.group("filler")))  # "coblos nomor 2", not a bare "coblos 2"
        # "pilih satu" alone is everyday speech; a written-out number after a plain verb needs the election
        plain_verb = bool(_PLAIN_VERB.fullmatch(verb)) and not noun
        strong_after = bool(_AFTER.match(rest))
        context = ELECTORAL_CONTEXT.search(folded[: match.start()] + rest) or strong_after
        if word_number and plain_verb and not context:
            continue
        taken.append(match.span())
        negated = bool(match.group("neg")) and verb not in _REMINDERS
        # "buang suara ke 2" is against 2 even when negated ("jangan buang suara ke 2"); "tolak 2" unless negated
        against = True if anti.startswith(("buang", "sia")) else (not match.group("neg") if anti else negated)
        electoral_noun = bool(_ELECTORAL_FILLER.search(match.group("filler")))
        # "fix no. 1 bae": one picked out of the others; "pokoke 02": a zero-padded number is a ballot number
        padded = match.group("num").startswith("0")
        chosen = bool(_ONLY_AFTER.match(rest)) or padded
        soft = (bool(_SOFT_VERB.fullmatch(verb)) or verb in _RANKING_VERBS) and not (electoral_noun or chosen)
        weak = ((verb in _GENERIC_VERBS and not noun) or soft) and not (strong_after or padded)
        reminder = weak and verb in _REMEMBER
        number = _number(match.group("num"))
        found.append(NumberCue(number, _shown(match.group(0)), True, against, weak=weak, reminder=reminder))
    for match in _MENTION.finditer(folded):
        if not free(*match.span("noun")):
            continue
        before = match.group("before") or ""
        if _NOT_BEFORE.match(before) or _UNIT_AFTER.match(folded[match.end() :]):
            continue
        negated = bool(match.group("neg")) or before in ("bukan", "selain", "kecuali", "anti")
        rest = folded[match.end() :]
        strong, cheer = bool(_AFTER.match(rest)), bool(_CHEER.match(rest))
        start = match.start("neg") if match.group("neg") else match.start("noun")
        taken.append(match.span())
        shown = _shown(folded[start : match.end()])
        number = _number(match.group("num"))
        generic = not _ELECTORAL_FILLER.search(match.group("noun"))
        call = strong or cheer or negated
        found.append(NumberCue(number, shown, call, negated, weak=cheer and not strong, generic=generic))
    for match in _BARE.finditer(folded):
        if not free(*match.span()):
            continue
        before = folded[: match.start()].split()[-1:] or [""]
        rest = folded[match.end() :]
        if _NOT_BEFORE.match(before[0]) or _UNIT_AFTER.match(rest):
            continue
        token = match.group("num")
        emoji = token.startswith((_HAND_TOKEN, _KEY_TOKEN))
        strong = bool(_AFTER.match(rest))
        call = strong or emoji or bool(_CHEER.match(rest))
        reminder = emoji and bool(_REMINDING.search(folded))  # "jangan lupa besok ya ✌️"
        found.append(NumberCue(_number(token), _shown(token), call=call, weak=not strong, reminder=reminder))
    return _corroborated(found)


def _corroborated(cues: list[NumberCue]) -> list[NumberCue]:
    """A number said twice ("nomer 2 ✌️", "☝️ nomor 1 di hati") is a call, whatever each alone would be."""
    out = []
    for cue in cues:
        same = [c for c in cues if c.number == cue.number and c is not cue and not c.against]
        if same and not cue.against and (cue.weak or not cue.call) and any(c.call or not c.weak for c in same):
            cue = NumberCue(cue.number, cue.matched, True, False, weak=False)
        out.append(cue)
    return out


def position_cues(text: str) -> list[PositionCue]:
    """Places on the ballot ("yang paling kiri"), only where the text speaks of the ballot or voting."""
    folded = fold(text)
    if not BALLOT_CONTEXT.search(folded):
        return []
    cues = []
    for match in _POSITION.finditer(folded):
        for name in POSITIONS:
            if match.group(name):
                negation = match.group(f"neg_{name}") or ""
                against = bool(negation) and not any(w in match.group(name).split() for w in _REMINDERS)
                cues.append(PositionCue(name, _shown(match.group(name)), against))
    return cues


def pair_at(position: str, numbers: list[int]) -> int | None:
    """The pair at a ballot position: pairs stand in number order, left to right."""
    ordered = sorted(numbers)
    if not ordered:
        return None
    if position == "left":
        return ordered[0]
    if position == "right":
        return ordered[-1]
    return ordered[len(ordered) // 2] if len(ordered) % 2 == 1 and len(ordered) >= 3 else None


def _dates(folded: str) -> set[int]:
    return {int(m.group("a") or m.group("b")) for m in _DATE.finditer(folded)}


def electoral(text: str, voting_day: date | None = None) -> bool:
    """Whether a text speaks of the election at all (what a bare "02" or ✌️ needs to count); with the contest's
    voting day, naming that date ("tanggal 27") counts too."""
    folded = fold(text)
    if ELECTORAL_CONTEXT.search(folded):
        return True
    return voting_day is not None and voting_day.day in _dates(folded)


def other_date(text: str, voting_day: date) -> bool:
    """Whether a text names a date that is not the voting day ("tanggal 4 ... jangan lupa ✌️" is about that
    day's appointment, not the ballot)."""
    return bool(_dates(fold(text)) - {voting_day.day})
