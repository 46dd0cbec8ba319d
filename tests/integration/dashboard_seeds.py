"""The alerts the browser test seeds before staff log in: one of each type, severity and act, with the
fields the feed, the filters and the detail page show (ids made as the worker makes them)."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any


def seeded(
    alert_id: str,
    kind: str,
    severity: str,
    excerpt: str,
    *,
    asn: dict[str, str] | None = None,
    number: int | None = None,
    label: str = "hoax",
    score: float = 0.9,
    span: str | None = None,
    minutes_ago: int = 0,
) -> dict[str, Any]:
    at = datetime.fromtimestamp(time.time() - minutes_ago * 60, UTC).isoformat(timespec="milliseconds")
    scores = {"endorsement": 0.05, "attack": 0.02, "political": 0.4, "hoax": 0.05, "hate_sara": 0.03, label: score}
    return {
        "alert_id": alert_id,
        "type": kind,
        "severity": severity,
        "event_id": f"seed-{alert_id}",
        "platform": "facebook",
        "action": "share" if asn else "post",
        "account": {"id": f"acc-{alert_id}", "handle": "@" + (asn["name"].split()[0].lower() if asn else "warga")},
        "asn": asn,
        "candidate": {
            "region": "Kota Sukamaju",
            "number": number,
            "names": ["Budi Santoso", "Rina Wulandari"] if number == 1 else ["Hendra Gunawan", "Sri Lestari"],
        }
        if number
        else None,
        "scores": scores,
        "thresholds": {"endorsement": 0.43, "attack": 0.7, "political": 0.8, "hoax": 0.15, "hate_sara": 0.4},
        "model_version": "pantau-bert-uji",
        "excerpt": excerpt,
        "url": f"https://facebook.example/p/{alert_id}",
        "region": "Kota Sukamaju",
        "phase": "campaign",
        "event_time": at,
        "detected_at": at,
        "occurrences": 1,
        "prior_alerts": 0,
        "explanation": {
            "rule": kind,
            "label": label,
            "score": score,
            "threshold": 0.43 if asn else 0.15,
            "margin": 0.4,
            "source": "target" if asn else "text",
            "target_author": None,
            "candidate_span": span,
            "reach": 1200,
        },
        "source": {"topic": "pantau.events", "partition": 1, "offset": 40},
    }


ASN = {
    "nip_hash": "b3f1c0de" * 8,
    "name": "Siti Rahmawati",
    "opd": "Dinas Pendidikan",
    "status": "PNS",
    "region": "Kota Sukamaju",
}
SEEDS = [
    seeded(
        "ui-asn-1",
        "asn_neutrality",
        "high",
        "Ayo dukung paslon nomor 2 Hendra–Sri, Sukamaju pasti maju!",
        asn=ASN,
        number=2,
        label="endorsement",
        score=0.91,
        span="paslon nomor 2",
        minutes_ago=90,
    ),
    seeded(
        "ui-asn-2",
        "asn_neutrality",
        "medium",
        "Coblos nomor 2 ya bapak ibu guru semua #Sukamaju2Menang",
        asn=ASN,
        number=2,
        label="endorsement",
        score=0.77,
        span="nomor 2",
        minutes_ago=40,
    ),
    seeded(
        "ui-hoax-1",
        "hoax",
        "critical",
        "BREAKING: surat suara paslon 1 sudah dicoblos duluan di gudang KPU!",
        number=1,
        minutes_ago=30,
    ),
    seeded(
        "ui-sara-1",
        "hate_sara",
        "high",
        "Jangan pilih pemimpin dari suku itu, mereka semua sama saja",
        label="hate_sara",
        score=0.82,
        minutes_ago=10,
    ),
]

# Outside WIB, with what a like and a comment acted on: the alert page must say it in the region's time.
UTC_TIME = "2024-11-20T01:15:00+00:00"
LIKE = seeded(
    "ui-like-wita",
    "asn_neutrality",
    "medium",
    "Makassar maju bersama paslon 2! #HendraSri",
    asn={**ASN, "nip_hash": "c0ffee00" * 8, "name": "Andi Makkasau", "region": "Kota Makassar"},
    number=2,
    label="endorsement",
    score=0.9,
    minutes_ago=5,
)
LIKE.update(
    action="like",
    region="Kota Makassar",
    event_time=UTC_TIME,
    target={"id": "t-9", "author": "@hendrasri_official", "excerpt": "Makassar maju bersama paslon 2! #HendraSri"},
)
LIKE["explanation"].update(source="target", target_author="@hendrasri_official", reach=12_000)
COMMENT = seeded(
    "ui-comment-wit",
    "hate_sara",
    "high",
    "Pendatang pulang saja ke kampungnya",
    label="hate_sara",
    score=0.85,
    minutes_ago=3,
)
COMMENT.update(
    action="comment",
    region="Kota Jayapura",
    event_time=UTC_TIME,
    target={"id": "t-10", "author": "@warga_papua", "excerpt": "Pemilu damai di Jayapura, mari jaga bersama"},
)
SEEDS += [LIKE, COMMENT]
