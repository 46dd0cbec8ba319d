"""Variants of a claim as they circulate, for the matching benchmark: paraphrase (synonyms, word order,
framing), partial quotes, typos and leetspeak, the claim mixed with other text, other dialects. The
substitution tables are the benchmark's own: the matcher never sees them."""

from __future__ import annotations

import random
import re

SYNONYMS = {
    "mengatakan": "bilang",
    "menyatakan": "bilang",
    "bahwa": "kalau",
    "akan": "bakal",
    "sudah": "telah",
    "telah": "sudah",
    "tidak": "nggak",
    "karena": "soalnya",
    "sangat": "amat",
    "banyak": "segudang",
    "besar": "gede",
    "hanya": "cuma",
    "untuk": "buat",
    "kepada": "ke",
    "dengan": "sama",
    "rakyat": "warga",
    "masyarakat": "warga",
    "presiden": "pak presiden",
    "pemerintah": "pemerintahan",
    "uang": "duit",
    "video": "rekaman",
    "foto": "gambar",
    "berita": "kabar",
    "informasi": "info",
    "mendapat": "menerima",
    "memberikan": "kasih",
    "melihat": "lihat",
    "meninggal": "wafat",
    "membeli": "beli",
    "sekarang": "kini",
    "segera": "buruan",
    "semua": "seluruh",
    "seluruh": "semua",
    "dari": "dr",
    "yang": "yg",
    "jika": "kalau",
    "kalau": "jika",
    "ingin": "mau",
    "bisa": "dapat",
    "dapat": "bisa",
    "terbukti": "ketahuan",
    "viral": "heboh",
    "resmi": "sah",
    "pilpres": "pemilihan presiden",
    "pemilu": "pemilihan umum",
    "calon": "kandidat",
    "ditangkap": "diciduk",
    "dibagikan": "disebar",
    "gratis": "cuma-cuma",
    "hari": "hr",
    "bagi": "untuk",
    "daftar": "list",
    "terima": "dapat",
    "mendukung": "dukung",
    "menolak": "tolak",
    "jutaan": "berjuta-juta",
    "ribuan": "beribu-ribu",
    "dukungan": "sokongan",
    "pendukung": "simpatisan",
    "kecurangan": "curang",
}
DIALECT = {  # Jakarta/Betawi, Javanese and Sundanese colloquialisms
    "tidak": "kagak",
    "sudah": "udah",
    "saja": "aja",
    "begitu": "gitu",
    "begini": "gini",
    "mengapa": "kenapa",
    "bagaimana": "gimana",
    "sedang": "lagi",
    "benar": "bener",
    "sekali": "banget",
    "kamu": "lu",
    "saya": "gue",
    "aku": "aku",
    "mereka": "wong-wong",
    "tahu": "ngerti",
    "lihat": "liat",
    "ini": "iki",
    "itu": "kuwi",
    "kalian": "sampeyan",
    "sangat": "pisan",
    "bapak": "pakde",
    "ibu": "bu",
    "orang": "wong",
    "punya": "gaduh",
}
FRAMES = (
    "Beredar kabar bahwa {}",
    "Ternyata {}",
    "{} Sebarkan sebelum dihapus!",
    "VIRAL!! {}",
    "Info dari grup sebelah: {}",
    "{} 😡😡",
    "Astaghfirullah... {}",
    "{} #viral #fyp",
    "Katanya {}",
    "Baru dapat kiriman WA: {}",
)
FILLER = (
    "Pagi ini hujan deras di kampung.",
    "Jangan lupa makan siang ya teman-teman.",
    "Barusan lewat pasar, ramai sekali.",
    "Semoga kita semua sehat selalu.",
    "Lagi nunggu antrian di bank nih.",
    "Tolong dibaca sampai habis.",
)
_KEYBOARD = "qwertyuiopasdfghjklzxcvbnm"
_LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5"}
_SPLIT = re.compile(r"\s*(?:,|;| dan | yang | karena | sehingga | tapi )\s*", re.I)


def _words(text: str) -> list[str]:
    return text.split()


def substitute(text: str, table: dict[str, str], rng: random.Random, rate: float) -> str:
    out = []
    for word in _words(text):
        key = word.lower().strip(".,!?:;\"'“”")
        out.append(table[key] if key in table and rng.random() < rate else word)
    return " ".join(out)


def reorder(text: str, rng: random.Random) -> str:
    """Move clauses around (Indonesian word order is loose across clauses)."""
    parts = [p for p in _SPLIT.split(text) if p.strip()]
    if len(parts) >= 2:
        rng.shuffle(parts)
        return ", ".join(parts)
    words = _words(text)
    cut = rng.randint(max(1, len(words) // 3), max(1, 2 * len(words) // 3))
    return " ".join(words[cut:] + words[:cut])


_FUNCTION_WORDS = {"yang", "dan", "di", "ke", "itu", "ini", "akan", "sudah", "juga", "pun", "lah", "para", "oleh"}


def paraphrase(text: str, rng: random.Random) -> str:
    """Synonyms, dropped function words, clauses moved, a frame around it: what a retelling does."""
    text = substitute(text, SYNONYMS, rng, 0.8)
    text = " ".join(w for w in text.split() if w.lower() not in _FUNCTION_WORDS or rng.random() < 0.4)
    text = reorder(text, rng)
    return rng.choice(FRAMES).format(text)


def partial(text: str, rng: random.Random) -> str:
    words = _words(text)
    size = max(6, int(len(words) * rng.uniform(0.4, 0.6)))
    start = rng.randint(0, max(0, len(words) - size))
    return rng.choice(FRAMES).format(" ".join(words[start : start + size]))


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.randrange(4)
    if op == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op == 1:
        return word[:i] + word[i + 1 :]
    if op == 2:
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice(_KEYBOARD) + word[i + 1 :]


def typos(text: str, rng: random.Random) -> str:
    out = []
    for word in _words(text):
        roll = rng.random()
        if roll < 0.15:
            word = _typo(word, rng)
        elif roll < 0.25:
            word = "".join(_LEET.get(c, c) if rng.random() < 0.5 else c for c in word)
        out.append(word)
    return " ".join(out)


def mixed(text: str, rng: random.Random, other: str) -> str:
    words = _words(text)
    keep = words[: max(8, int(len(words) * rng.uniform(0.7, 1.0)))]
    return f"{other} {' '.join(keep)} {rng.choice(FILLER)}"


def dialect(text: str, rng: random.Random) -> str:
    changed = substitute(text, DIALECT, rng, 0.9)
    return substitute(changed, SYNONYMS, rng, 0.3 if changed != text else 0.6)


def debunk(text: str, rng: random.Random) -> str:
    """What a fact-check or a careful citizen writes: quotes the claim, says it is false."""
    words = _words(text)
    quote = " ".join(words[: max(8, int(len(words) * 0.8))])
    frames = (
        "[SALAH] {} Faktanya, informasi tersebut tidak benar.",
        "TIDAK BENAR bahwa {}",
        "Hoaks: {} Sudah diklarifikasi oleh pihak berwenang.",
        'Cek fakta: beredar narasi "{}". Faktanya narasi itu keliru.',
        "Klarifikasi: {} adalah disinformasi.",
    )
    return rng.choice(frames).format(quote)


KINDS = ("paraphrase", "partial", "typos", "mixed", "dialect")


def variants(text: str, rng: random.Random, other: str) -> dict[str, str]:
    return {
        "paraphrase": paraphrase(text, rng),
        "partial": partial(text, rng),
        "typos": typos(text, rng),
        "mixed": mixed(text, rng, other),
        "dialect": dialect(text, rng),
    }


def perturb(text: str, rng: random.Random, donor: str) -> str:
    """A synthetic claim for the scale test: about half its words swapped with another claim's."""
    words, donor_words = _words(text), _words(donor) or ["kabar"]
    return " ".join(rng.choice(donor_words) if rng.random() < 0.5 else w for w in words)
