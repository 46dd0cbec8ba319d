"""A tiny, randomly initialised classifier in the shipped model's exact format.

For tests and for running the pipeline before a trained model exists: it exercises the real
transformers code path (tokenizer files, safetensors, config with id2label) but its scores mean nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from nlp.training.tokenizer import build_tokenizer
from pantau.domain.labels import LABELS

_SEED_TEXT = (
    "ayo coblos paslon nomor dua demi perubahan kota kita",
    "hoaks beredar vaksin mengandung chip pelacak jangan percaya",
    "selamat pagi warga semoga hari ini lancar",
    "pemilihan kepala daerah kampanye pilkada bawaslu asn netral",
)


def build_tiny_model(out_dir: Path, texts: Iterable[str] = _SEED_TEXT, seed: int = 0) -> Path:
    """Write a random 2-layer BERT classifier with the contract's labels to `out_dir`."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification

    torch.manual_seed(seed)
    tokenizer = build_tokenizer(list(texts))
    config = BertConfig(
        vocab_size=len(tokenizer),  # type: ignore[arg-type]
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=512,
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
        problem_type="multi_label_classification",
    )
    config.pantau_model_version = f"tiny-random-seed{seed}"
    model = BertForSequenceClassification(config)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)  # type: ignore[attr-defined]
    return out_dir
