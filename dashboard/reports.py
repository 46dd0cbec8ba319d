"""Citizen reports on the dashboard: the public report page and its status page (no login), and the partner
JSON API. Registered by `add_report_routes` from create_app; the staff side is dashboard/report_staff.py.

Every field is rendered through Jinja's autoescape (inert: no HTML or script of a reporter ever runs), links
are shown as text and never fetched, and the status page shows the status and a published outcome only.
"""

from __future__ import annotations

import time
from typing import Any

from aiohttp import web

from dashboard.report_i18n import report_translator
from dashboard.report_intake import Intake, Refused, ReportMetrics, client_address
from dashboard.web import TEMPLATES, lang_of
from pantau.domain.events import PLATFORMS
from pantau.reports import challenge
from pantau.reports.case import CLOSED, FORWARDED, IN_REVIEW, RECEIVED
from pantau.reports.codes import parse_code
from pantau.reports.intake import (
    CHALLENGE_FAILED,
    TOO_LARGE,
    UNAUTHORISED,
    InvalidReport,
    Report,
    decode_body,
    decode_form,
    validate,
)
from pantau.settings import Settings
from pantau.stores.report_partners import PartnerTokens
from pantau.stores.reports import ReportStatus, ReportStore
from streams.report_publisher import ReportPublisher

INTAKE: web.AppKey[Intake] = web.AppKey("report_intake", Intake)
PARTNERS: web.AppKey[PartnerTokens] = web.AppKey("report_partners", PartnerTokens)
FORM_FIELDS = ("platform", "url", "handle", "text", "content_text", "contact", "consent")
HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'self'; style-src 'self'; script-src 'self'; form-action 'self'",
}


def _render(request: web.Request, template: str, status: int = 200, **context: Any) -> web.Response:
    lang = lang_of(request)
    html = TEMPLATES.get_template(template).render(
        request=request, lang=lang, t=report_translator(lang), platforms=sorted(PLATFORMS), **context
    )
    return web.Response(text=html, content_type="text/html", status=status, headers=HEADERS)


async def _body(request: web.Request, settings: Settings) -> bytes:
    """At most the report limit, read before anything else (a huge body is refused unread)."""
    limit = settings.reports_max_bytes
    if (request.content_length or 0) > limit:
        raise InvalidReport(TOO_LARGE, f"the report is {request.content_length} bytes, the limit is {limit}")
    raw = await request.content.read(limit + 1)
    if len(raw) > limit:
        raise InvalidReport(TOO_LARGE, f"the report is larger than {limit} bytes")
    return raw


async def _challenge(intake: Intake) -> str:
    return challenge.issue(await intake.key(), time.time(), intake.settings.reports_pow_bits)


async def report_page(request: web.Request) -> web.Response:
    intake = request.app[INTAKE]
    return _render(
        request, "lapor.html", form={}, token=await _challenge(intake), bits=intake.settings.reports_pow_bits
    )


async def new_challenge(request: web.Request) -> web.Response:
    intake = request.app[INTAKE]
    return web.json_response(
        {"token": await _challenge(intake), "bits": intake.settings.reports_pow_bits},
        headers={"Cache-Control": "no-store"},
    )


async def _check_challenge(intake: Intake, form: dict[str, str]) -> None:
    settings = intake.settings
    try:
        solved = challenge.verify(
            await intake.key(),
            form.get("pow_token", ""),
            form.get("pow_solution", ""),
            now=time.time(),
            max_age_s=settings.reports_challenge_ttl_s,
            min_bits=settings.reports_pow_bits,
        )
    except challenge.ChallengeFailed as exc:
        raise InvalidReport(CHALLENGE_FAILED, str(exc)) from None
    if not await intake.store.use_challenge(solved.nonce, solved.expires_at):
        raise InvalidReport(CHALLENGE_FAILED, "this form was sent already: reload the page to send another report")


async def submit_page(request: web.Request) -> web.Response:
    """POST /lapor: the form, checked in full before anything is stored; 303 to the status page."""
    intake = request.app[INTAKE]
    form: dict[str, str] = {}
    try:
        form = decode_form(await _body(request, intake.settings), intake.settings.reports_max_bytes)
        await _check_challenge(intake, form)
        report = validate(form)
        reporter = await intake.reporter(client_address(request, intake.settings.reports_trusted_proxies))
        filed = await intake.file(report, reporter=reporter, channel="web")
    except InvalidReport as exc:
        intake.metrics.rejected.labels("web", exc.reason).inc()
        status = exc.status if isinstance(exc, Refused) else (413 if exc.reason == TOO_LARGE else 400)
        response = _render(
            request,
            "lapor.html",
            status=status,
            form={k: form.get(k, "") for k in FORM_FIELDS},
            error=str(exc),
            error_reason=exc.reason,
            error_field=exc.field,
            token=await _challenge(intake),
            bits=intake.settings.reports_pow_bits,
        )
        if isinstance(exc, Refused) and exc.retry_after_s:
            response.headers["Retry-After"] = str(exc.retry_after_s)
        return response
    raise web.HTTPSeeOther(f"/lapor/{filed.code}?{'folded' if filed.folded else 'new'}=1")


async def status_page(request: web.Request) -> web.Response:
    code = parse_code(request.match_info["code"])
    if code and code != request.match_info["code"]:
        raise web.HTTPFound(f"/lapor/{code}")
    found = await request.app[INTAKE].store.status(code) if code else None
    if found is None:
        return _render(request, "lapor_status.html", status=404, found=None, code=request.match_info["code"][:32])
    steps = [RECEIVED, IN_REVIEW, CLOSED if found.status == CLOSED else FORWARDED]
    return _render(
        request,
        "lapor_status.html",
        found=found,
        steps=steps,
        reached=steps.index(found.status),
        new="new" in request.query,
        folded="folded" in request.query,
        received=time.strftime("%d-%m-%Y %H:%M UTC", time.gmtime(found.received_ms / 1000)),
    )


async def lookup(request: web.Request) -> web.Response:
    code = parse_code(request.query.get("code", ""))
    raise web.HTTPFound(f"/lapor/{code}" if code else "/lapor/unknown")


def _error(exc: InvalidReport, status: int) -> web.Response:
    body = {"error": exc.reason, "message": str(exc), **({"field": exc.field} if exc.field else {})}
    headers = {"Retry-After": str(exc.retry_after_s)} if isinstance(exc, Refused) and exc.retry_after_s else None
    return web.json_response(body, status=status, headers=headers)


async def _partner(request: web.Request) -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    name = await request.app[PARTNERS].name_of(token.strip()) if scheme.lower() == "bearer" else None
    if name is None:
        raise InvalidReport(UNAUTHORISED, "a partner token is required: `pantau reports token add NAME` makes one")
    return name


def _status_json(found: ReportStatus) -> dict[str, Any]:
    return {
        "tracking_code": found.code,
        "status": found.status,
        "received_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(found.received_ms / 1000)),
        "outcome": found.outcome,
        "status_url": f"/lapor/{found.code}",
    }


async def api_file(request: web.Request) -> web.Response:
    """POST /api/reports: a partner channel files a report; 201 with its tracking code."""
    intake = request.app[INTAKE]
    try:
        partner = await _partner(request)
        report: Report = validate(decode_body(await _body(request, intake.settings), intake.settings.reports_max_bytes))
        filed = await intake.file(report, reporter=f"partner-{partner}", channel="api", partner=partner)
    except InvalidReport as exc:
        intake.metrics.rejected.labels("api", exc.reason).inc()
        status = (
            exc.status
            if isinstance(exc, Refused)
            else 401
            if exc.reason == UNAUTHORISED
            else 413
            if exc.reason == TOO_LARGE
            else 400
        )
        return _error(exc, status)
    return web.json_response(
        {
            "tracking_code": filed.code,
            "status": "received",
            "folded": filed.folded,
            "status_url": f"/lapor/{filed.code}",
        },
        status=200 if filed.folded else 201,
    )


async def api_status(request: web.Request) -> web.Response:
    intake = request.app[INTAKE]
    try:
        await _partner(request)
    except InvalidReport as exc:
        return _error(exc, 401)
    code = parse_code(request.match_info["code"])
    found = await intake.store.status(code) if code else None
    if found is None:
        return web.json_response({"error": "not_found", "message": "no report with that tracking code"}, status=404)
    return web.json_response(_status_json(found))


def add_report_routes(app: web.Application, client: Any, settings: Settings, registry: Any) -> None:
    publisher = ReportPublisher(settings)
    store = ReportStore(client, retention_s=settings.reports_retention_days * 86400)
    app[INTAKE] = Intake(store, publisher, settings, ReportMetrics(registry))
    app[PARTNERS] = PartnerTokens(client)

    async def close(_app: web.Application) -> None:
        await publisher.close()

    app.on_cleanup.append(close)
    app.router.add_get("/lapor", report_page)
    app.router.add_post("/lapor", submit_page)
    app.router.add_get("/lapor/challenge", new_challenge)
    app.router.add_get("/lapor/track", lookup)
    app.router.add_get("/lapor/{code}", status_page)
    app.router.add_post("/api/reports", api_file)
    app.router.add_get("/api/reports/{code}", api_status)
    from dashboard.report_staff import add_staff_routes

    add_staff_routes(app, store)
