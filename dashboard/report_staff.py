"""The staff side of citizen reports: every report on a case (the reporters' contacts only for the triage
role), the outcome staff publish to the reporters, and the time to first review.

A case is any alert with reports on it; its page is linked from the alert's evidence by id
(`/alerts/{alert_id}/reports`). Triage itself stays on the alert page: the reporters' status pages follow it.
"""

from __future__ import annotations

import time
from typing import Any

from aiohttp import web

from dashboard import data
from dashboard.auth import csrf_ok
from dashboard.i18n import translator
from dashboard.report_i18n import report_translator
from dashboard.web import CLIENT, TEMPLATES, Handler, lang_of, login_required
from pantau.stores.reports import ReportStore

STORE: web.AppKey[ReportStore] = web.AppKey("report_store", ReportStore)
OUTCOME_TTL_S = 400 * 86400


@login_required
async def case_page(request: web.Request) -> web.Response:
    alert_id = request.match_info["alert_id"]
    alert = await data.one(request.app[CLIENT], alert_id)
    if alert is None:
        raise web.HTTPNotFound(text="no such alert")
    store = request.app[STORE]
    reports = await store.case(alert_id)
    user = request["user"]
    # Contacts are personal data only the reviewing role needs (to ask a reporter for more).
    contacts = await store.contacts([r.code for r in reports]) if user["role"] == "triage" else {}
    lang = lang_of(request)
    html = TEMPLATES.get_template("report_case.html").render(
        request=request,
        user=user,
        lang=lang,
        t=translator(lang),
        rt=report_translator(lang),
        a=alert,
        reports=reports,
        total=await store.case_size(alert_id),
        contacts=contacts,
        can_contact=user["role"] == "triage",
        at=lambda ms: time.strftime("%d-%m-%Y %H:%M UTC", time.gmtime(ms / 1000)),
        saved="saved" in request.query,
    )
    return web.Response(
        text=html,
        content_type="text/html",
        headers={
            "Cache-Control": "no-store",
            "X-Frame-Options": "DENY",
            "Content-Security-Policy": "default-src 'self'",
        },
    )


@login_required
async def publish_outcome(request: web.Request) -> web.Response:
    user = request["user"]
    form = await request.post()
    if not csrf_ok(user["csrf"], str(form.get("csrf", ""))):
        raise web.HTTPForbidden(text="missing or wrong CSRF token")
    if user["role"] != "triage":
        raise web.HTTPForbidden(text="the read-only role cannot publish an outcome")
    alert_id = request.match_info["alert_id"]
    text = str(form.get("outcome", "")).strip()
    if not text:
        raise web.HTTPBadRequest(text="write the outcome the reporters should read")
    await request.app[STORE].publish_outcome(alert_id, text, OUTCOME_TTL_S)
    raise web.HTTPSeeOther(f"/alerts/{alert_id}/reports?saved=1")


def first_review_middleware(store: ReportStore) -> Any:
    """After a staff decision on an alert that has reports, observe how long its first report waited (once)."""

    @web.middleware
    async def first_review(request: web.Request, handler: Handler) -> web.StreamResponse:
        is_triage = (
            request.method == "POST" and request.path.startswith("/alerts/") and request.path.endswith("/triage")
        )
        try:
            response = await handler(request)
        except web.HTTPException as exc:
            if is_triage and exc.status in (200, 303):
                await _observe(request, store)
            raise
        if is_triage and response.status < 300:
            await _observe(request, store)
        return response

    return first_review


async def _observe(request: web.Request, store: ReportStore) -> None:
    from dashboard.reports import INTAKE

    alert_id = request.match_info.get("alert_id", "")
    waited = await store.first_review(alert_id) if alert_id else None
    if waited is not None:
        request.app[INTAKE].metrics.first_review.observe(waited)


def add_staff_routes(app: web.Application, store: ReportStore) -> None:
    app[STORE] = store
    app.middlewares.append(first_review_middleware(store))
    app.router.add_get("/alerts/{alert_id}/reports", case_page)
    app.router.add_post("/alerts/{alert_id}/reports/outcome", publish_outcome)
