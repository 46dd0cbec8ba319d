"""The inference engine on a tiny random checkpoint: the real transformers code path, offline."""

import json
from pathlib import Path

import pytest

from nlp.serving.engine import Classifier
from nlp.training.tiny import build_tiny_model
from pantau.domain.labels import LABELS
from pantau.errors import ModelError


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_model(tmp_path_factory.mktemp("m") / "tiny")


def test_scores_every_label_in_input_order(tiny: Path) -> None:
    classifier = Classifier(tiny, batch_size=2)
    texts = ["pendek", "teks yang jauh lebih panjang daripada yang lain " * 5, "", "sedang panjangnya"]
    scores = classifier.predict(texts)
    assert len(scores) == 4 and all(set(s) == set(LABELS) for s in scores)
    assert all(0.0 <= v <= 1.0 for s in scores for v in s.values())
    alone = [classifier.predict([t])[0] for t in texts]
    # length bucketing and padding do not change a text's scores
    assert all(abs(a[k] - b[k]) < 1e-5 for a, b in zip(scores, alone, strict=True) for k in LABELS)


def test_version_comes_from_the_checkpoint(tiny: Path) -> None:
    assert Classifier(tiny).version == "tiny-random-seed0"


def test_quantised_model_scores_close_to_the_float_model(tiny: Path) -> None:
    plain, int8 = Classifier(tiny), Classifier(tiny, quantize=True)
    a, b = plain.predict(["ayo coblos nomor dua"])[0], int8.predict(["ayo coblos nomor dua"])[0]
    assert int8.quantized and all(abs(a[k] - b[k]) < 0.05 for k in LABELS)


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no Hugging Face model"):
        Classifier(tmp_path)


def test_model_without_our_labels_is_refused(tiny: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    for path in tiny.iterdir():
        (foreign / path.name).write_bytes(path.read_bytes())
    config = json.loads((foreign / "config.json").read_text())
    config["id2label"] = {str(i): f"LABEL_{i}" for i in range(len(LABELS))}
    config["label2id"] = {f"LABEL_{i}": i for i in range(len(LABELS))}
    (foreign / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError, match="lacks labels"):
        Classifier(foreign)
