"""Prometheus metrics of the escalator (ledger and delivery). The registry is passed in; no ids in labels."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from pantau.escalation.policy import REASONS

ALERT_TYPES = ("asn_neutrality", "hoax", "hate_sara")
VERDICTS = ("confirmed", "dismissed")
FAILURES = ("timeout", "connection", "http_4xx", "http_5xx", "other")
DELIVERY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600, 86400)


class EscalationMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.created = Counter(
            "pantau_escalations_created_total", "Escalations created, by policy reason.", ["reason"], registry=registry
        )
        self.sent = Counter(
            "pantau_escalations_sent_total", "Escalations the receiver acknowledged (2xx).", registry=registry
        )
        self.attempts = Counter(
            "pantau_escalation_attempts_total", "Webhook delivery attempts, successful or not.", registry=registry
        )
        self.failures = Counter(
            "pantau_escalation_failures_total",
            "Failed webhook delivery attempts, by kind of failure.",
            ["reason"],
            registry=registry,
        )
        self.dead = Counter(
            "pantau_escalations_dead_total",
            "Escalations dead-lettered after the retry budget (retry with `pantau escalations retry`).",
            registry=registry,
        )
        self.delivery_seconds = Histogram(
            "pantau_escalation_delivery_seconds",
            "Escalation created to acknowledged by the receiver.",
            buckets=DELIVERY_BUCKETS,
            registry=registry,
        )
        self.backlog = Gauge(
            "pantau_escalation_outbox_backlog", "Escalations waiting for delivery (pending).", registry=registry
        )
        self.dead_backlog = Gauge(
            "pantau_escalation_dead_backlog", "Dead-lettered escalations not yet retried.", registry=registry
        )
        self.ledger_entries = Counter(
            "pantau_ledger_entries_total",
            "Stream entries the ledger has recorded (alerts, triage, threshold changes).",
            ["stream"],
            registry=registry,
        )
        self.ledger_errors = Counter(
            "pantau_ledger_errors_total",
            "Ledger failures: 'unreadable' entries are skipped and logged, 'redis' ones retried.",
            ["kind"],
            registry=registry,
        )
        self.triage_verdicts = Counter(
            "pantau_triage_verdicts_total",
            "Staff verdicts on alerts, by alert type: confirmed (incl. escalated) or dismissed; precision's basis.",
            ["type", "verdict"],
            registry=registry,
        )
        self.audit_head = Gauge("pantau_audit_head_seq", "Sequence number of the last audit entry.", registry=registry)
        for reason in REASONS:
            self.created.labels(reason)
        for failure in FAILURES:
            self.failures.labels(failure)
        for alert_type in ALERT_TYPES:
            for verdict in VERDICTS:
                self.triage_verdicts.labels(alert_type, verdict)
