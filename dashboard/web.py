"""The monitoring staff's web UI: login, live feed (SSE), alert page with triage, person page.

Every page and API that shows alert data needs a session; triage needs the `triage` role and the session's
CSRF token. Sessions live in Redis under the token's hash, 8 hours sliding; the cookie is HttpOnly and
SameSite=Strict (and Secure with PANTAU_DASHBOARD_SECURE_COOKIES).
"""

from __future__ import annotations

import asyncio
import json
import time
import urllib.parse
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web
from markupsafe import Markup, escape

from dashboard import claims as known_hoaxes
from dashboard import context, data
from dashboard.auth import DUMMY_HASH, User, check_password, csrf_ok, new_token, token_key
from dashboard.filters import FILTERS, clean, matches, value_of
from dashboard.i18n import LANGS, translator
from pantau.domain.timezones import in_zone, local_time
from pantau.errors import PantauError
from pantau.stores.triage import triage_alert

HERE = Path(__file__).resolve().parent
COOKIE, LANG_COOKIE = "pantau_session", "pantau_lang"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

USERS: web.AppKey[Any] = web.AppKey("users", object)
CLIENT: web.AppKey[Any] = web.AppKey("web_redis", object)
SECURE: web.AppKey[bool] = web.AppKey("secure_cookies", bool)
STOPPING: web.AppKey[asyncio.Event] = web.AppKey("stopping", asyncio.Event)
HOURS: web.AppKey[Any] = web.AppKey("hourly_counts", object)
TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True
)


def _localtime(value: Any, region: str | None = None, lang: str = "id") -> str:
    """`{{ a.event_time | localtime(region_of(a), lang) }}` → "27 Nov 2024 09:15 WITA"."""
    return local_time(value, region, lang).text


def _thousands(value: Any, lang: str = "id") -> str:
    """12400 → "12.400" (Indonesian) or "12,400" (English)."""
    text = f"{int(value or 0):,}"
    return text.replace(",", ".") if lang == "id" else text


TEMPLATES.filters["localtime"] = _localtime
TEMPLATES.filters["thousands"] = _thousands
TEMPLATES.globals.update(region_of=context.region_of, alert_zone=context.alert_zone)


def lang_of(request: web.Request) -> str:
    lang = request.cookies.get(LANG_COOKIE, "id")
    return lang if lang in LANGS else "id"


def render(request: web.Request, template: str, status: int = 200, **context: Any) -> web.Response:
    lang = lang_of(request)
    html = TEMPLATES.get_template(template).render(
        request=request, user=request.get("user"), lang=lang, t=translator(lang), **context
    )
    return web.Response(
        text=html,
        content_type="text/html",
        status=status,
        headers={
            "Cache-Control": "no-store",
            "X-Frame-Options": "DENY",
            "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'",
        },
    )


@web.middleware
async def sessions(request: web.Request, handler: Handler) -> web.StreamResponse:
    token = request.cookies.get(COOKIE)
    request["user"] = None
    if token:
        session = await data.load_session(request.app[CLIENT], token_key(token))
        if session:
            request["user"] = session
    return await handler(request)


def login_required(handler: Handler) -> Handler:
    async def wrapped(request: web.Request) -> web.StreamResponse:
        if request.get("user") is None:
            if request.path.startswith("/api/"):
                raise web.HTTPUnauthorized(text="log in first")
            raise web.HTTPFound("/login?" + urllib.parse.urlencode({"next": request.path_qs}))
        return await handler(request)

    return wrapped


async def login_page(request: web.Request) -> web.Response:
    return render(request, "login.html", next=request.query.get("next", "/"))


def _safe_next(value: str) -> str:
    return value if value.startswith("/") and not value.startswith("//") else "/"


async def login(request: web.Request) -> web.Response:
    form = await request.post()
    name, password = str(form.get("username", "")), str(form.get("password", ""))
    user: User | None = request.app[USERS]().get(name)
    # scrypt at full strength takes ~0.3 s: off the event loop, so live feeds do not stall during a login.
    ok = await asyncio.to_thread(check_password, password, user.password_hash if user else DUMMY_HASH)
    ok = ok and user is not None
    if not ok or user is None:
        return render(request, "login.html", status=401, error=True, next=_safe_next(str(form.get("next", "/"))))
    token = new_token()
    await data.save_session(
        request.app[CLIENT],
        token_key(token),
        {"name": user.name, "role": user.role, "csrf": new_token(), "since": str(int(time.time()))},
    )
    response = web.HTTPFound(_safe_next(str(form.get("next", "/"))))
    response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", secure=request.app[SECURE], path="/")
    raise response


@login_required
async def logout(request: web.Request) -> web.Response:
    form = await request.post()
    if not csrf_ok(request["user"]["csrf"], str(form.get("csrf", ""))):
        raise web.HTTPForbidden(text="missing or wrong CSRF token")
    await data.drop_session(request.app[CLIENT], token_key(request.cookies[COOKIE]))
    response = web.HTTPFound("/login")
    response.del_cookie(COOKIE, path="/")
    raise response


async def set_lang(request: web.Request) -> web.Response:
    lang = request.match_info["lang"]
    response = web.HTTPFound(_safe_next(request.query.get("next", "/")))
    if lang in LANGS:
        response.set_cookie(LANG_COOKIE, lang, samesite="Lax", path="/", max_age=365 * 86400)
    raise response


def _choices(alerts: list[dict[str, Any]], t: Callable[[str], str]) -> dict[str, list[tuple[str, str]]]:
    fixed = {
        "type": [(v, t(v)) for v in ("asn_neutrality", "hoax", "hate_sara", "citizen_report", "mobilisation")],
        "severity": [(v, t(v)) for v in ("critical", "high", "medium", "low")],
        "status": [(v, t(v)) for v in ("new", "assigned", "confirmed", "dismissed")],
    }
    seen = {name: sorted({value_of(a, name) for a in alerts} - {""}) for name in ("region", "opd", "candidate")}
    return {name: fixed.get(name) or [(v, v) for v in seen[name]] for name in FILTERS}


def _row_html(request: web.Request, alert: dict[str, Any]) -> str:
    lang = lang_of(request)
    return TEMPLATES.get_template("_row.html").render(a=alert, t=translator(lang), lang=lang)


async def _hourly(app: web.Application, client: Any) -> list[tuple[int, dict[str, int]]]:
    """Counting a day of alerts reads the whole day's stream: at most once a minute, shared by all viewers."""
    cached = app[HOURS]
    if cached and cached[0] > time.monotonic():
        hours: list[tuple[int, dict[str, int]]] = cached[1]
        return hours
    hours = await data.hourly_counts(client)
    app[HOURS] = (time.monotonic() + 60, hours)
    return hours


@login_required
async def feed(request: web.Request) -> web.Response:
    client = request.app[CLIENT]
    filters = clean(request.query)
    everything = await data.recent(client, 300)
    alerts = [a for a in everything if matches(a, filters)][:200]
    hours = await _hourly(request.app, client)
    zone = context.feed_zone(alerts)
    return render(
        request,
        "feed.html",
        alerts=alerts,
        filters=filters,
        choices=_choices(everything, translator(lang_of(request))),
        hours=[(in_zone(datetime.fromtimestamp(h, UTC), zone).strftime("%H:00"), c) for h, c in hours],
        hours_zone=zone.zone,
        max_hour=max([sum(c.values()) for _h, c in hours] + [1]),
        last_id=everything[0]["stream_id"] if everything else "0",
        query=urllib.parse.urlencode(filters),
    )


@login_required
async def api_alerts(request: web.Request) -> web.Response:
    filters = clean(request.query)
    alerts = [a for a in await data.recent(request.app[CLIENT], 300) if matches(a, filters)]
    return web.json_response({"alerts": alerts[: int(request.query.get("limit", "100"))]})


@login_required
async def stream(request: web.Request) -> web.StreamResponse:
    """SSE: `event: alert` per new alert matching the filters; resumes after Last-Event-ID."""
    filters = clean(request.query)
    last_id = request.headers.get("Last-Event-ID") or request.query.get("last_id") or "$"
    response = web.StreamResponse(
        headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    )
    await response.prepare(request)
    await response.write(b"retry: 1000\n\n")
    client = request.app[CLIENT]
    if last_id == "$":
        last_id = await data.newest_id(client) or "0"
    quiet_since = time.monotonic()
    stopping = request.app[STOPPING]
    try:
        while not stopping.is_set():
            alerts = await data.after(client, last_id, block_ms=1000)
            for alert in alerts:
                last_id = alert["stream_id"]
                if matches(alert, filters):
                    payload = json.dumps(
                        {
                            "alert": {k: alert.get(k) for k in ("alert_id", "type", "severity")},
                            "html": _row_html(request, alert),
                        }
                    )
                    await response.write(f"id: {last_id}\nevent: alert\ndata: {payload}\n\n".encode())
            if time.monotonic() - quiet_since > 15:
                await response.write(b": keep-alive\n\n")
                quiet_since = time.monotonic()
    except (ConnectionResetError, asyncio.CancelledError):
        pass
    return response


def _excerpt_html(alert: dict[str, Any]) -> Markup:
    text = str(alert.get("excerpt") or "")
    span = str((alert.get("explanation") or {}).get("candidate_span") or "")
    if span and span.lower() in text.lower():
        start = text.lower().index(span.lower())
        end = start + len(span)
        return (
            escape(text[:start]) + Markup("<mark>") + escape(text[start:end]) + Markup("</mark>") + escape(text[end:])
        )
    return escape(text)


async def _alert_context(request: web.Request, alert: dict[str, Any]) -> dict[str, Any]:
    """What alert.html shows around the alert: its zone, what was acted on, why this severity, whether it
    went to Bawaslu, and whether this user may still act on it."""
    return {
        "a": alert,
        "excerpt_html": _excerpt_html(alert),
        "claim": known_hoaxes.claim_evidence(alert),
        "acted": context.acted_on(alert),
        "why": context.severity_why(alert),
        "escalated": context.escalation(alert.get("triage"), await data.escalations(request.app[CLIENT], alert)),
        "can_act": context.can_act(request.get("user"), alert),
    }


@login_required
async def alert_page(request: web.Request) -> web.Response:
    alert = await data.one(request.app[CLIENT], request.match_info["alert_id"])
    if alert is None:
        return render(request, "base.html", status=404)
    return render(request, "alert.html", saved="saved" in request.query, **await _alert_context(request, alert))


@login_required
async def claim_page(request: web.Request) -> web.Response:
    found = await known_hoaxes.claim_page(request, request.app[CLIENT])
    if found is None:
        return render(request, "base.html", status=404)
    return render(request, "claim.html", saved="saved" in request.query, **found)


@login_required
async def reject_claim_match(request: web.Request) -> web.Response:
    raise web.HTTPSeeOther(await known_hoaxes.reject_match(request, request.app[CLIENT]))


@login_required
async def mark_known_hoax(request: web.Request) -> web.Response:
    raise web.HTTPSeeOther(await known_hoaxes.mark_known(request, request.app[CLIENT]))


@login_required
async def triage(request: web.Request) -> web.Response:
    user = request["user"]
    is_json = request.content_type == "application/json"
    form: Any = await (request.json() if is_json else request.post())
    supplied = request.headers.get("X-CSRF-Token") if is_json else form.get("csrf")
    if not csrf_ok(user["csrf"], str(supplied or "")):
        raise web.HTTPForbidden(text="missing or wrong CSRF token")
    if user["role"] != "triage":
        raise web.HTTPForbidden(text="the read-only role cannot triage")
    alert_id = request.match_info["alert_id"]
    try:
        state = await triage_alert(
            request.app[CLIENT],
            alert_id,
            str(form.get("action", "")),
            by=user["name"],
            reason=str(form.get("reason") or "") or None,
            assignee=str(form.get("assignee") or "") or None,
        )
    except PantauError as exc:
        if is_json:
            raise web.HTTPBadRequest(text=str(exc)) from None
        alert = await data.one(request.app[CLIENT], alert_id)
        if alert is None:
            raise web.HTTPNotFound(text=str(exc)) from None
        return render(request, "alert.html", status=400, error=str(exc), **await _alert_context(request, alert))
    if is_json:
        return web.json_response({"alert_id": alert_id, "triage": state["triage"]})
    raise web.HTTPSeeOther(f"/alerts/{alert_id}?saved=1")


@login_required
async def person_page(request: web.Request) -> web.Response:
    nip_hash = request.match_info["nip_hash"]
    alerts = await data.person(request.app[CLIENT], nip_hash)
    return render(request, "person.html", alerts=alerts, nip_hash=nip_hash, first=alerts[0] if alerts else None)


def add_routes(app: web.Application, client: Any, users: Callable[[], dict[str, User]], *, secure: bool) -> None:
    app[CLIENT] = client
    app[USERS] = users
    app[SECURE] = secure
    app[STOPPING] = asyncio.Event()
    app[HOURS] = None

    async def stop_streams(app: web.Application) -> None:  # open feeds must not hold a shutdown for a minute
        app[STOPPING].set()

    app.on_shutdown.append(stop_streams)
    app.middlewares.append(sessions)
    app.router.add_get("/login", login_page)
    app.router.add_post("/login", login)
    app.router.add_post("/logout", logout)
    app.router.add_get("/lang/{lang}", set_lang)
    app.router.add_get("/", feed)
    app.router.add_get("/api/alerts", api_alerts)
    app.router.add_get("/api/stream", stream)
    app.router.add_get("/alerts/{alert_id}", alert_page)
    app.router.add_post("/alerts/{alert_id}/triage", triage)
    app.router.add_get("/people/{nip_hash}", person_page)
    app.router.add_get("/claims/{claim_id}", claim_page)
    app.router.add_post("/alerts/{alert_id}/claim/reject", reject_claim_match)
    app.router.add_post("/alerts/{alert_id}/claim/known", mark_known_hoax)
    app.router.add_static("/static", HERE / "static")
