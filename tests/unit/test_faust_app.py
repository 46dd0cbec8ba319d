"""`faust -A agents.app worker` finds a Faust app with Pantau's agents, and importing the module does nothing."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import faust
import pytest
from faust.cli.base import find_app

from nlp.training.tiny import build_tiny_model


def test_importing_agents_app_builds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "agents.app", raising=False)
    module = importlib.import_module("agents.app")
    assert "app" not in vars(module) and not module._built
    with pytest.raises(AttributeError):
        _ = module.not_there


def test_faust_finds_the_app_with_the_agents_registered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import streams.topics

    created: list[str] = []
    monkeypatch.setattr(streams.topics, "ensure_topics", lambda bootstrap, *_a, **_k: created.append(bootstrap))
    monkeypatch.setenv("PANTAU_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("PANTAU_MODEL_DIR", str(build_tiny_model(tmp_path / "tiny")))
    monkeypatch.setenv("PANTAU_METRICS_PORT", "0")
    monkeypatch.setenv("PANTAU_CLAIMS_EMBEDDER", "none")
    monkeypatch.setenv("PANTAU_KAFKA_URL", "kafka://127.0.0.1:1")
    monkeypatch.delitem(sys.modules, "agents.app", raising=False)

    app = find_app("agents.app")  # what `faust -A agents.app worker` calls

    assert isinstance(app, faust.App)
    assert "pantau.classify" in app.agents
    assert created == ["127.0.0.1:1"], "the topics are created as `pantau worker` creates them"
    assert find_app("agents.app") is app, "built once"
