"""Every Redis key and stream Pantau uses, in one place. The strings are part of the deployment (CONTRACT.md
names the alert keys; data written by earlier versions must still be found), so they never change.

Only modules under pantau/stores/ import this: everything else reads and writes through their store
classes (tests/unit/test_store_keys.py keeps it so). "Owner" below is the store that writes the key and
sets its TTL; "TTL" is where the expiry comes from.
"""

from __future__ import annotations

# --- Alerts (owner: stores/alerts.py; stores/reports.py writes citizen-report alerts the same way) ---------

ALERT_STREAM = "pantau:alerts"
"""Stream, one entry per alert (fields alert_id, type, severity, event_id, alert JSON; CONTRACT.md).
Trimmed by MAXLEN and by MINID at the alert TTL (PANTAU_ALERT_TTL_S)."""

ALERT_KEY = "pantau:alert:{alert_id}"
ALERT_EVENTS = "pantau:alert:{alert_id}:events"
PERSON_ALERTS = "pantau:person:{nip_hash}:alerts"


def alert_key(alert_id: str) -> str:
    """String: the alert's current state JSON (the alert, triage, occurrences; CONTRACT.md). TTL: alert TTL,
    kept on every update (KEEPTTL)."""
    return ALERT_KEY.format(alert_id=alert_id)


def alert_events_key(alert_id: str) -> str:
    """Set: the event ids that raised the alert (redelivery detection). TTL: alert TTL."""
    return ALERT_EVENTS.format(alert_id=alert_id)


def person_alerts_key(nip_hash: str) -> str:
    """Sorted set: alert ids linked to a roster person, scored by write time (ms). TTL: alert TTL."""
    return PERSON_ALERTS.format(nip_hash=nip_hash)


# --- Triage (owner: stores/triage.py) -------------------------------------------------------------------

TRIAGE_STREAM = "pantau:triage"
"""Stream: every staff decision as stored (read by the ledger). Trimmed by MAXLEN and `pantau purge`."""

# --- Escalation ledger's person rule (owner: stores/persons.py) ------------------------------------------


def person_pending_key(nip_hash: str) -> str:
    """Sorted set: the person's alerts counting towards a repeat-offender escalation, scored by detection
    time (ms). TTL: the policy's person window, renewed on each add."""
    return f"pantau:person:{nip_hash}:pending"


def person_escalated_key(nip_hash: str) -> str:
    """Set: the person's alerts already escalated (never counted again). TTL: the escalation TTL."""
    return f"pantau:person:{nip_hash}:escalated"


LEDGER_LOCK = "pantau:ledger:lock"
"""String: the escalator process running the ledger (owner id). TTL: the lock's ttl_ms, renewed while held
(owner: stores/persons.LeaderLock)."""

# --- Escalations (owner: stores/escalations.py; TTL: PANTAU_ESCALATION_TTL_S) ----------------------------

ESCALATION_OUTBOX = "pantau:escalations:outbox"
"""Stream with consumer group `pantau-delivery`: escalations waiting to be delivered. Trimmed by MINID."""

ESCALATIONS = "pantau:escalations"
"""Sorted set: every escalation id by creation time (ms); trimmed by score on enqueue and by `pantau purge`."""

ESCALATIONS_PENDING = "pantau:escalations:pending"
"""Sorted set: escalations not delivered yet (the backlog)."""

ESCALATIONS_DEAD = "pantau:escalations:dead"
"""Sorted set: escalations whose delivery gave up (dead letters)."""


def escalation_key(escalation_id: str) -> str:
    """String: the escalation's state JSON (status, attempts, next attempt, last error). TTL: escalation TTL."""
    return f"pantau:escalation:{escalation_id}"


def escalation_body_key(escalation_id: str) -> str:
    """String: the evidence bytes, sent unchanged on every attempt. TTL: escalation TTL."""
    return f"pantau:escalation:{escalation_id}:body"


def person_escalations_key(nip_hash: str) -> str:
    """Sorted set: the person's escalations by creation time (their rung on the sanction ladder)."""
    return f"pantau:person:{nip_hash}:escalations"


# --- Audit chain (owner: stores/audit.py; no TTL, trimmed by `pantau purge`) -----------------------------

AUDIT_STREAM = "pantau:audit"
"""Stream: the hash-chained audit entries."""

AUDIT_HEAD = "pantau:audit:head"
"""Hash: seq and hash of the newest entry."""

AUDIT_INDEX = "pantau:audit:keys"
"""Set: idempotency keys already appended."""

AUDIT_ANCHOR = "pantau:audit:anchor"
"""Hash: where the chain starts after a purge."""

# --- Thresholds and scores (owners: stores/thresholds.py, stores/scores.py) ------------------------------

THRESHOLDS = "pantau:thresholds"
"""Hash: live threshold overrides, name -> value. No TTL."""

THRESHOLD_CHANGES = "pantau:thresholds:changes"
"""Stream: who changed which threshold, when, old and new, why. Trimmed by MAXLEN and `pantau purge`."""

SCORES = "pantau:scores"
"""Stream: one entry per scored event (five scores, roster flag) for the what-if. Trimmed by age (MINID)."""

# --- Reference data (owner: stores/reference.py; TTL: the reference TTL) ---------------------------------

ROSTER = "pantau:roster"
"""Hash: the ASN roster, account key -> entry JSON."""

ROSTER_VERSION = "pantau:roster:version"
"""Counter: bumped on each roster import; workers poll it to reload."""

ROSTER_STAGING = "pantau:roster:staging"
"""Hash: a roster import being written, renamed over ROSTER when complete."""

CANDIDATES = "pantau:candidates"
"""String: the contests' candidates as JSON."""

CANDIDATES_VERSION = "pantau:candidates:version"
"""Counter: bumped on each candidates import."""

# --- Known hoaxes (owner: stores/claims.py; TTL: REFERENCE_TTL_S) ----------------------------------------

CLAIMS = "pantau:claims"
"""Hash: claim id -> claim JSON."""

CLAIMS_VERSION = "pantau:claims:version"
"""Counter: bumped on each claims change; workers poll it to reload their index."""

CLAIMS_REJECTED = "pantau:claims:rejected"
"""Set: members "claim_id content_fp": that claim never matches that content (hard negatives)."""

CLAIMS_REJECTIONS = "pantau:claims:rejections"
"""Stream: who rejected which match, when, from which alert."""

CLAIM_HITS = "pantau:claim:{claim_id}:hits"


def claim_hits_key(claim_id: str) -> str:
    """Sorted set: one JSON member per post repeating the claim, scored by event time (ms); capped per claim."""
    return CLAIM_HITS.format(claim_id=claim_id)


# --- Citizen reports (owner: stores/reports.py; TTL: the reports' retention unless said) -----------------

REPORT = "pantau:report:{code}"
"""Hash per tracking code: channel, received_ms, the reporter's words, fold and content keys, alert_id."""

REPORT_CONTACT = "pantau:report:{code}:contact"
"""String: the reporter's contact, apart from everything else (triage role only)."""

REPORTS = "pantau:reports"
"""Sorted set: code -> received_ms; what `pantau purge` walks."""

REPORT_FOLD = "pantau:reports:fold:{key}"
"""String: the code of the first identical report."""

REPORT_RATE = "pantau:reports:rate:{scope}:{key}:{window}"
"""Counter: fixed-window rate limit (pseudonymous keys, never an address). TTL: the window."""

REPORT_CHALLENGE = "pantau:reports:challenge:{nonce}"
"""String: a used proof-of-work token. TTL: the challenge's lifetime."""

REPORT_CONTENT = "pantau:reports:content:{key}"
"""String: the alert on that account and content. TTL: alert TTL."""

REPORT_CASE = "pantau:reports:case:{alert_id}"
"""Sorted set: every tracking code on a case. TTL: alert TTL."""

REPORT_OUTCOME = "pantau:reports:outcome:{alert_id}"
"""String: what staff publish about a case. TTL: alert TTL."""

REPORT_FIRST_REVIEW = "pantau:reports:first_review:{alert_id}"
"""String: marks a case's first staff review (counted once)."""

REPORT_SECRET = "pantau:reports:secret"
"""String: a random secret, set once, that the report intake derives its keys from. No TTL."""

REPORT_PARTNERS = "pantau:reports:partners"
"""Hash: partner name -> JSON {hash, created_at} (owner: stores/report_partners.py). No TTL."""

REPORT_PARTNERS_BY_HASH = "pantau:reports:partners:by_hash"
"""Hash: token sha256 -> partner name."""

# --- API tokens (owner: stores/api_tokens.py; no TTL) ----------------------------------------------------

API_TOKENS = "pantau:api_tokens"
"""Hash: token name -> JSON {hash, created_at}."""

API_TOKENS_BY_HASH = "pantau:api_tokens:by_hash"
"""Hash: token sha256 -> name."""

API_TOKENS_LAST_USED = "pantau:api_tokens:last_used"
"""Hash: token name -> ISO time of the last authenticated request."""

# --- Dashboard sessions (owner: stores/sessions.py) ------------------------------------------------------


def session_key(token_key: str) -> str:
    """String: a signed-in staff session JSON, by the hash of its cookie token. TTL: the session TTL, renewed
    on each request."""
    return f"pantau:session:{token_key}"
