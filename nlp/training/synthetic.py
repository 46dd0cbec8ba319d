"""A synthetic set of regional-election posts, composed from the annotation guideline's own definitions.

Why: the only political data (2,500 tweets on the 2024 presidential hopefuls) teaches a small model who the
2024 names were rather than what campaigning sounds like; explicit Pilkada calls to vote scored ~0.02 on
`endorsement`. These compositional examples state the guideline's cases with fictional names and numbers
(disjoint from the demo's): calls to vote and declarations of support (endorsement), derogation and "don't
vote for" (attack), neutral news-style reports of contests and of someone else's support (political only,
as the guideline requires), and everyday posts (not political). Training split only: evaluation stays on
real, gold-labelled data. 600 posts (the default) raised endorsement PR-AUC on the real political test tweets
(0.775 against 0.753 without them); 2,400 lowered it (0.712): see the model card.
"""

from __future__ import annotations

import random

from nlp.training.data import Example
from pantau.domain.labels import LABELS

NAMES = (
    "joko susilo",
    "andi saputra",
    "yusuf hakim",
    "ratna sari",
    "teguh wibowo",
    "wahyu pratama",
    "rudi hartono",
    "lestari ayu",
    "dimas anggara",
    "fitri handayani",
    "bayu nugroho",
    "maya puspita",
)
OFFICES = ("walikota", "bupati", "gubernur", "wakil walikota", "wakil bupati", "kepala daerah")
PLACES = ("kota", "kabupaten", "provinsi", "daerah kita", "kampung kita", "warga")


def _pair(rng: random.Random) -> str:
    number = rng.randint(1, 4)
    return rng.choice(
        [
            f"paslon {number}",
            f"paslon nomor {number}",
            f"nomor urut {number}",
            f"no {number}",
            f"0{number}",
            f"nomor {number}",
            rng.choice(NAMES),
            f"pak {rng.choice(NAMES).split()[0]}",
            f"bu {rng.choice(NAMES).split()[0]}",
            f"{rng.choice(NAMES)} dan {rng.choice(NAMES)}",
        ]
    )


ENDORSE = (
    "ayo coblos {p}",
    "pilih {p} untuk {o} kita",
    "kami dukung {p} sampai menang",
    "siap memenangkan {p}",
    "coblos {p} pasti menang satu putaran",
    "{p} pemimpin yang tepat untuk {w}",
    "lanjutkan bersama {p}",
    "kawal {p} sampai jadi {o}",
    "jangan lupa tanggal 27 pilih {p}",
    "relawan {p} siap turun ke desa",
    "{p} sudah terbukti kerjanya pilih lagi",
    "bersama {p} {w} lebih maju",
    "salam dua jari {p} menang",
    "saya pilih {p} karena peduli rakyat kecil",
    "mantap {p} calon {o} terbaik",
    "yuk menangkan {p} di pilkada",
)
ATTACK = (
    "jangan pilih {p} janjinya cuma omong kosong",
    "{p} tidak becus urus {w}",
    "{p} calon {o} paling korup",
    "awas jangan sampai {p} menang bisa hancur {w}",
    "{p} cuma pencitraan tidak ada hasilnya",
    "malu punya calon {o} seperti {p}",
    "tolak {p} di pilkada tahun ini",
    "{p} pembohong jangan percaya",
)
NEUTRAL_POLITICAL = (
    "kpu tetapkan {p} sebagai calon {o}",
    "debat calon {o} digelar malam ini",
    "partai resmi usung {p} di pilkada",
    "survei terbaru elektabilitas {p} naik",
    "bawaslu ingatkan asn jaga netralitas di pilkada",
    "kampanye {p} berlangsung di alun alun hari ini",
    "hasil hitung cepat pilkada {w} diumumkan sore ini",
    "tokoh masyarakat nyatakan dukungan kepada {p} kata media",
    "kpu gelar rapat pleno rekapitulasi suara",
)
EVERYDAY = (
    "selamat pagi semua semoga lancar hari ini",
    "macet lagi di jalan utama pagi ini",
    "hujan deras dari pagi",
    "resep sambal enak buat makan siang",
    "ada yang jual motor bekas murah",
    "timnas main nanti malam ayo dukung",
    "besok posyandu di balai warga",
    "kopi sore paling nikmat",
    "lagi cari kerja ada info lowongan",
)


def synthetic_examples(count: int = 2400, seed: int = 29) -> list[Example]:
    rng = random.Random(seed)
    kinds = [
        ("endorse", ENDORSE, 1, 0, 1),
        ("attack", ATTACK, 0, 1, 1),
        ("news", NEUTRAL_POLITICAL, 0, 0, 1),
        ("everyday", EVERYDAY, 0, 0, 0),
    ]
    examples = []
    for i in range(count):
        _name, templates, endorsement, attack, political = kinds[i % len(kinds)]
        text = rng.choice(templates).format(p=_pair(rng), o=rng.choice(OFFICES), w=rng.choice(PLACES))
        labels: dict[str, int | None] = {label: None for label in LABELS}
        labels.update(endorsement=endorsement, attack=attack, political=political)
        examples.append(Example(text, labels, "synthetic", split="train"))
    return examples
