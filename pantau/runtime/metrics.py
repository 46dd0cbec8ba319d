"""Prometheus metrics of a worker. The registry is passed in; labels never carry ids or names."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info, disable_created_metrics

from pantau.domain.deadletter import PROCESSING_REASONS
from pantau.domain.events import REASONS
from pantau.domain.labels import LABELS

# `*_created` series double the exposition size and no dashboard here uses them.
disable_created_metrics()

OUTCOMES = ("alert", "benign", "rejected")
BATCH_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512)
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2.5, 5, 10, 30, 60, 300)
AGE_BUCKETS = (1, 5, 15, 60, 300, 900, 3600, 6 * 3600, 86400, 7 * 86400, 30 * 86400, 365 * 86400)
# Fine near the top, where thresholds live.
SCORE_BUCKETS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.925, 0.95, 0.975, 0.99, 1.0)


class WorkerMetrics:
    """All series a worker exports, created on the given registry."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.events_consumed = Counter(
            "pantau_events_consumed_total", "Input messages taken from Kafka.", registry=registry
        )
        self.events_valid = Counter(
            "pantau_events_valid_total", "Input messages that passed validation.", registry=registry
        )
        self.events_rejected = Counter(
            "pantau_events_rejected_total",
            "Input messages sent to the dead-letter topic, by reason.",
            ["reason"],
            registry=registry,
        )
        self.events = Counter(
            "pantau_events_total",
            "Consumed events by final outcome; each event is counted once.",
            ["outcome"],
            registry=registry,
        )
        self.batch_size = Histogram(
            "pantau_batch_size", "Events per micro-batch.", buckets=BATCH_BUCKETS, registry=registry
        )
        self.inference_seconds = Histogram(
            "pantau_inference_seconds",
            "Model time per micro-batch (all texts of the batch).",
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.batch_seconds = Histogram(
            "pantau_batch_seconds",
            "Wall time to process one micro-batch, validation to acknowledgement.",
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.end_to_end_seconds = Histogram(
            "pantau_end_to_end_seconds",
            "Kafka message timestamp to alert written in Redis.",
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.event_age_seconds = Histogram(
            "pantau_event_age_seconds",
            "Event created_at to alert written in Redis (includes delay before the event reached Kafka).",
            buckets=AGE_BUCKETS,
            registry=registry,
        )
        self.alerts = Counter(
            "pantau_alerts_total",
            "Alerts written; a duplicate suppressed by idempotence is not counted.",
            ["type", "severity"],
            registry=registry,
        )
        self.alerts_duplicate = Counter(
            "pantau_alerts_duplicate_total",
            "Alerts not written because the same alert id already existed (redelivery).",
            registry=registry,
        )
        self.report_cases = Counter(
            "pantau_report_cases_total",
            "Citizen reports processed: outcome new (raised a citizen_report alert), attached (joined the alert "
            "on the same account and content) or duplicate (redelivered, changed nothing).",
            ["outcome"],
            registry=registry,
        )
        self.alert_repeats = Counter(
            "pantau_alert_repeats_total",
            "Events that repeated an existing alert (same account, same content): its occurrence count rose.",
            registry=registry,
        )
        self.campaign_activity = Counter(
            "pantau_campaign_activity_total",
            "Partisan acts by accounts not bound to neutrality: counted, never alerted.",
            ["stance", "phase"],
            registry=registry,
        )
        self.reference_refresh_errors = Counter(
            "pantau_reference_refresh_errors_total",
            "Failed refreshes of roster, candidates or thresholds (the last good copy stays in use).",
            registry=registry,
        )
        self.redis_errors = Counter(
            "pantau_redis_errors_total",
            "Failed Redis operations (each retried).",
            ["operation"],
            registry=registry,
        )
        self.dlq_errors = Counter(
            "pantau_dlq_errors_total", "Failed dead-letter publishes (each retried).", registry=registry
        )
        self.scores = Histogram(
            "pantau_score",
            "Model score per scored text.",
            ["label"],
            buckets=SCORE_BUCKETS,
            registry=registry,
        )
        self.assigned_partitions = Gauge(
            "pantau_assigned_partitions", "Input partitions this worker consumes (0 until it joins).", registry=registry
        )
        self.threshold = Gauge("pantau_threshold", "Threshold in force.", ["label"], registry=registry)
        self.alerts_by_region = Counter(
            "pantau_alerts_by_region_total",
            "Alerts written, by type and region (regions of the configured contests; any other is 'other').",
            ["type", "region"],
            registry=registry,
        )
        self.stage_seconds = Histogram(
            "pantau_stage_seconds",
            "Time per micro-batch in each pipeline stage.",
            ["stage"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.consumer_lag = Gauge(
            "pantau_consumer_lag",
            "Messages behind the high watermark, per input partition held by this worker.",
            ["partition"],
            registry=registry,
        )
        self.model = Info("pantau_model", "The classifier in use.", registry=registry)
        self.cascade_texts = Counter(
            "pantau_cascade_texts_total",
            "Texts the student scored, by what the cascade did next: kept (student's scores), escalated "
            "(re-scored by the teacher), skipped (doubtful but over the per-batch cap).",
            ["outcome"],
            registry=registry,
        )
        self.cascade_seconds = Histogram(
            "pantau_cascade_teacher_seconds",
            "Teacher time per micro-batch that escalated texts.",
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        for outcome in OUTCOMES:
            self.events.labels(outcome)
        for reason in (*REASONS, *PROCESSING_REASONS):
            self.events_rejected.labels(reason)
        # Children looked up once: labels() per observation cost ~10% of the event loop's time.
        self.score_by_label = {label: self.scores.labels(label) for label in LABELS}
