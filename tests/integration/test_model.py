"""Training, scoring and evaluation through the CLI, on the real data sets in ../shared/datasets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nlp.training.data import DEFAULT_DATA_DIR
from nlp.training.tiny import build_tiny_model
from pantau.domain.labels import LABELS
from pantau.settings import SHIPPED_MODEL_DIR

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not DEFAULT_DATA_DIR.is_dir(), reason="needs ../shared/datasets beside the checkout"),
]


def pantau(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PANTAU_")}
    return subprocess.run(
        [sys.executable, "-m", "pantau", *args], env={**clean, **env}, capture_output=True, text=True, timeout=600
    )


def test_a_stronger_checkpoint_drops_in_and_fine_tunes(tmp_path: Path) -> None:
    """--from: any local HF checkpoint with our labels is fine-tuned, then served through PANTAU_MODEL_DIR."""
    base = build_tiny_model(tmp_path / "checkpoint", seed=7)
    out = tmp_path / "tuned"
    result = pantau("model", "train", "--from", str(base), "--out", str(out), "--epochs", "1", "--limit", "400")
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((out / "training.json").read_text())
    assert report["config"]["from_checkpoint"] == str(base) and len(report["finetune"]["history"]) == 1

    lines = tmp_path / "in.jsonl"
    lines.write_text('{"id": 1, "text": "ayo coblos nomor 2"}\n{"id": "b", "text": "selamat pagi"}\n')
    scored = pantau("model", "score", str(lines), PANTAU_MODEL_DIR=str(out))
    assert scored.returncode == 0, scored.stderr[-3000:]
    rows = [json.loads(line) for line in scored.stdout.splitlines()]
    assert [r["id"] for r in rows] == [1, "b"] and all(set(r["scores"]) == set(LABELS) for r in rows)


@pytest.mark.skipif(not (SHIPPED_MODEL_DIR / "config.json").is_file(), reason="no shipped model yet")
@pytest.mark.timeout(900)
def test_eval_reproduces_the_model_card_numbers(tmp_path: Path) -> None:
    """The card's table comes from eval.json; a fresh `pantau model eval` gives the same figures for every
    system that does not need a locally trained teacher (baseline, previous model, student)."""
    recorded = json.loads((SHIPPED_MODEL_DIR / "eval.json").read_text())
    result = pantau("model", "eval", "--json", str(tmp_path / "eval.json"), PANTAU_TEACHER_DIR=str(tmp_path / "none"))
    assert result.returncode == 0, result.stderr[-3000:]
    fresh = json.loads((tmp_path / "eval.json").read_text())
    assert fresh["thresholds"]["student"] == recorded["thresholds"]["student"]
    for set_name, body in recorded["sets"].items():
        for system in ("baseline", "previous", "student"):
            for label, old in body[system]["labels"].items():
                new = fresh["sets"][set_name][system]["labels"][label]
                for metric in ("precision", "recall", "f1", "roc_auc", "pr_auc"):
                    assert new[metric] == pytest.approx(old[metric], abs=2e-3), (set_name, system, label, metric)
    card = (SHIPPED_MODEL_DIR / "MODEL_CARD.md").read_text()
    in_domain = fresh["sets"]["in-domain test split"]
    assert f"**{in_domain['student']['macro_pr_auc']:.3f}**" in card
