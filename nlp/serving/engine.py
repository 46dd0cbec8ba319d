"""The inference engine the agents use: a Hugging Face sequence classifier, batched and length-bucketed.

Thresholds are not the model's business: it returns independent per-label probabilities (sigmoid), blended
with the model directory's n-gram scorer when it has one (nlp/serving/sparse.py).
"""

from __future__ import annotations

import hashlib
import logging
import os
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from nlp.serving.normalize import normalize
from nlp.serving.sparse import SparseScorer
from pantau.domain.labels import LABELS, Scores
from pantau.errors import InferenceError, ModelError

log = logging.getLogger(__name__)

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # there is no model hub: never try one
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


def model_version(model_dir: Path, declared: str | None) -> str:
    """The declared version, else the directory name with a digest of the weights."""
    if declared:
        return declared
    weights = sorted(model_dir.glob("*.safetensors")) or sorted(model_dir.glob("*.bin"))
    digest = hashlib.sha256()
    for path in weights:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    return f"{model_dir.name}-{digest.hexdigest()[:12]}"


def _load_model(model_dir: Path, auto: Any) -> Any:
    """A mean-pooled encoder (teacher, student) or any Hugging Face sequence classifier."""
    from transformers import AutoConfig

    from nlp.serving.pooled import MeanPoolClassifier, is_mean_pooled

    if is_mean_pooled(AutoConfig.from_pretrained(model_dir, local_files_only=True)):
        return MeanPoolClassifier.from_pretrained(model_dir, local_files_only=True)
    return auto.from_pretrained(model_dir, local_files_only=True)


class Classifier:
    """Scores texts on every contract label; load once per process, call from one thread at a time."""

    def __init__(
        self,
        model_dir: Path,
        *,
        device: str = "cpu",
        max_length: int = 128,
        batch_size: int = 32,
        torch_threads: int = 0,
        quantize: bool = False,
        ngrams: bool = True,
    ) -> None:
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        model_dir = Path(model_dir)
        if not (model_dir / "config.json").is_file():
            raise ModelError(
                f"no Hugging Face model at {model_dir} (config.json missing); "
                "set PANTAU_MODEL_DIR to a model directory, or build one with `pantau model train`"
            )
        if torch_threads > 0:
            torch.set_num_threads(torch_threads)
        try:
            self._tokenizer = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
            self._model = _load_model(model_dir, AutoModelForSequenceClassification)
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot load the model at {model_dir}: {exc}") from exc
        config = self._model.config
        id2label = {int(i): str(name) for i, name in config.id2label.items()}
        missing = [label for label in LABELS if label not in id2label.values()]
        if missing:
            raise ModelError(
                f"the model at {model_dir} lacks labels {missing}; its id2label is {id2label}. "
                f"A Pantau model must name all of {list(LABELS)}."
            )
        self._index = {name: i for i, name in id2label.items() if name in LABELS}
        self._torch = torch
        self._device = torch.device(device)
        self._model.to(self._device).eval()
        if quantize:
            if self._device.type != "cpu":
                raise ModelError("int8 dynamic quantisation runs on the CPU only; unset PANTAU_QUANTIZE or use cpu")
            with warnings.catch_warnings():  # deprecated for torchao, still supported by the pinned torch 2.13
                warnings.simplefilter("ignore")
                self._model = torch.ao.quantization.quantize_dynamic(self._model, {torch.nn.Linear}, dtype=torch.qint8)
        self.quantized = quantize
        self.model_dir = model_dir
        # Position embeddings beyond the training length were never trained: never read past them.
        self.max_length = min(max_length, getattr(config, "pantau_max_length", None) or max_length)
        self.batch_size = batch_size
        self.version = model_version(model_dir, getattr(config, "pantau_model_version", None))
        try:
            self._sparse = SparseScorer.load(model_dir) if ngrams else None
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"cannot load the n-gram part of the model at {model_dir}: {exc}") from exc
        if self._sparse is not None:  # another blend is another scorer: its alerts must say so
            self.version = f"{self.version}+ngrams-{self._sparse.digest()}"
        log.info("model %s loaded from %s on %s", self.version, model_dir, device)

    def predict(self, texts: Sequence[str]) -> list[Scores]:
        """Per-label probabilities for each text, in input order."""
        if not texts:
            return []
        prepared = [normalize(t) for t in texts]
        # Length bucketing: neighbours in a batch pad to similar lengths, so less padding is computed.
        order = sorted(range(len(prepared)), key=lambda i: len(prepared[i]))
        results: list[Scores] = [{} for _ in prepared]
        try:
            for start in range(0, len(order), self.batch_size):
                chunk = order[start : start + self.batch_size]
                probabilities = self._forward([prepared[i] for i in chunk])
                if self._sparse is not None:
                    probabilities = self._blend([texts[i] for i in chunk], probabilities)
                for row, i in zip(probabilities, chunk, strict=True):
                    results[i] = {label: float(row[j]) for label, j in self._index.items()}
        except Exception as exc:
            raise InferenceError(f"inference failed on a batch of {len(texts)}: {exc}") from exc
        return results

    def _blend(self, texts: list[str], rows: list[list[float]]) -> list[list[float]]:
        """The n-gram scorer's probabilities blended in, in the model's own label order."""
        assert self._sparse is not None
        order = [self._index[label] for label in LABELS]
        student = np.asarray(rows, dtype=np.float32)
        blended = self._sparse.blend_rows(texts, student[:, order])
        out = student.copy()
        out[:, order] = blended
        result: list[list[float]] = out.tolist()
        return result

    def _forward(self, texts: list[str]) -> list[list[float]]:
        encoded = self._tokenizer(texts, truncation=True, max_length=self.max_length, padding=True, return_tensors="pt")
        encoded = {k: v.to(self._device) for k, v in encoded.items()}
        with self._torch.inference_mode():
            logits = self._model(**encoded).logits
        result: list[list[float]] = self._torch.sigmoid(logits).float().cpu().tolist()
        return result
