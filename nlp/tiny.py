"""A tiny, randomly initialised classifier in the shipped model's exact format.

For tests and for running the pipeline before a trained model exists: it exercises the real
transformers code path (tokenizer files, safetensors, config with id2label) but its scores mean nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from nlp.normalize import normalize
from pantau.labels import LABELS

SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
_SEED_TEXT = (
    "ayo coblos paslon nomor dua demi perubahan kota kita",
    "hoaks beredar vaksin mengandung chip pelacak jangan percaya",
    "selamat pagi warga semoga hari ini lancar",
    "pemilihan kepala daerah kampanye pilkada bawaslu asn netral",
)


def build_tokenizer(texts: Iterable[str], vocab_size: int = 2000) -> object:
    """A BERT-style WordPiece tokenizer trained on the given texts."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tokenizer = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True, clean_text=True, strip_accents=False)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.decoder = decoders.WordPiece()
    trainer = trainers.WordPieceTrainer(vocab_size=vocab_size, special_tokens=SPECIAL_TOKENS, min_frequency=1)
    tokenizer.train_from_iterator((normalize(t) for t in texts), trainer=trainer)
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B [SEP]",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)],
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizer,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
        model_max_length=512,
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
