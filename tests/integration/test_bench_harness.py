"""`pantau bench`'s pipeline run on real services, small: every event comes back once, figures are filled in."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.serving.bench import sample_texts
from pantau.bench.run import BenchOptions, pipeline

from .conftest import Stack

pytestmark = pytest.mark.integration


def test_a_pipeline_run_accounts_for_every_event(stack: Stack) -> None:
    options = BenchOptions(model_dir=stack.model_dir, events=120, partitions=2, batch_size=32)
    result = pipeline(options, sample_texts(120), name="small", rate=200.0, say=lambda _line: None)
    assert result["events"] == result["accounted"] == 120
    assert result["lost"] == 0 and result["duplicates"] == 0
    assert result["events_per_s"] > 0 and 0 < result["p50_s"] <= result["p99_s"]
    assert set(result["cpu_seconds"]) == {"workers", "broker", "redis", "load_generator", "machine"}
    assert result["profile"][0]["batches"] >= 1 and len(result["points"]) == 120
    assert Path(options.model_dir).exists()
