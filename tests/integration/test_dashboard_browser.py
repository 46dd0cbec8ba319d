"""The monitoring staff's dashboard in a real headless Chromium (Debian's, driven by Playwright): log in,
watch an alert arrive live from the real pipeline, confirm one, dismiss one, and find both decisions in Redis
and in the audit log. Saves screenshots of the main pages to docs/screenshots/ (shown in the README)."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.request import urlopen

import pytest
import redis
import redis.asyncio as aioredis

from pantau.domain.alerts import alert_id as make_alert_id
from pantau.domain.events import parse_event
from pantau.stores.alerts import RedisAlertSink
from pantau.stores.audit import AUDIT_STREAM

from .conftest import Stack, Worker, free_port, wait_for
from .dashboard_seeds import ASN, SEEDS
from .helpers import encode, event, publish

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
PASSWORDS = {"ana": "sandi-petugas-ana", "budi": "sandi-pembaca-budi"}


@pytest.fixture(scope="module")
def dashboard(stack: Stack, worker: Worker, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from dashboard.auth import upsert_user

    home = tmp_path_factory.mktemp("dashboard")
    users = home / "users.txt"
    upsert_user(users, "ana", "triage", PASSWORDS["ana"])
    upsert_user(users, "budi", "read", PASSWORDS["budi"])

    async def seed() -> None:
        sink = RedisAlertSink(aioredis.from_url(stack.redis.url), ttl_s=86400, stream_maxlen=10_000)
        await sink.write(SEEDS)
        await sink.close()

    asyncio.run(seed())
    port = free_port()
    env = stack.env(
        PANTAU_DASHBOARD_USERS_FILE=str(users),
        PANTAU_ESCALATOR_METRICS_PORT=str(free_port()),
        PANTAU_ESCALATOR_NAME="it-browser",
    )
    logs = [(home / "dashboard.log").open("wb"), (home / "escalator.log").open("wb")]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "pantau", "dashboard", "--port", str(port)],
            env=env,
            stdout=logs[0],
            stderr=subprocess.STDOUT,
        ),
        subprocess.Popen(
            [sys.executable, "-m", "pantau", "escalator"], env=env, stdout=logs[1], stderr=subprocess.STDOUT
        ),
    ]
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        try:
            return urlopen(f"{base}/healthz", timeout=1).status == 200
        except OSError:
            return False

    try:
        wait_for(up, 30, "the dashboard")
        yield base
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
        for log in logs:
            log.close()


def test_staff_log_in_watch_live_confirm_and_dismiss(stack: Stack, dashboard: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is missing: `make tools` installs it"
    SHOTS.mkdir(parents=True, exist_ok=True)
    client = redis.Redis.from_url(stack.redis.url)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1360, "height": 900})

        # Nothing personal without a session.
        assert page.request.get(f"{dashboard}/api/alerts").status == 401
        page.goto(f"{dashboard}/alerts/ui-asn-1")
        expect(page).to_have_url(f"{dashboard}/login?next=/alerts/ui-asn-1")
        page.fill("input[name=username]", "ana")
        page.fill("input[name=password]", "salah-sekali-ini")
        page.click("#login-button")
        expect(page.locator(".error")).to_be_visible()
        page.screenshot(path=str(SHOTS / "login.png"))
        page.fill("input[name=username]", "ana")
        page.fill("input[name=password]", PASSWORDS["ana"])
        page.click("#login-button")
        expect(page).to_have_url(f"{dashboard}/alerts/ui-asn-1")

        # The live feed: an event published now, through the real broker and worker, appears without reload.
        page.goto(dashboard)
        expect(page.locator("#live")).to_have_attribute("data-state", "open", timeout=10_000)
        body = event(f"ui-live-{int(time.time())}", text="Beredar kabar kotak suara di Sukamaju sudah dibuka semalam")
        live_id = make_alert_id(parse_event(json.dumps(body).encode()), "hoax")
        sent = time.monotonic()
        publish(stack.bootstrap, [encode(body)])
        expect(page.locator(f'#feed tr[data-id="{live_id}"]')).to_be_visible(timeout=30_000)
        print(f"live alert visible {time.monotonic() - sent:.2f}s after publishing")
        expect(page.locator('#feed tr[data-id="ui-asn-1"]')).to_be_visible()
        page.screenshot(path=str(SHOTS / "feed.png"), full_page=False)

        # Confirm one.
        page.click('#feed tr[data-id="ui-asn-1"] a')
        expect(page.locator("mark")).to_have_text("paslon nomor 2")
        page.screenshot(path=str(SHOTS / "alert.png"), full_page=True)
        page.click("#btn-confirm")
        expect(page.locator("#triage-status")).to_have_text("dikonfirmasi")

        # Dismiss one: without a reason it is refused, with one it is recorded.
        page.goto(f"{dashboard}/alerts/ui-sara-1")
        page.click("#btn-dismiss")
        expect(page.locator(".error")).to_contain_text("reason")
        page.fill("#reason", "kutipan berita, bukan ajakan")
        page.click("#btn-dismiss")
        expect(page.locator("#triage-status")).to_have_text("ditolak")

        # A dismissed alert is final: no action buttons, a sentence saying so.
        expect(page.locator("#dismissed-final")).to_be_visible()
        assert page.locator("#btn-confirm").count() == 0 and page.locator("#btn-escalate").count() == 0

        # A like outside WIB: local time with its zone, whose post it was and its reach, why this severity,
        # the phase and the label names in Indonesian, the full alert id.
        page.goto(f"{dashboard}/alerts/ui-like-wita")
        expect(page.locator("#alert-id")).to_have_text("ui-like-wita")
        expect(page.locator("#event-time")).to_have_text("20 Nov 2024 09:15 WITA")
        expect(page.locator("#time-zone")).to_contain_text("WITA (UTC+8)")
        expect(page.locator("#phase")).to_have_text("masa kampanye")
        expect(page.locator("#act")).to_have_text("suka")
        expect(page.locator("#acted-author")).to_have_text("@hendrasri_official")
        expect(page.locator("#acted-text")).to_contain_text("Makassar maju bersama paslon 2!")
        expect(page.locator("#acted-reach")).to_contain_text("12.000")
        expect(page.locator("#scores")).to_contain_text("Dukungan ke paslon")
        expect(page.locator('#severity-why tr[data-reason="sev_reach"]')).to_contain_text("+1")
        expect(page.locator("#severity-total")).to_contain_text("poin")
        expect(page.locator("#escalation")).to_contain_text("Belum diteruskan")
        page.fill("#reason", "ASN menyukai unggahan akun resmi paslon")
        page.click("#btn-escalate")
        expect(page.locator("#escalation-by")).to_contain_text("ana")
        # The escalator picks it up and says how far it got (no receiver here: it waits or fails, visibly).
        for _ in range(30):
            if "belum diproses" not in page.locator("#escalation-status").inner_text():
                break
            time.sleep(1)
            page.reload()
        expect(page.locator("#escalation")).to_contain_text("ID penerusan")
        page.click("text=English")
        expect(page.locator("#phase")).to_have_text("campaign period")
        expect(page.locator("#scores")).to_contain_text("Endorsement")
        expect(page.locator("#time-zone")).to_contain_text("WITA")
        page.click("text=Bahasa Indonesia")

        # A comment in Papua: WIT, and the post it answers.
        page.goto(f"{dashboard}/alerts/ui-comment-wit")
        expect(page.locator("#event-time")).to_have_text("20 Nov 2024 10:15 WIT")
        expect(page.locator("#acted-on")).to_contain_text("Unggahan yang dikomentari")
        expect(page.locator("#acted-text")).to_contain_text("Pemilu damai di Jayapura")
        # A region nobody can place is WIB, and the page says it was assumed.
        page.goto(f"{dashboard}/alerts/ui-hoax-1")
        expect(page.locator("#time-zone")).to_contain_text("WIB diasumsikan")

        # The feed: each row in its own region's time.
        page.goto(dashboard)
        expect(page.locator('#feed tr[data-id="ui-like-wita"] td.time')).to_contain_text("WITA")
        expect(page.locator('#feed tr[data-id="ui-comment-wit"] td.time')).to_contain_text("WIT")
        expect(page.locator('#feed tr[data-id="ui-asn-1"] td.time')).to_contain_text("WIB")
        expect(page.locator("#hours-zone")).to_have_text("WIB")  # most alerts shown are in WIB regions

        # Thresholds: in force, the what-if curve, why it differs from `thresholds show`, the change form.
        page.click("#nav-thresholds")
        expect(page.locator("#in-force")).to_contain_text("Dukungan ke paslon")
        expect(page.locator("#whatif-hoax svg path.volume")).to_have_count(1)
        expect(page.locator("#whatif-hoax svg line.current")).to_have_count(1)
        expect(page.locator("#whatif-vs-show")).to_contain_text("thresholds show")
        page.screenshot(path=str(SHOTS / "thresholds.png"), full_page=True)
        before = page.locator('#in-force tr[data-name="attack"] td.value').inner_text()
        page.select_option("#threshold-name", "attack")
        page.fill("#threshold-value", "0,65")  # an Indonesian keyboard's decimal comma
        page.fill("#threshold-reason", "uji dari dasbor")
        page.click("#btn-threshold-save")
        expect(page.locator('#in-force tr[data-name="attack"] td.value')).to_have_text("0.65")
        expect(page.locator("#threshold-changes")).to_contain_text("uji dari dasbor")
        page.select_option("#threshold-name", "attack")
        page.fill("#threshold-value", before)
        page.fill("#threshold-reason", "kembalikan setelah uji")
        page.click("#btn-threshold-save")
        expect(page.locator('#in-force tr[data-name="attack"] td.value')).to_have_text(before)

        # The person's history and the English toggle.
        page.goto(f"{dashboard}/people/{ASN['nip_hash']}")
        expect(page.locator("tbody tr")).to_have_count(2)
        page.screenshot(path=str(SHOTS / "person.png"))
        page.click("text=English")
        expect(page.locator("h1")).to_contain_text("Civil-servant history")

        # A forged action without the CSRF token is refused.
        forged = page.request.post(f"{dashboard}/alerts/ui-hoax-1/triage", form={"action": "confirm"})
        assert forged.status == 403

        # The read-only role sees, but cannot act.
        reader = browser.new_page()
        reader.goto(f"{dashboard}/login")
        reader.fill("input[name=username]", "budi")
        reader.fill("input[name=password]", PASSWORDS["budi"])
        reader.click("#login-button")
        reader.goto(f"{dashboard}/alerts/ui-hoax-1")
        expect(reader.locator("text=Akses baca saja")).to_be_visible()
        assert reader.locator("#btn-confirm").count() == 0
        reader.goto(f"{dashboard}/thresholds")
        expect(reader.locator("#thresholds-read-only")).to_be_visible()
        assert reader.locator("#threshold-form").count() == 0
        csrf = reader.locator("header input[name=csrf]").get_attribute("value") or ""
        refused = reader.request.post(
            f"{dashboard}/thresholds", form={"csrf": csrf, "name": "attack", "value": "0.1", "reason": "x"}
        )
        assert refused.status == 403
        browser.close()

    confirmed = json.loads(client.get("pantau:alert:ui-asn-1"))["triage"]
    dismissed = json.loads(client.get("pantau:alert:ui-sara-1"))["triage"]
    assert confirmed["status"] == "confirmed" and confirmed["decided_by"] == "ana"
    assert dismissed["status"] == "dismissed" and dismissed["reason"] == "kutipan berita, bukan ajakan"
    assert json.loads(client.get("pantau:alert:ui-hoax-1"))["triage"]["status"] == "new"

    def audited() -> set[tuple[str, str]]:
        entries = [json.loads(f[b"entry"]) for _id, f in client.xrange(AUDIT_STREAM)]
        return {(e["data"]["alert_id"], e["data"]["action"]) for e in entries if e["kind"] == "triage"}

    wait_for(lambda: {("ui-asn-1", "confirm"), ("ui-sara-1", "dismiss")} <= audited(), 30, "the audit log")


def test_terminal_feed_and_feedback_export(stack: Stack, dashboard: str, tmp_path: Path) -> None:
    env = stack.env()
    shown = subprocess.run(
        [sys.executable, "-m", "pantau", "tail", "--once", "--type", "asn_neutrality", "--last", "5"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shown.returncode == 0, shown.stderr
    assert "Dinas Pendidikan" in shown.stdout and "BREAKING" not in shown.stdout
    subprocess.run(
        [sys.executable, "-m", "pantau", "triage", "ui-asn-2", "dismiss", "--by", "ana", "--reason", "akun orang lain"],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    out = tmp_path / "feedback.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "pantau", "feedback", "export", str(out), "--days", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    rows = {r["alert_id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert rows["ui-asn-2"]["labels"]["endorsement"] == 0 and rows["ui-asn-2"]["verdict"] == "dismissed"
    assert set(rows["ui-asn-2"]["labels"]) == {"endorsement", "attack", "political", "hoax", "hate_sara"}
    from nlp.training.data import load_feedback

    examples = load_feedback(out)
    assert len(examples) == len(rows) and all(e.split == "train" for e in examples)


def test_tail_prints_as_many_alerts_as_asked_with_their_full_ids(stack: Stack, tmp_path: Path) -> None:
    """`--last 3` once printed 2: it filtered a fixed window of recent entries. Here 3 neutrality alerts are
    followed by 40 newer hoax alerts, in a database of their own."""
    url = stack.redis.url.rsplit("/", 1)[0] + "/7"
    older = [{**SEEDS[0], "alert_id": f"tail-asn-{i}", "event_id": f"tail-asn-{i}"} for i in range(3)]
    newer = [{**SEEDS[2], "alert_id": f"tail-hoax-{i:02d}", "event_id": f"tail-hoax-{i}"} for i in range(40)]

    async def seed() -> None:
        client = aioredis.from_url(url)
        await client.flushdb()
        sink = RedisAlertSink(client, ttl_s=3600, stream_maxlen=10_000)
        await sink.write(older)
        await sink.write(newer)
        await sink.close()

    asyncio.run(seed())

    def tail(*args: str) -> list[str]:
        shown = subprocess.run(
            [sys.executable, "-m", "pantau", "tail", "--once", *args],
            env=stack.env(PANTAU_REDIS_URL=url),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert shown.returncode == 0, shown.stderr
        return [word for word in shown.stdout.split() if word.startswith("tail-")]

    assert tail("--type", "asn_neutrality", "--last", "3") == ["tail-asn-0", "tail-asn-1", "tail-asn-2"]
    assert tail("--last", "3") == ["tail-hoax-37", "tail-hoax-38", "tail-hoax-39"]
    assert len(tail("--last", "50")) == 43, "all there are, when fewer than asked"
