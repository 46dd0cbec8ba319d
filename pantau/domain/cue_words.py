"""The words the cue rules read, kept apart from the rules: number words of Indonesian and its regional
languages, the particles that close a cheer, the words that put an election in view, and a small affix
generator so that a verb stem matches its Indonesian, Javanese and Sundanese forms without listing each.

Written from general knowledge of the languages, not from any evaluation text. Pure data and regex builders.
"""

from __future__ import annotations

# Cardinal and ordinal words 1-9. Short words that are ordinary vocabulary elsewhere ("asa" hope, "sa") are
# safe here: a number word is only read right after a ballot noun or a voting verb.
_NUMBER_TEXT: dict[int, str] = {
    1: """satu atu sikok sekok sekuk siko ciek cie siji setunggal hiji besik siki asiki settong sada seddi se're
        sekek sa asa esa one wahid kesatu pertama pertamo kapisan kahiji kaciek""",
    2: """dua duo due dued loro kalih dhuwa rua ruo two kedua keduo kadua kaduo kapindho kaloro""",
    3: """tiga tigo tige telu telo tilu tello tellu tallu tolu talu lhee three ketiga ketigo katilu katigo katelu""",
    4: """empat ampek empek ampat ampa opat papat sekawan patpat eppa appa peuet four keempat keempek kaopat
        kaampek kapapat""",
    5: """lima limo lime gangsal lelima limong five kelima kalima kalimo""",
    6: """enam anam enem genep onom nem enneng annang ennem six keenam kagenep kaanam""",
    7: """tujuh tujuah tujoh pitu pituk petto seven ketujuh katujuh kapitu""",
    8: """delapan dalapan lapan dalapang walu wolu ualu waluh kutus arua sagantuju ballu baluk eight kedelapan
        kadalapan kawolu""",
    9: """sembilan sambilan sambilang salapan songo sanga sia siwah siwak asera salapang sikureueng nine
        kesembilan kasalapan kasanga""",
}
NUMBER_WORDS: dict[str, int] = {w: n for n, text in _NUMBER_TEXT.items() for w in text.split()}
# Particles that mean "only" make a number a choice wherever it stands: "nomor 2 haja", "nomor tigo bae".
ONLY_PARTICLES = "bae|bai|wae|ae|aja|ajah|ajo|saja|sajo|haja|doang|tok|thok|jo|ja|hungkul|wungkul|baelah|wae lah"
# Particles and address words that close a cheer: they count when the cheer ends there ("paslon 2 dong!").
CLOSING_PARTICLES = (
    "lah|dong|deh|nih|sih|kali|gaes|gais|guys|ji|mi|to|pe|bah|mah|euy|atuh|tah|ya|yah|yo|kok|loh|lho|le|jua|tu|"
    "ni|nah|tuh|bro|sis|kak|bang|lur|rek|cuy|gan|lae|bli|daeng|ndi|kawan|sanak|dulur|semua|kalian|pokoknya|oke"
)

# Words that put an election in view (a bare "02", a ✌️ or "jangan lupa" needs one of these around it).
ELECTION_WORDS = (
    r"coblos\w*|nyoblos\w*|mencoblos|dicoblos|pencoblosan|coblosan|nyontreng|pilkada\w*|pilwalkot|pilwako|pilwali|"
    r"pilwakot|pilkot|pilgub|pilbup|pilbub|pileg|pilpres|pemilu|pemilihan|paslon|pasangan calon|calon|kandidat|"
    r"cawalkot|cawali|cabup|cagub|walikota|wali kota|bupati|gubernur|tps|bilik suara|kotak suara|surat suara|"
    r"kertas suara|surat suoro|kampanye|nomor urut|no urut|pemilih|golput|baliho|periode|memimpin|mimpin|"
    r"pemimpin|debat|relawan|posko|timses|lima tahun|5 tahun|masa tenang|hari tenang|minggu tenang|"
    r"hari h|hari pencoblosan|pemungutan suara|pesta demokrasi|kpu|kpud|bawaslu|panwaslu|panwascam|kpps|dpt|"
    r"undangan memilih|jari ungu|tinta ungu|suara rakyat|visi misi|visi dan misi|program unggulan|program kerja|"
    r"programnya|janji kampanye|janjinya|janji politik|petahana|kepala daerah|"
    r"salam (?:satu|dua|tiga|empat|lima|[1-5]) jari"
)


def _nasal(stem: str) -> list[str]:
    """The me(N)- and colloquial nasal forms of a stem: pilih → memilih, milih; coblos → mencoblos, nyoblos."""
    head, rest = stem[0], stem[1:]
    formal = {
        "p": ["mem" + rest],
        "t": ["men" + rest],
        "k": ["meng" + rest],
        "s": ["meny" + rest],
        "c": ["men" + stem],
        "d": ["men" + stem],
        "b": ["mem" + stem],
        "j": ["men" + stem],
        "g": ["meng" + stem],
    }.get(head, ["me" + stem, "mem" + stem])
    colloquial = {
        "p": ["m" + rest],
        "t": ["n" + rest],
        "k": ["ng" + rest],
        "s": ["ny" + rest],
        "c": ["ny" + rest],
        "d": ["n" + stem],
        "b": ["m" + stem],
        "j": ["n" + stem],
        "g": ["ng" + stem],
    }.get(head, [])
    return formal + colloquial


SUFFIXES = "kan|ken|keun|ke|ake|aken|na|ne|e|no|in|i|an|en|lah|nya|ku|mu|kah|pun|ipun|lo|dong"


def affixed(stem: str, *, agent: bool = False) -> str:
    """A regex (no groups, word-bounded by the caller) for a verb stem with Indonesian, Javanese and Sundanese
    affixes: dukung → dukungan, mendukung, didukung, ngedukung, ndukung, dukunglah, dukungannya. `agent` adds
    the pe(N)- noun ("pendukung"), left out by default because "pemilih" is a voter, not a choice."""
    forms = [stem, *_nasal(stem), "nge" + stem, "di" + stem, "ter" + stem, "ke" + stem]
    if agent:
        forms += ["pe" + f[2:] for f in _nasal(stem) if f.startswith("me")]
    alternatives = "|".join(sorted(set(forms), key=len, reverse=True))
    return rf"(?:{alternatives})(?:{SUFFIXES}){{0,2}}"
