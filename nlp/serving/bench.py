"""Model throughput on the bundled sample texts (real post lengths), at several batch sizes."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

from nlp.serving.engine import Classifier
from pantau.samples import DEMO_EVENTS


def sample_texts(count: int) -> list[str]:
    texts = []
    for line in DEMO_EVENTS.read_bytes().splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        text = event.get("text") or (event.get("target") or {}).get("text")
        if isinstance(text, str) and text:
            texts.append(text)
    return [texts[i % len(texts)] for i in range(count)]


def run_benchmark(
    model_dir: Path,
    *,
    texts: int = 512,
    quantize: bool = False,
    threads: int = 0,
    batch_sizes: tuple[int, ...] = (1, 8, 32, 64),
) -> Iterator[str]:
    corpus = sample_texts(texts)
    for batch_size in batch_sizes:
        classifier = Classifier(model_dir, batch_size=batch_size, quantize=quantize, torch_threads=threads)
        classifier.predict(corpus[:batch_size])  # warm-up
        started = time.perf_counter()
        for start in range(0, len(corpus), batch_size):
            classifier.predict(corpus[start : start + batch_size])
        elapsed = time.perf_counter() - started
        yield (
            f"batch {batch_size:3d}: {len(corpus) / elapsed:8.1f} sequences/s "
            f"({elapsed / len(corpus) * 1000:.2f} ms each, {classifier.version}{', int8' if quantize else ''})"
        )


def run_cascade_benchmark(
    model_dir: Path, teacher_dir: Path, thresholds: dict[str, float], *, texts: int = 512, band: float = 0.1
) -> Iterator[str]:
    """Student alone, teacher alone and the cascade at batch 64 on the same texts."""
    from nlp.serving.cascade import Cascade, CascadePolicy

    corpus = sample_texts(texts)
    student, teacher = Classifier(model_dir, batch_size=64), Classifier(teacher_dir, batch_size=64)
    escalated: list[int] = []

    class Count:
        def cascade(self, scored: int, n: int, skipped: int, seconds: float) -> None:
            escalated.append(n)

    cascade = Cascade(student, teacher, lambda: thresholds, CascadePolicy(band=band), observer=Count())
    for name, scorer in (("student", student), ("teacher", teacher), ("cascade", cascade)):
        scorer.predict(corpus[:64])  # warm-up
        escalated.clear()
        started = time.perf_counter()
        for start in range(0, len(corpus), 64):
            scorer.predict(corpus[start : start + 64])
        elapsed = time.perf_counter() - started
        share = f", {sum(escalated) / len(corpus):.0%} escalated" if name == "cascade" else ""
        yield f"{name:8s} batch 64: {len(corpus) / elapsed:8.1f} sequences/s{share}"
