"""Assembles one worker process: model, metrics endpoint, Redis and dead-letter sinks, Faust agent."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from prometheus_client import CollectorRegistry

from pantau.claims.embed import load_embedder
from pantau.domain.labels import LABELS
from pantau.domain.reference import ReferenceCache
from pantau.domain.thresholds import thresholds_in_force
from pantau.runtime.exposition import serve_metrics
from pantau.runtime.metrics import WorkerMetrics
from pantau.runtime.observer import MetricsObserver
from pantau.runtime.pipeline import BatchProcessor, Model, PipelineConfig, Sinks
from pantau.runtime.reachable import require_kafka, require_redis
from pantau.settings import Settings

log = logging.getLogger(__name__)


def with_teacher(student: Any, settings: Settings, thresholds: Any, observer: MetricsObserver) -> Any:
    """The student in front of the teacher (nlp/serving/cascade.py): the teacher re-scores the doubtful texts."""
    from nlp.serving.cascade import Cascade, CascadePolicy
    from nlp.serving.engine import Classifier

    assert settings.teacher_dir is not None
    teacher = Classifier(settings.teacher_dir, device=settings.device, batch_size=settings.inference_batch_size)
    policy = CascadePolicy(band=settings.cascade_band, max_per_batch=settings.cascade_max_per_batch)
    log.info("cascade: teacher %s re-scores texts within %.2f of a threshold", teacher.version, policy.band)
    return Cascade(student, teacher, thresholds, policy, observer=observer)


def run_worker(settings: Settings, *, loglevel: str = "info") -> None:
    """Run one worker until SIGINT/SIGTERM. Blocks."""
    import faust

    from pantau.runtime.logformat import faust_logging_config

    # Services first: with the broker down, one line that says `pantau dev up`, not a model load followed
    # by a screenful of client retries.
    require_kafka(settings.kafka_bootstrap)
    require_redis(settings.redis_url.get_secret_value())
    logging_config = faust_logging_config(settings.log_format, loglevel)
    faust.Worker(
        assemble(settings), loglevel=loglevel, quiet=True, logging_config=logging_config
    ).execute_from_commandline()


def assemble(settings: Settings) -> Any:
    """Everything of a worker but running it: the model loaded, the metrics endpoint up, the topics there,
    and the Faust app with its agents registered (also `faust -A agents.app worker`, see agents/app.py)."""
    from agents.classify import register_classify_agent, track_assignment
    from agents.lag import Positions, register_lag_gauge
    from agents.reference import register_reference_refresh
    from nlp.serving.engine import Classifier
    from pantau.stores.alerts import RedisAlertSink
    from pantau.stores.claims import ClaimStore
    from pantau.stores.client import connect
    from pantau.stores.reports import ReportCases, ReportStore
    from pantau.stores.scores import ScoreStore
    from streams.app import create_app, input_topic
    from streams.deadletters import FaustDeadLetterWriter
    from streams.security import kafka_python_options
    from streams.sensors import FaustMonitorCollector
    from streams.topics import ensure_topics

    # Load the model before joining the consumer group: a slow load must not hold partitions hostage.
    classifier = Classifier(
        settings.model_dir,
        device=settings.device,
        max_length=settings.max_length,
        batch_size=settings.inference_batch_size,
        torch_threads=settings.torch_threads,
        quantize=settings.quantize,
    )
    registry = CollectorRegistry()
    metrics = WorkerMetrics(registry)
    observer = MetricsObserver(metrics)
    metrics.model.info({"version": classifier.version, "device": settings.device, "labels": ",".join(LABELS)})
    labels_configured = settings.thresholds_configured
    reference = ReferenceCache(defaults=thresholds_in_force(settings.thresholds, labels_configured=labels_configured))
    reference.claims_embedder = load_embedder(settings.claims_embedder)
    if settings.teacher_dir is not None:
        classifier = with_teacher(classifier, settings, lambda: reference.thresholds, observer)
    port = serve_metrics(registry, settings.metrics_host, settings.metrics_port)
    print(f"pantau worker: metrics on http://{settings.metrics_host}:{port}/metrics", flush=True)

    ensure_topics(settings.kafka_bootstrap, settings.topic_partitions, client_options=kafka_python_options(settings))
    app = create_app(settings)
    client: Any = connect(settings.redis_url.get_secret_value())
    sink = RedisAlertSink(
        client,
        ttl_s=settings.alert_ttl_s,
        stream_maxlen=settings.alert_stream_maxlen,
        repeat_window_s=settings.repeat_window_s,
    )
    processor = BatchProcessor(
        model=Model(classifier, ThreadPoolExecutor(max_workers=1, thread_name_prefix="pantau-inference")),
        sinks=Sinks(
            alerts=sink,
            dead_letters=FaustDeadLetterWriter(app),
            scores=ScoreStore(client, retention_s=settings.score_retention_s),
            claim_hits=ClaimStore(client),
            reports=ReportCases(
                ReportStore(client, retention_s=settings.reports_retention_days * 86400),
                excerpt_chars=settings.excerpt_chars,
                alert_ttl_s=settings.alert_ttl_s,
                stream_maxlen=settings.alert_stream_maxlen,
            ),
        ),
        reference=reference,
        observer=observer,
        config=PipelineConfig(
            max_payload_bytes=settings.max_payload_bytes,
            excerpt_chars=settings.excerpt_chars,
            retry_max_delay_s=settings.redis_retry_max_s,
        ),
    )
    first_load = register_reference_refresh(app, reference, client, metrics, interval_s=settings.reference_refresh_s)
    positions = Positions()
    register_classify_agent(
        app,
        input_topic(app),
        processor,
        batch_size=settings.batch_size,
        within_s=settings.batch_within_s,
        before_first_batch=first_load,
        positions=positions,
    )
    track_assignment(app, metrics)
    register_lag_gauge(app, metrics, positions, interval_s=5.0)
    registry.register(FaustMonitorCollector(lambda: app.monitor))
    return app
