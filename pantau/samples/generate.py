"""Writes demo_events.jsonl: ~200 fictional events in a fictional Pilkada (Kota Sukamaju, 2024).

All people, accounts and candidates are invented. Run `python -m pantau.samples.generate` to rebuild;
the output is deterministic.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

WIB = timezone(timedelta(hours=7))
REGION = "Kota Sukamaju"
PAIRS = {1: "@paslon1_hebat", 2: "@sukamaju_maju2"}

ASN_ACCOUNTS = [
    ("501", "@andi_dinkes"),
    ("502", "@rina.guru.sd3"),
    ("503", "@pak_darto_kelurahan"),
    ("504", "@yuli_bappeda"),
    ("505", "@honorer_dishub_eko"),
]
CITIZENS = [
    (str(9000 + i), f"@warga_{name}")
    for i, name in enumerate(
        ["budi", "sari", "tono", "mega", "agus", "lina", "fajar", "dewi", "hadi", "nur", "rudi", "wati"]
    )
]

CHATTER = [
    "Selamat pagi warga Sukamaju, jangan lupa sarapan sebelum berangkat kerja",
    "Macet parah di simpang lima pagi ini, hati-hati ya",
    "Alhamdulillah panen cabai tahun ini lumayan bagus",
    "Ada yang tahu bengkel motor yang buka hari Minggu di dekat pasar?",
    "Hujan deras dari subuh, semoga tidak banjir lagi",
    "Mantap timnas menang 2-0 tadi malam!",
    "Resep rendang ala ibu, dijamin empuk dan meresap",
    "Besok posyandu di balai RW 05 jam 8 pagi, bawa buku KIA",
    "Lagi cari kos murah dekat kampus, ada info?",
    "Jalan sehat minggu depan start dari alun-alun, ayo ikut",
    "Kopi sore di teras rumah memang paling nikmat",
    "Pelatihan UMKM gratis dari dinas koperasi, daftar lewat kelurahan",
]
CAMPAIGN = [
    "Ayo coblos nomor {n}! Pemimpin yang tepat untuk Sukamaju yang lebih maju #Sukamaju{n}Menang",
    "Kami relawan siap memenangkan paslon {n} di Pilkada Sukamaju, lanjutkan!",
    "Tanggal 27 jangan lupa, pilih paslon nomor {n}, sudah terbukti kerjanya",
    "Bersama paslon {n} kita wujudkan jalan mulus sampai ke desa. Coblos {n}!",
    "Hadir di kampanye akbar paslon {n} hari ini, luar biasa ramainya, menang satu putaran!",
]
ATTACK = [
    "Jangan pilih paslon {n}, janji-janjinya cuma omong kosong",
    "Paslon {n} itu tidak becus, lima tahun lalu saja proyeknya mangkrak semua",
]
HOAX = [
    "BREAKING: surat suara paslon {n} sudah dicoblos duluan di gudang KPU, sebarkan sebelum dihapus!!",
    "Beredar kabar vaksin di puskesmas mengandung chip pelacak untuk memantau pilihan warga saat pemilu",
    "Info A1: besok listrik se-Kota Sukamaju dipadamkan seminggu penuh karena ada sabotase, segera isi air",
    "Waspada! Bantuan sosial akan dicabut bagi warga yang tidak memilih paslon {n}, kata orang dalam kelurahan",
    "Kotak suara di TPS 12 ditemukan sudah terisi penuh sebelum pencoblosan, KPU diam saja, viralkan!",
    "Air PDAM tercemar racun oleh pihak tertentu menjelang pilkada, jangan minum air keran",
]
SARA = [
    "Jangan mau dipimpin orang dari suku pendatang itu, mereka cuma mau menguasai tanah kita",
    "Umat agama lain itu musuh kita, jangan beri mereka tempat di kota ini",
    "Etnis itu memang dari dulu licik dan tukang tipu, usir saja dari Sukamaju",
    "Kaum pendatang bikin kota kotor dan rusak, pulangkan saja ke kampungnya",
]
INVALID = [
    b'{"event_id": "bad-1", "platform": "x", "action": "post"',
    b'{"event_id": "bad-2", "platform": "x", "action": "post", "account": {"id": "1"}, "created_at": "2024-11-20T08:00:00+07:00"}',
    b'{"event_id": "bad-3", "platform": "myspace", "action": "post", "account": {"id": "1"}, "created_at": "2024-11-20T08:00:00+07:00", "text": "halo"}',
    b'{"event_id": "bad-4", "event_id": "bad-4b", "platform": "x", "action": "post", "account": {"id": "1"}, "created_at": "2024-11-20T08:00:00+07:00", "text": "halo"}',
    b'{"event_id": "bad-5", "platform": "x", "action": "post", "account": {"id": 1}, "created_at": "2024-11-20T08:00:00+07:00", "text": "halo"}',
    b'{"event_id": "bad-6", "platform": "x", "action": "post", "account": {"id": "1"}, "created_at": "kemarin", "text": "halo"}',
    b'{"event_id": "bad-7", "platform": "x", "action": "post", "account": {"id": "1"}, "created_at": "2024-11-20T08:00:00+07:00", "text": "nilai", "metrics": {"views": NaN}}',
    b"\xff\xfe not json at all",
]


def _event(
    rng: random.Random,
    i: int,
    when: datetime,
    account: tuple[str, str],
    action: str,
    text: str = "",
    target_text: str = "",
    target_author: str | None = None,
) -> dict[str, object]:
    platform = rng.choice(["x", "facebook", "instagram", "tiktok"])
    event: dict[str, object] = {
        "event_id": f"demo-{i:04d}",
        "platform": platform,
        "action": action,
        "account": {"id": account[0], "handle": account[1]},
        "text": text,
        "url": f"https://{platform}.example/{account[1].lstrip('@')}/{i}",
        "created_at": when.isoformat(),
        "region": REGION,
        "metrics": {
            "followers": rng.choice([80, 350, 1200, 5400, 25000]),
            "likes": rng.randint(0, 300),
            "shares": rng.randint(0, 60),
            "views": rng.randint(50, 40000),
        },
    }
    if target_text:
        event["target"] = {"id": f"t-{i:04d}", "author": target_author, "text": target_text}
    return event


def generate(seed: int = 2024) -> list[bytes]:
    rng = random.Random(seed)
    start = datetime(2024, 11, 10, 7, 0, tzinfo=WIB)
    lines: list[bytes] = []
    for i in range(1, 193):
        when = start + timedelta(minutes=97 * i)
        kind = rng.choices(["chatter", "campaign", "asn", "attack", "hoax", "sara"], [60, 40, 30, 10, 30, 22])[0]
        n = rng.choice([1, 2])
        if kind == "chatter":
            acct = rng.choice(CITIZENS + ASN_ACCOUNTS)
            ev = _event(rng, i, when, acct, rng.choice(["post", "comment"]), rng.choice(CHATTER))
        elif kind == "campaign":
            ev = _event(rng, i, when, rng.choice(CITIZENS), "post", rng.choice(CAMPAIGN).format(n=n))
        elif kind == "asn":
            action = rng.choice(["like", "share", "comment", "post"])
            campaign = rng.choice(CAMPAIGN).format(n=n)
            if action == "post":
                ev = _event(rng, i, when, rng.choice(ASN_ACCOUNTS), "post", campaign)
            elif action == "comment":
                ev = _event(
                    rng,
                    i,
                    when,
                    rng.choice(ASN_ACCOUNTS),
                    "comment",
                    f"Setuju! Nomor {n} pasti menang",
                    campaign,
                    PAIRS[n],
                )
            else:
                ev = _event(rng, i, when, rng.choice(ASN_ACCOUNTS), action, "", campaign, PAIRS[n])
        elif kind == "attack":
            ev = _event(rng, i, when, rng.choice(CITIZENS), "post", rng.choice(ATTACK).format(n=n))
        elif kind == "hoax":
            hoax = rng.choice(HOAX).format(n=n)
            if rng.random() < 0.4:
                ev = _event(rng, i, when, rng.choice(CITIZENS), "share", "", hoax, "@info_sukamaju_terkini")
            else:
                ev = _event(rng, i, when, rng.choice(CITIZENS), "post", hoax)
        else:
            ev = _event(rng, i, when, rng.choice(CITIZENS), "post", rng.choice(SARA))
        lines.append(json.dumps(ev, ensure_ascii=False).encode())
    # the same events delivered twice, as a crashed producer would: they must not give a second alert
    lines += [lines[4], lines[17]]
    lines += INVALID
    rng.shuffle(lines)
    return lines


if __name__ == "__main__":
    out = Path(__file__).with_name("demo_events.jsonl")
    out.write_bytes(b"\n".join(generate()) + b"\n")
    print(f"wrote {out}")
