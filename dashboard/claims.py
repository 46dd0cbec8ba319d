"""Known hoaxes on the dashboard: the claim page (the posts that repeated a claim: accounts, regions,
reach, over time), and the two staff actions on a hoax alert: "mark as known hoax" (the post becomes a
claim every worker matches within seconds) and "reject this match" (a hard negative: that claim never
matches that content again). Same session, role and CSRF rules as triage."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from aiohttp import web

from dashboard import data
from dashboard.auth import csrf_ok
from pantau.claims import Claim
from pantau.errors import PantauError
from pantau.stores.claims import ClaimStore


def claim_evidence(alert: dict[str, Any]) -> dict[str, Any] | None:
    return next((e for e in alert.get("evidence") or [] if e.get("kind") == "claim"), None)


def summary(hits: list[dict[str, Any]]) -> dict[str, Any]:
    """What the claim page shows above the list: how far and how wide the claim went, and when."""
    regions = Counter(str(h.get("region") or "—") for h in hits)
    days = Counter(str(h.get("event_time", ""))[:10] for h in hits)
    return {
        "posts": len(hits),
        "accounts": len({(h.get("platform"), h.get("handle")) for h in hits}),
        "reach": sum(int(h.get("reach") or 0) for h in hits),
        "regions": regions.most_common(),
        "days": sorted(days.items()),
        "max_day": max(days.values(), default=1),
    }


async def _staff_form(request: web.Request) -> dict[str, Any]:
    """The posted form, once the session may act on it (triage role, right CSRF token)."""
    user = request["user"]
    form = await request.post()
    if not csrf_ok(user["csrf"], str(form.get("csrf", ""))):
        raise web.HTTPForbidden(text="missing or wrong CSRF token")
    if user["role"] != "triage":
        raise web.HTTPForbidden(text="the read-only role cannot change claims")
    return {k: str(v) for k, v in form.items()}


async def claim_page(request: web.Request, client: Any) -> dict[str, Any] | None:
    store = ClaimStore(client)
    try:
        claim = await store.get(request.match_info["claim_id"])
    except PantauError:
        return None
    hits = await store.hits(claim.id)
    return {"claim": claim, "hits": hits, "summary": summary(hits)}


async def reject_match(request: web.Request, client: Any) -> str:
    """Record the alert's claim match as wrong; returns where to go next."""
    form = await _staff_form(request)
    alert_id = request.match_info["alert_id"]
    alert = await data.one(client, alert_id)
    matched = claim_evidence(alert) if alert else None
    if alert is None or matched is None or not matched.get("content_fp"):
        raise web.HTTPBadRequest(text="this alert carries no claim match to reject")
    await ClaimStore(client).reject(
        str(matched["claim_id"]), str(matched["content_fp"]), by=request["user"]["name"], alert_id=alert_id
    )
    del form
    return f"/alerts/{alert_id}?saved=1"


async def mark_known(request: web.Request, client: Any) -> str:
    """The alert's text becomes a claim, with the fact-check that debunks it; returns the claim page."""
    form = await _staff_form(request)
    alert = await data.one(client, request.match_info["alert_id"])
    if alert is None:
        raise web.HTTPNotFound(text="no such alert")
    url = form.get("url", "").strip()
    if not url.startswith(("https://", "http://")):
        raise web.HTTPBadRequest(text="give the fact-check's link (http:// or https://)")
    text = str(alert.get("excerpt") or "").rstrip("…").strip()
    if len(text) < 12:
        raise web.HTTPBadRequest(text="this alert's text is too short to become a claim")
    claim = Claim.new(
        text,
        title=form.get("title", "").strip() or text[:100],
        url=url,
        publisher=form.get("publisher", "").strip(),
        date=time.strftime("%Y-%m-%d", time.gmtime()),
        category="staff",
        added_by=request["user"]["name"],
    )
    await ClaimStore(client).upsert([claim])
    return f"/claims/{claim.id}?saved=1"
