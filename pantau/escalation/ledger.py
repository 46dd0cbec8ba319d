"""The ledger: reads every alert, triage decision and threshold change from their Redis streams (consumer
group `pantau-ledger`), appends each to the audit chain, and applies the escalation policy.

At least once by construction: an entry is acknowledged only after its audit entry and any escalation are
stored, and both are idempotent (audit keys, deterministic escalation ids), so a crash costs nothing but a
re-read. One ledger runs at a time (see `LeaderLock`): the person rule reads, then writes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from redis.asyncio import Redis

from pantau.audit.chain import canonical
from pantau.domain.alert import Alert
from pantau.domain.triage import CONFIRM, DISMISS, ESCALATE
from pantau.escalation.evidence import build_evidence
from pantau.escalation.metrics import ALERT_TYPES, EscalationMetrics
from pantau.escalation.policy import (
    CLAIM_SPREAD,
    REPEAT_OFFENDER,
    STAFF_REQUEST,
    EscalationPolicy,
    alert_escalation_id,
    claim_spread_due,
    counts_toward_person,
    immediate_reason,
    known_claim_id,
    person_due,
    person_escalation_id,
)
from pantau.stores.alerts import AlertStore
from pantau.stores.audit import AuditItem, AuditLog
from pantau.stores.claims import ClaimStore
from pantau.stores.client import as_text, utc_iso
from pantau.stores.escalations import PENDING_STATUS, EscalationStore
from pantau.stores.ledger_feed import ALERT, TRIAGE, FeedEntry, LedgerFeed
from pantau.stores.persons import PersonTally

log = logging.getLogger(__name__)

PRIOR_ALERTS_SHOWN = 20


class Unreadable(ValueError):
    """A stream entry the ledger cannot interpret; it is logged and skipped, never retried forever."""


def _epoch_ms(iso: str | None) -> int:
    try:
        return int(datetime.fromisoformat(str(iso).replace("Z", "+00:00")).timestamp() * 1000)
    except ValueError:
        return int(time.time() * 1000)


def alert_audit_data(alert: Mapping[str, Any]) -> dict[str, Any]:
    """What the chain keeps of an alert: identifiers, scores and a digest of the full record, no names."""
    return {
        "alert_id": alert["alert_id"],
        "type": alert["type"],
        "severity": alert["severity"],
        "event_id": alert.get("event_id"),
        "platform": alert.get("platform"),
        "nip_hash": (alert.get("asn") or {}).get("nip_hash"),
        "candidate_number": (alert.get("candidate") or {}).get("number"),
        "scores": alert.get("scores"),
        "thresholds": alert.get("thresholds"),
        "model_version": alert.get("model_version"),
        "source": alert.get("source"),
        "detected_at": alert.get("detected_at"),
        "digest": hashlib.sha256(canonical(alert).encode()).hexdigest(),
    }


class Ledger:
    def __init__(
        self,
        client: Redis,
        store: EscalationStore,
        audit: AuditLog,
        policy: EscalationPolicy,
        metrics: EscalationMetrics,
        *,
        reporting_body: str,
        ttl_s: int,
        consumer: str = "ledger",
    ) -> None:
        self._client: Any = client
        self._store = store
        self._audit = audit
        self._policy = policy
        self._metrics = metrics
        self._reporting_body = reporting_body
        self._ttl_s = ttl_s
        self._consumer = consumer
        self._alerts = AlertStore(client)
        self._persons = PersonTally(client, escalated_ttl_s=ttl_s)
        self._feed = LedgerFeed(client, consumer)

    async def setup(self) -> None:
        await self._feed.setup()

    async def run_once(self, block_ms: int = 500) -> int:
        """Handle this consumer's unacknowledged entries, then new ones; returns how many were handled."""
        handled = 0
        for new in (False, True):
            for entry in await self._feed.read(new=new, block_ms=block_ms if new and not handled else None):
                if entry.fields:  # an entry trimmed away while pending comes back empty
                    await self._handle(entry)
                await self._feed.ack(entry)
                handled += 1
        return handled

    async def _handle(self, entry: FeedEntry) -> None:
        try:
            if entry.kind == ALERT:
                await self._on_alert(json.loads(entry.fields[b"alert"]))
            else:
                fields = {as_text(k): as_text(v) for k, v in entry.fields.items()}
                if entry.kind == TRIAGE:
                    await self._on_triage(entry.entry_id, fields)
                else:
                    await self._on_threshold(entry.entry_id, fields)
        except (KeyError, ValueError, TypeError, Unreadable) as exc:
            self._metrics.ledger_errors.labels("unreadable").inc()
            log.error("ledger skips unreadable entry %s %s: %r", entry.stream, entry.entry_id, exc)
            return
        self._metrics.ledger_entries.labels(entry.stream).inc()

    async def _on_alert(self, alert: dict[str, Any]) -> None:
        await self._append(
            AuditItem(
                "alert",
                f"alert:{alert['alert_id']}",
                "worker",
                alert_audit_data(alert),
                at=alert.get("detected_at", ""),
            )
        )
        state = await self._alerts.state(alert["alert_id"]) or alert
        typed = Alert.from_json(state)  # the policy reads the typed record; the evidence package the JSON
        reason = immediate_reason(typed, self._policy)
        if reason:
            await self._escalate_alert(state, reason)
        elif counts_toward_person(typed, self._policy):
            await self._count_for_person(state)
        elif await self._claim_spread(typed):
            await self._escalate_alert(state, CLAIM_SPREAD)

    async def _claim_spread(self, alert: Alert) -> bool:
        """A known hoax repeated by N accounts in the alert's region within the window (pantau.stores.claims
        keeps each claim's hits)."""
        claim_id = known_claim_id(alert)
        if claim_id is None or self._policy.claim_accounts <= 0:
            return False
        at = datetime.fromisoformat(str(alert.event_time)).timestamp()
        earlier = await ClaimStore(self._client).hits_between(claim_id, at - self._policy.claim_window_hours * 3600, at)
        return claim_spread_due(alert, earlier, self._policy)

    async def _on_triage(self, entry_id: str, fields: dict[str, str]) -> None:
        alert_id, action, by = fields["alert_id"], fields["action"], fields["by"]
        data = {k: fields.get(k) or None for k in ("alert_id", "action", "reason", "assignee", "status", "type")}
        await self._append(AuditItem("triage", f"triage:{entry_id}", by, data, at=fields.get("at", "")))
        verdicts: dict[str, str] = {CONFIRM: "confirmed", ESCALATE: "confirmed", DISMISS: "dismissed"}
        verdict = verdicts.get(action)
        if verdict and fields.get("type") in ALERT_TYPES:
            self._metrics.triage_verdicts.labels(fields["type"], verdict).inc()
        state = await self._alerts.state(alert_id)
        if state is None:
            return
        if action == ESCALATE:
            await self._escalate_alert(state, STAFF_REQUEST, requested_by=by)
        elif action == CONFIRM and counts_toward_person(Alert.from_json(state), self._policy):
            await self._count_for_person(state)
        elif action == DISMISS and (state.get("asn") or {}).get("nip_hash"):
            await self._persons.drop_pending(state["asn"]["nip_hash"], alert_id)

    async def _on_threshold(self, entry_id: str, fields: dict[str, str]) -> None:
        data = {
            "name": fields["name"],
            "old": fields.get("old") or None,
            "new": fields["new"],
            "reason": fields.get("reason"),
        }
        await self._append(
            AuditItem("threshold", f"threshold:{entry_id}", fields.get("by", "?"), data, at=fields.get("at", ""))
        )

    async def _escalate_alert(self, alert: dict[str, Any], reason: str, requested_by: str | None = None) -> None:
        nip_hash = (alert.get("asn") or {}).get("nip_hash")
        await self._create(alert_escalation_id(alert["alert_id"]), reason, [alert], nip_hash, requested_by)
        if nip_hash:  # already before Bawaslu: it does not count again towards the person's next escalation
            await self._persons.mark_escalated(nip_hash, [alert["alert_id"]])

    async def _count_for_person(self, alert: dict[str, Any]) -> None:
        nip_hash = alert["asn"]["nip_hash"]
        if await self._persons.is_escalated(nip_hash, alert["alert_id"]):
            return
        ids = await self._persons.add_pending(
            nip_hash,
            alert["alert_id"],
            _epoch_ms(alert.get("detected_at")),
            now_ms=int(time.time() * 1000),
            window_s=self._policy.window_s,
        )
        if not person_due(ids, self._policy):
            return
        states = [
            s for s in await self._alerts.states(ids) if s and counts_toward_person(Alert.from_json(s), self._policy)
        ]
        ids = sorted(s["alert_id"] for s in states)
        if not person_due(ids, self._policy):
            return
        await self._create(person_escalation_id(nip_hash, ids), REPEAT_OFFENDER, states, nip_hash, None)
        await self._persons.mark_escalated(nip_hash, ids)

    async def _prior_alerts(self, nip_hash: str, exclude: set[str]) -> list[dict[str, Any]]:
        since = (time.time() - self._policy.window_s) * 1000
        recent = await self._alerts.person_alert_ids(nip_hash, since_ms=since, limit=PRIOR_ALERTS_SHOWN + len(exclude))
        ids = [i for i in recent if i not in exclude][:PRIOR_ALERTS_SHOWN]
        return [s for s in await self._alerts.states(ids) if s]

    async def _create(
        self,
        escalation_id: str,
        reason: str,
        alerts: list[dict[str, Any]],
        nip_hash: str | None,
        requested_by: str | None,
    ) -> None:
        if not await self._store.exists(escalation_id):
            previous = await self._store.person_escalations(nip_hash) if nip_hash else []
            created_at = utc_iso()
            evidence = build_evidence(
                escalation_id=escalation_id,
                reason=reason,
                created_at=created_at,
                alerts=alerts,
                prior_alerts=await self._prior_alerts(nip_hash, {a["alert_id"] for a in alerts}) if nip_hash else [],
                ladder_stage=len(previous) + 1 if nip_hash else None,
                previous_escalations=previous,
                reporting_body=self._reporting_body,
                requested_by=requested_by,
                audit_head=await self._audit.head(),
            )
            body = json.dumps(evidence, ensure_ascii=False, separators=(",", ":")).encode()
            state = {
                "escalation_id": escalation_id,
                "status": PENDING_STATUS,
                "reason": reason,
                "created_at": created_at,
                "created_epoch": time.time(),
                "alert_ids": [a["alert_id"] for a in alerts],
                "types": sorted({a["type"] for a in alerts}),
                "nip_hash": nip_hash,
                "ladder": evidence["sanction_ladder"],
                "requested_by": requested_by,
                "addressed_to": evidence["addressed_to"],
                "attempts": 0,
                "next_attempt_at": time.time(),
                "body_sha256": hashlib.sha256(body).hexdigest(),
            }
            if await self._store.enqueue(state, body, nip_hash):
                self._metrics.created.labels(reason).inc()
                log.info("escalation %s created (%s, %d alerts)", escalation_id, reason, len(alerts))
        stored = await self._store.state(escalation_id)
        if stored is None:
            raise Unreadable(f"escalation {escalation_id} vanished after creation")
        data = {k: stored.get(k) for k in ("escalation_id", "reason", "alert_ids", "nip_hash", "body_sha256")}
        data["ladder_step"] = (stored.get("ladder") or {}).get("step")
        await self._append(
            AuditItem(
                "escalation.created",
                f"escalation:{escalation_id}:created",
                stored.get("requested_by") or "pantau",
                data,
                at=stored["created_at"],
            )
        )

    async def _append(self, item: AuditItem) -> None:
        seqs = await self._audit.append([item])
        self._metrics.audit_head.set(max(seqs))
