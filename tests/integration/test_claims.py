"""Known-hoax matching through the real broker, worker and Redis: imported claims reach the running worker,
a variant of a claim raises a hoax alert carrying it, and a claim staff add catches the next variant
within seconds."""

from __future__ import annotations

import json
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from pantau.claims import Claim
from pantau.settings import load_settings
from pantau.stores.claims import ClaimStore, import_claims_file
from pantau.stores.client import run_with_redis

from .conftest import Stack, Worker, wait_for
from .helpers import alerts_by_event, encode, event, publish

pytestmark = pytest.mark.integration


def claim_evidence(alerts: dict[str, list[dict[str, Any]]], event_id: str) -> dict[str, Any] | None:
    for alert in alerts.get(event_id, []):
        for item in alert.get("evidence") or []:
            if item.get("kind") == "claim":
                return dict(item)
    return None


def test_imported_claim_variant_raises_a_hoax_alert_carrying_the_claim(
    stack: Stack, worker: Worker, tmp_path: Path
) -> None:
    run = uuid.uuid4().hex[:6]
    text = f"Jembatan Ampera {run} runtuh diterjang banjir bandang, warga Palembang diminta mengungsi malam ini juga"
    claims = tmp_path / "claims.jsonl"
    claims.write_text(
        json.dumps(
            {
                "@type": "ClaimReview",
                "claimReviewed": text,
                "reviewRating": {"alternateName": "Salah"},
                "url": f"https://cekfakta.example/{run}",
                "datePublished": "2024-11-20",
                "author": {"name": "Cek Fakta Uji"},
                "headline": "Jembatan Ampera Runtuh",
            }
        )
        + "\n"
    )
    settings = load_settings(redis_url=stack.redis.url)
    assert "imported 1 claims" in import_claims_file(claims, added_by="it", settings=settings)
    time.sleep(3)  # the worker polls the claims version every second and rebuilds its index

    variant = (
        f"VIRAL!! jembatan ampera {run} runtuh diterjang banjir bandang, warga palembang diminta ngungsi malem ini"
    )
    debunk = f"TIDAK BENAR bahwa jembatan Ampera {run} runtuh diterjang banjir bandang. Faktanya jembatan aman."
    prefix = f"clm-{run}-"
    publish(stack.bootstrap, [encode(event(f"{prefix}v", text=variant)), encode(event(f"{prefix}d", text=debunk))])
    wait_for(lambda: len(alerts_by_event(stack.redis.url, prefix)) >= 2, 60, "both events' alerts")

    alerts = alerts_by_event(stack.redis.url, prefix)
    found = claim_evidence(alerts, f"{prefix}v")
    assert found is not None, alerts
    assert found["url"] == f"https://cekfakta.example/{run}" and found["publisher"] == "Cek Fakta Uji"
    assert found["date"] == "2024-11-20" and found["title"] == "Jembatan Ampera Runtuh"
    assert found["similarity"] >= 0.7 and "runtuh diterjang banjir bandang" in found["span"]
    # the debunk quotes the hoax but does not spread it: only the (plumbing) style score fires, at low
    assert claim_evidence(alerts, f"{prefix}d") is None
    assert [a["severity"] for a in alerts[f"{prefix}d"]] == ["low"]

    hits = run_with_redis(settings, lambda c: ClaimStore(c).hits(found["claim_id"]))
    assert [h["event_id"] for h in hits] == [f"{prefix}v"]


def test_staff_added_claim_catches_the_next_variant_within_5_s(stack: Stack, worker: Worker) -> None:
    run = uuid.uuid4().hex[:6]
    text = f"Pemungutan suara ulang {run} dibatalkan, warga tidak perlu datang ke TPS besok karena surat suara habis"
    claim = Claim.new(text, title="PSU dibatalkan", url=f"https://cekfakta.example/{run}", added_by="staff")
    settings = load_settings(redis_url=stack.redis.url)

    async def add(client: Any) -> int:
        return await ClaimStore(client).upsert([claim])

    added_at = time.time()
    run_with_redis(settings, add)
    prefix = f"stf-{run}-"
    caught: dict[str, Any] | None = None
    deadline = time.monotonic() + 15
    i = 0
    while caught is None and time.monotonic() < deadline:  # a new variant every 0.5 s, as a stream would bring
        body = event(
            f"{prefix}{i}",
            text=f"Info penting: pemungutan suara ulang {run} dibatalkan, warga tidak perlu datang ke TPS besok",
        )
        body["account"] = {"id": f"acct-{run}-{i}", "handle": f"@warga{i}"}
        publish(stack.bootstrap, [encode(body)])
        time.sleep(0.5)
        i += 1
        found = alerts_by_event(stack.redis.url, prefix)
        caught = next((a for eid in sorted(found) for a in found[eid] if claim_evidence(found, eid)), None)
    assert caught is not None, "no variant carried the staff-added claim"
    # the worker's own clock (same machine): from the claim's arrival in Redis to the alert carrying it
    took = datetime.fromisoformat(caught["detected_at"]).timestamp() - added_at
    assert took <= 5.0, f"took {took:.1f}s"
