"""Staff close the loop on the dashboard, over plain HTTP with a real session and CSRF token: the alert page
shows the matched claim; "reject this match" records a hard negative; "mark as known hoax" turns the post
into a claim that the running worker matches on the next repeat; the claim page lists who repeated it."""

from __future__ import annotations

import http.cookiejar
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any

import pytest
import redis.asyncio as aioredis

from pantau.claims import Claim
from pantau.settings import load_settings
from pantau.stores.alerts import RedisAlertSink
from pantau.stores.claims import ClaimStore
from pantau.stores.client import run_with_redis

from .conftest import Stack, Worker, free_port, wait_for
from .helpers import alerts_by_event, encode, event, publish
from .test_claims import claim_evidence

pytestmark = pytest.mark.integration


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def session(base: str, name: str, password: str) -> tuple[urllib.request.OpenerDirector, str]:
    """A logged-in opener (cookies kept, redirects not followed) and the session's CSRF token."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    form = urllib.parse.urlencode({"username": name, "password": password, "next": "/"}).encode()
    try:
        opener.open(f"{base}/login", form, timeout=10)
    except urllib.error.HTTPError as exc:
        assert exc.code == 302, exc.code
    page = opener.open(f"{base}/", timeout=10).read().decode()
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token, "no CSRF token on the feed page"
    return opener, token.group(1)


def post(opener: urllib.request.OpenerDirector, url: str, fields: dict[str, str]) -> tuple[int, str]:
    try:
        response = opener.open(url, urllib.parse.urlencode(fields).encode(), timeout=10)
        return response.status, ""
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Location") or ""


def alert(alert_id: str, text: str, evidence: list[dict[str, Any]], handle: str) -> dict[str, Any]:
    at = "2024-11-24T19:02:00+07:00"
    return {
        "alert_id": alert_id, "type": "hoax", "severity": "high", "event_id": f"ev-{alert_id}", "platform": "x",
        "action": "post", "account": {"id": f"a-{alert_id}", "handle": handle}, "asn": None, "candidate": None,
        "scores": {"hoax": 0.2}, "thresholds": {"hoax": 0.15}, "model_version": "uji", "excerpt": text,
        "url": "https://x.example/1", "region": "Kota Sukamaju", "phase": "campaign", "event_time": at,
        "detected_at": at, "occurrences": 1, "prior_alerts": 0,
        "explanation": {"rule": "hoax", "label": "claim", "score": 0.9, "threshold": 0.7, "margin": 0.6,
                        "source": "text", "target_author": None, "candidate_span": None, "reach": 4200},
        "evidence": evidence, "source": {"topic": "pantau.events", "partition": 0, "offset": 1},
    }  # fmt: skip


def test_reject_match_mark_known_and_claim_page(stack: Stack, worker: Worker, tmp_path: Any) -> None:
    from dashboard.auth import upsert_user

    run = uuid.uuid4().hex[:6]
    users = tmp_path / "users.txt"
    upsert_user(users, "ana", "triage", "sandi-petugas-ana")
    upsert_user(users, "budi", "read", "sandi-pembaca-budi")
    claim = Claim.new(
        f"Gudang logistik KPU {run} terbakar, semua surat suara hangus dan pemilu diundur",
        title=f"Gudang KPU {run} Terbakar",
        url=f"https://cekfakta.example/{run}",
        publisher="Cek Fakta Uji",
        date="2024-11-22",
    )
    matched = {"kind": "claim", "claim_id": claim.id, "title": claim.title, "url": claim.url,
               "publisher": claim.publisher, "date": claim.date, "similarity": 0.93, "span": "gudang logistik kpu",
               "framing": "assert", "content_fp": f"fp{run}"}  # fmt: skip
    matched_alert = alert(f"hoax-m{run}", claim.claim_text, [matched], "@penyebar")
    new_text = f"Kotak suara {run} di kecamatan utara sudah diisi suara paslon 1 sebelum hari pencoblosan"
    unmatched_alert = alert(f"hoax-u{run}", new_text, [{"kind": "style_score", "score": 0.2}], "@lain")
    settings = load_settings(redis_url=stack.redis.url)

    async def seed(client: Any) -> None:
        store = ClaimStore(client)
        await store.upsert([claim])
        hit = {
            "alert_id": matched_alert["alert_id"], "event_id": "ev-1", "platform": "x", "action": "post",
            "handle": "@penyebar", "region": "Kota Sukamaju", "reach": 4200,
            "event_time": "2024-11-24T19:02:00+07:00", "similarity": 0.93, "severity": "high",
        }  # fmt: skip
        await store.record_hits([(claim.id, 1732449720.0, hit)])
        sink = RedisAlertSink(aioredis.from_url(stack.redis.url), ttl_s=86400, stream_maxlen=10_000)
        await sink.write([matched_alert, unmatched_alert])
        await sink.close()

    run_with_redis(settings, seed)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "pantau", "dashboard", "--port", str(port)],
        env=stack.env(PANTAU_DASHBOARD_USERS_FILE=str(users)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:

        def up() -> bool:
            try:
                return urllib.request.urlopen(f"{base}/healthz", timeout=1).status == 200
            except OSError:
                return False

        wait_for(up, 30, "the dashboard")
        ana, csrf = session(base, "ana", "sandi-petugas-ana")
        page = ana.open(f"{base}/alerts/{matched_alert['alert_id']}", timeout=10).read().decode()
        for shown in (claim.title, claim.url, "Cek Fakta Uji", "2024-11-22", "0.93", "gudang logistik kpu"):
            assert shown in page

        claim_page = ana.open(f"{base}/claims/{claim.id}", timeout=10).read().decode()
        assert "@penyebar" in claim_page and "Kota Sukamaju" in claim_page and "4,200" in claim_page

        reject = f"{base}/alerts/{matched_alert['alert_id']}/claim/reject"
        assert post(ana, reject, {})[0] == 403  # no CSRF token
        budi, budi_csrf = session(base, "budi", "sandi-pembaca-budi")
        assert post(budi, reject, {"csrf": budi_csrf})[0] == 403  # read-only role
        version = run_with_redis(settings, lambda c: ClaimStore(c).version())
        assert post(ana, reject, {"csrf": csrf})[0] == 303
        assert (claim.id, f"fp{run}") in run_with_redis(settings, lambda c: ClaimStore(c).rejected())
        assert run_with_redis(settings, lambda c: ClaimStore(c).version()) > version

        known = f"{base}/alerts/{unmatched_alert['alert_id']}/claim/known"
        assert post(ana, known, {"csrf": csrf, "url": "javascript:alert(1)"})[0] == 400
        status, location = post(
            ana, known, {"csrf": csrf, "url": f"https://cekfakta.example/k{run}", "publisher": "Cek Fakta Uji"}
        )
        assert status == 303 and location.startswith("/claims/c-")
        added = run_with_redis(settings, lambda c: ClaimStore(c).get(location.split("/")[2].split("?")[0]))
        assert added.claim_text == new_text and added.added_by == "ana" and added.url.endswith(f"k{run}")
    finally:
        process.terminate()
        process.wait(timeout=20)

    # every worker matches the staff's new claim within seconds
    prefix = f"known-{run}-"
    deadline = time.monotonic() + 10
    for i in range(40):
        body = event(f"{prefix}{i}", text=f"Sebarkan! {new_text}")
        body["account"] = {"id": f"k-{run}-{i}", "handle": f"@k{i}"}
        publish(stack.bootstrap, [encode(body)])
        time.sleep(0.5)
        found = claim_evidence(alerts_by_event(stack.redis.url, f"{prefix}{i}"), f"{prefix}{i}")
        if found or time.monotonic() > deadline:
            break
    assert found is not None and found["claim_id"] == added.id
