"""A citizen files a report through /lapor in Debian's Chromium (the page solves its proof-of-work itself),
the case reaches the staff feed live, and the reporter's status page follows as staff confirm and escalate."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from urllib.request import urlopen

import pytest

from .conftest import Stack, Worker
from .helpers import served_dashboard

pytestmark = pytest.mark.integration
STAFF = ("rina", "sandi-petugas-rina")


@pytest.fixture(scope="module")
def dashboard(stack: Stack, worker: Worker, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from dashboard.auth import upsert_user

    home = tmp_path_factory.mktemp("reports-browser")
    users = home / "users.txt"
    upsert_user(users, STAFF[0], "triage", STAFF[1])
    env = stack.env(PANTAU_DASHBOARD_USERS_FILE=str(users), PANTAU_REPORTS_POW_BITS="12")
    with served_dashboard(env, home / "dashboard.log") as base:
        yield base


def test_a_citizen_files_a_report_and_follows_it_as_staff_confirm_and_escalate(dashboard: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is missing: `make tools` installs it"
    stamp = str(int(time.time() * 1000))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        staff = browser.new_page(viewport={"width": 1360, "height": 900})
        staff.goto(f"{dashboard}/login")
        staff.fill("input[name=username]", STAFF[0])
        staff.fill("input[name=password]", STAFF[1])
        staff.click("#login-button")
        expect(staff.locator("#live")).to_have_attribute("data-state", "open", timeout=10_000)

        citizen = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        citizen.goto(f"{dashboard}/lapor")
        expect(citizen.locator("h1")).to_contain_text("Lapor")
        citizen.click("#lang-toggle")
        expect(citizen.locator("h1")).to_contain_text("Report an election violation")
        citizen.click("#lang-toggle")
        citizen.get_by_label("Platform").select_option("instagram")
        citizen.get_by_label("Tautan ke unggahan").fill(f"https://www.instagram.com/p/{stamp}/?igshid=abc")
        citizen.get_by_label("Nama akun (handle)").fill("@guru.asn.contoh")
        citizen.get_by_label("Apa yang terjadi?").fill("Guru ASN mengunggah ajakan memilih paslon <b>2</b> di akunnya")
        citizen.get_by_label("Teks unggahan (opsional)").fill("Beredar kabar surat suara sudah dicoblos")
        citizen.get_by_label("Kontak Anda (opsional)").fill("0812-0000-1111")
        citizen.get_by_label("Saya setuju petugas menghubungi saya tentang laporan ini.").check()
        expect(citizen.locator("#pow-status")).to_have_attribute("data-state", "ready", timeout=30_000)
        citizen.click("#submit-report")
        filed = time.monotonic()
        expect(citizen.locator("#report-status")).to_have_attribute("data-status", "received")
        code = citizen.locator("#tracking-code").inner_text()
        assert code.startswith("LPR-")

        # The case appears in the staff feed live, with the tracking code among its evidence.
        row = staff.locator("#feed tr", has_text="@guru.asn.contoh").first
        expect(row).to_be_visible(timeout=10_000)
        print(f"report in the staff feed {time.monotonic() - filed:.2f}s after submitting")
        assert time.monotonic() - filed < 2.0
        row.locator("a").click()
        expect(staff.locator("body")).to_contain_text(code)
        staff.click("#btn-confirm")
        citizen.reload()
        expect(citizen.locator("#report-status")).to_have_attribute("data-status", "in_review")
        expect(citizen.locator("#report-status")).to_have_text("ditinjau")
        staff.fill("#reason", "ASN mengajak memilih, diteruskan")
        staff.click("#btn-escalate")
        citizen.reload()
        expect(citizen.locator("#report-status")).to_have_attribute("data-status", "forwarded")
        expect(citizen.locator("#report-status")).to_have_text("diteruskan ke Bawaslu")
        # Nothing about anyone on the reporter's page: no staff name, no reason, no contact.
        page_text = citizen.locator("body").inner_text()
        assert STAFF[0] not in page_text and "diteruskan" in page_text and "0812" not in page_text

        # Staff see every report of the case; the contact only with the triage role; they publish an outcome.
        alert_id = staff.url.rstrip("/").split("/")[-1].split("?")[0]
        staff.click("#case-reports-link")
        expect(staff).to_have_url(f"{dashboard}/alerts/{alert_id}/reports")
        expect(staff.locator(f'#case-reports tr[data-code="{code}"]')).to_contain_text("0812-0000-1111")
        expect(staff.locator(f'#case-reports tr[data-code="{code}"] .words')).to_contain_text("paslon <b>2</b>")
        staff.fill("#outcome", "Diteruskan ke Bawaslu Kota pada hari ini.")
        staff.click("#btn-publish")
        citizen.reload()
        expect(citizen.locator("#report-outcome")).to_have_text("Diteruskan ke Bawaslu Kota pada hari ini.")
        citizen.click("#lang-toggle")
        expect(citizen.locator("#report-status")).to_have_text("forwarded to Bawaslu")
        browser.close()
    with urlopen(f"{dashboard}/metrics", timeout=5) as response:
        metrics = response.read().decode()
    assert 'pantau_reports_received_total{channel="web"} 1.0' in metrics
    assert "pantau_report_first_review_seconds_count 1.0" in metrics  # confirm counted, escalate not again
