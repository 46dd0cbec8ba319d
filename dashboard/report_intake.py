"""Filing a validated report: fold an identical one, apply the rate limits, record it, publish its event.

Shared by the public page and the partner API so both get the same limits, codes and metrics. A report is
recorded before it is published and the record is removed again if the broker does not take it, so a
reporter who gets a tracking code has a report the worker will process, and one who gets an error has none.
"""

from __future__ import annotations

import hashlib
import ipaddress
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from pantau.domain.roster import pseudonymise
from pantau.errors import SinkError
from pantau.reports.case import report_event
from pantau.reports.codes import new_code
from pantau.reports.intake import (
    RATE_LIMITED_ACCOUNT,
    RATE_LIMITED_CLIENT,
    REASONS,
    UNAVAILABLE,
    InvalidReport,
    Report,
    fold_key,
)
from pantau.settings import Settings
from pantau.stores.reports import Filed, ReportStore

CHANNELS = ("web", "api")


class Refused(InvalidReport):
    """A valid report that cannot be filed now: too many from this client or on this account, or Kafka is down."""

    def __init__(self, reason: str, message: str, status: int, retry_after_s: int | None = None) -> None:
        super().__init__(reason, message)
        self.status = status
        self.retry_after_s = retry_after_s


class ReportMetrics:
    def __init__(self, registry: Any) -> None:
        from prometheus_client import Counter, Histogram

        self.received = Counter(
            "pantau_reports_received_total",
            "Citizen reports filed (published), by channel.",
            ["channel"],
            registry=registry,
        )
        self.rejected = Counter(
            "pantau_reports_rejected_total",
            "Citizen reports refused, by channel and reason (validation, challenge, rate limit, unavailable).",
            ["channel", "reason"],
            registry=registry,
        )
        self.folded = Counter(
            "pantau_reports_folded_total",
            "Reports identical to one filed before: the reporter got its tracking code, nothing new was filed.",
            ["channel"],
            registry=registry,
        )
        self.first_review = Histogram(
            "pantau_report_first_review_seconds",
            "From a case's first report to the first staff decision on it.",
            buckets=(60, 300, 900, 1800, 3600, 4 * 3600, 12 * 3600, 86400, 3 * 86400, 7 * 86400),
            registry=registry,
        )
        for channel in CHANNELS:
            self.received.labels(channel)
            self.folded.labels(channel)
            for reason in REASONS:
                self.rejected.labels(channel, reason)


def client_address(request: web.Request, trusted_proxies: str) -> str:
    """The reporter's address: the peer, or behind a trusted proxy the last hop it forwarded."""
    peer = request.remote or "unknown"
    trusted = {p.strip() for p in trusted_proxies.split(",") if p.strip()}
    forwarded = request.headers.get("X-Forwarded-For", "")
    if peer in trusted and forwarded:
        candidate = forwarded.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            return peer
    return peer


@dataclass
class Intake:
    store: ReportStore
    publisher: Any
    settings: Settings
    metrics: ReportMetrics
    secret: bytes = b""

    async def key(self) -> bytes:
        if not self.secret:
            configured = self.settings.pseudonym_key
            self.secret = configured.get_secret_value().encode() if configured else await self.store.secret()
        return self.secret

    async def reporter(self, address: str) -> str:
        """A pseudonym for the reporter's address: limits need a stable key, Redis and Kafka never the address."""
        return "reporter-" + pseudonymise(await self.key(), f"report-client:{address}")[:20]

    async def file(self, report: Report, *, reporter: str, channel: str, partner: str | None = None) -> Filed:
        settings = self.settings
        fold = fold_key(report)
        existing = await self.store.folded(fold)
        if existing:
            self.metrics.folded.labels(channel).inc()
            return Filed(existing, folded=True)
        limit, window = (
            (settings.reports_partner_limit, settings.reports_partner_window_s)
            if partner
            else (settings.reports_client_limit, settings.reports_client_window_s)
        )
        if not await self.store.hit("client", reporter, limit=limit, window_s=window):
            raise Refused(
                RATE_LIMITED_CLIENT,
                f"too many reports from you: at most {limit} every {_span(window)}; try again later",
                429,
                window,
            )
        account = hashlib.sha256(f"{report.platform}:{report.handle}".encode()).hexdigest()[:24]
        limit, window = settings.reports_account_limit, settings.reports_account_window_s
        if not await self.store.hit("account", account, limit=limit, window_s=window):
            raise Refused(
                RATE_LIMITED_ACCOUNT,
                f"this account has had {limit} reports in the last {_span(window)}; staff have them, "
                "yours is not needed now",
                429,
                window,
            )
        filed = await self.store.create(
            new_code(), report, fold_key=fold, channel=partner or channel, fold_s=settings.reports_fold_s
        )
        if filed.folded:
            self.metrics.folded.labels(channel).inc()
            return filed
        event = report_event(
            report,
            filed.code,
            reporter=reporter,
            received_at=datetime.now(UTC),
            channel=f"partner:{partner}" if partner else channel,
        )
        try:
            await self.publisher.publish(event)
        except SinkError:
            await self.store.discard(filed.code, fold)
            raise Refused(
                UNAVAILABLE, "the report could not be filed just now: please try again in a minute", 503, 60
            ) from None
        self.metrics.received.labels(channel).inc()
        return filed


def _span(seconds: int) -> str:
    if seconds % 3600 == 0:
        return f"{seconds // 3600} h"
    if seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds} s"
