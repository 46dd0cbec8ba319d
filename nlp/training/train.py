"""`pantau model train`: WordPiece tokenizer → optional masked-LM pre-training → multi-label fine-tuning.

Labels a data set does not annotate are masked out of the loss. Seeded; the best epoch on the validation
split (macro PR-AUC) is kept. Written for 2 CPU cores: small model, length-bucketed batches.
"""

from __future__ import annotations

import json
import logging
import math
import random
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from nlp.serving.normalize import normalize
from nlp.training.augment import augment_political
from nlp.training.data import DEFAULT_DATA_DIR, Example, load_corpus, load_feedback, load_unlabelled
from nlp.training.metrics import macro_pr_auc
from nlp.training.synthetic import synthetic_examples
from pantau.domain.labels import LABELS

log = logging.getLogger(__name__)

# Oversampling per epoch: the political set is small but carries three of the five labels.
SOURCE_REPEATS = {"political": 3, "political-masked": 2, "hoax": 1, "hate": 1, "sara": 1}


@dataclass(frozen=True)
class TrainConfig:
    data_dir: Path = DEFAULT_DATA_DIR
    out_dir: Path = Path("nlp/model")
    from_checkpoint: Path | None = None
    pretrain_epochs: int = 1
    epochs: int = 3
    vocab_size: int = 12_000
    hidden_size: int = 192
    layers: int = 3
    heads: int = 4
    max_length: int = 96
    batch_size: int = 32
    lr: float = 3e-4
    finetune_lr_from_checkpoint: float = 5e-5
    seed: int = 13
    threads: int = 0
    limit: int = 0  # >0: a seeded sample of that many training rows (quick runs and tests)
    synthetic: bool = True  # add nlp/training/synthetic.py's regional-election posts to the training split
    synthetic_count: int = 600
    feedback: Path | None = None  # `pantau feedback export` rows, added to the training split
    pos_weight_cap: float = 1.0  # >1: weight rare labels' positives by sqrt(neg/pos) up to this (1 = off)


def _seed_everything(seed: int) -> None:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _batches(order: list[int], lengths: Sequence[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Length-bucketed batches in random order: sort within chunks, so padding stays small."""
    chunk = batch_size * 50
    batches = []
    for start in range(0, len(order), chunk):
        part = sorted(order[start : start + chunk], key=lambda i: lengths[i])
        batches += [part[i : i + batch_size] for i in range(0, len(part), batch_size)]
    rng.shuffle(batches)
    return batches


def _epoch(encoded: list[list[int]], batch_size: int, rng: random.Random, description: str) -> Any:
    """One epoch's length-bucketed batches behind a progress bar."""
    from tqdm import tqdm

    batches = _batches(list(range(len(encoded))), [len(e) for e in encoded], batch_size, rng)
    return tqdm(batches, desc=description, unit="batch")


def _optimise(loss: Any, model: Any, optimizer: Any, scheduler: Any) -> None:
    import torch

    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    scheduler.step()
    optimizer.zero_grad()


def _schedule(optimizer: Any, total_steps: int) -> Any:
    import torch

    warmup = max(1, int(total_steps * 0.06))

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, total_steps - warmup))))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def pretrain_mlm(model: Any, tokenizer: Any, texts: list[str], cfg: TrainConfig) -> None:
    """Masked-LM on unlabelled and training texts (15% of tokens; 80% [MASK], 10% random, 10% kept)."""
    import torch

    encoded = [tokenizer(t, truncation=True, max_length=cfg.max_length)["input_ids"] for t in texts]
    rng = random.Random(cfg.seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=0.01)
    batches_per_epoch = math.ceil(len(encoded) / cfg.batch_size)
    scheduler = _schedule(optimizer, batches_per_epoch * cfg.pretrain_epochs)
    special = set(tokenizer.all_special_ids)
    model.train()
    for epoch in range(cfg.pretrain_epochs):
        bar = _epoch(encoded, cfg.batch_size, rng, f"pretrain (MLM) epoch {epoch + 1}/{cfg.pretrain_epochs}")
        for batch in bar:
            ids = _pad([encoded[i] for i in batch], tokenizer.pad_token_id)
            labels = ids.clone()
            candidates = ~torch.isin(ids, torch.tensor(sorted(special)))
            chosen = (torch.rand(ids.shape) < 0.15) & candidates
            labels[~chosen] = -100
            roll = torch.rand(ids.shape)
            ids[chosen & (roll < 0.8)] = tokenizer.mask_token_id
            randomise = chosen & (roll >= 0.8) & (roll < 0.9)
            ids[randomise] = torch.randint(len(tokenizer), (int(randomise.sum()),))
            loss = model(input_ids=ids, attention_mask=(ids != tokenizer.pad_token_id).long(), labels=labels).loss
            _optimise(loss, model, optimizer, scheduler)
            bar.set_postfix(loss=f"{loss.item():.3f}")


def _pad(rows: list[list[int]], pad_id: int) -> Any:
    import torch

    width = max(len(r) for r in rows)
    return torch.tensor([r + [pad_id] * (width - len(r)) for r in rows])


def _targets(examples: Sequence[Example]) -> tuple[Any, Any]:
    import torch

    values = [[float(ex.labels[label] or 0) for label in LABELS] for ex in examples]
    known = [[float(ex.labels[label] is not None) for label in LABELS] for ex in examples]
    return torch.tensor(values), torch.tensor(known)


def predict_scores(
    model: Any, tokenizer: Any, texts: list[str], max_length: int, batch_size: int = 128
) -> list[list[float]]:
    import torch

    model.eval()
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out: list[list[float]] = [[] for _ in texts]
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            enc = tokenizer(
                [texts[i] for i in chunk], truncation=True, max_length=max_length, padding=True, return_tensors="pt"
            )
            probs = torch.sigmoid(model(**enc).logits).tolist()
            for i, row in zip(chunk, probs, strict=True):
                out[i] = row
    model.train()
    return out


def positive_weights(values: Any, known: Any, cap: float = 5.0) -> Any:
    """sqrt(negatives / positives) per label, capped: rare labels (87 `attack` positives) are learnt at all,
    without inflating their scores as much as the full ratio would."""
    import torch

    positives = (values * known).sum(0)
    negatives = ((1 - values) * known).sum(0)
    return torch.sqrt(negatives / positives.clamp(min=1)).clamp(min=1.0, max=cap)


def finetune(
    model: Any, tokenizer: Any, train: list[Example], val: list[Example], cfg: TrainConfig, lr: float
) -> dict[str, Any]:
    """Masked BCE fine-tuning; returns the validation history and restores the best epoch's weights."""
    import copy

    import torch

    rng = random.Random(cfg.seed)
    train = (
        augment_political(train, cfg.seed)
        + (synthetic_examples(cfg.synthetic_count, seed=cfg.seed) if cfg.synthetic else [])
        + (load_feedback(cfg.feedback) if cfg.feedback else [])
    )
    expanded = [ex for ex in train for _ in range(SOURCE_REPEATS.get(ex.source, 1))]
    texts = [normalize(ex.text) for ex in expanded]
    encoded = [tokenizer(t, truncation=True, max_length=cfg.max_length)["input_ids"] for t in texts]
    values, known = _targets(expanded)
    val_texts = [normalize(ex.text) for ex in val]
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    scheduler = _schedule(optimizer, math.ceil(len(encoded) / cfg.batch_size) * cfg.epochs)
    loss_fn = torch.nn.BCEWithLogitsLoss(
        reduction="none", pos_weight=positive_weights(values, known, cfg.pos_weight_cap)
    )
    best: tuple[float, dict[str, Any] | None] = (-1.0, None)
    history = []
    model.train()
    for epoch in range(cfg.epochs):
        bar = _epoch(encoded, cfg.batch_size, rng, f"fine-tune epoch {epoch + 1}/{cfg.epochs}")
        for batch in bar:
            ids = _pad([encoded[i] for i in batch], tokenizer.pad_token_id)
            logits = model(input_ids=ids, attention_mask=(ids != tokenizer.pad_token_id).long()).logits
            mask = known[batch]
            loss = (loss_fn(logits, values[batch]) * mask).sum() / mask.sum().clamp(min=1)
            _optimise(loss, model, optimizer, scheduler)
            bar.set_postfix(loss=f"{loss.item():.3f}")
        scores = predict_scores(model, tokenizer, val_texts, cfg.max_length)
        score = macro_pr_auc(val, scores)
        history.append({"epoch": epoch + 1, "val_macro_pr_auc": round(score, 4)})
        log.info("epoch %d: validation macro PR-AUC %.4f", epoch + 1, score)
        if score > best[0]:
            best = (score, copy.deepcopy(model.state_dict()))
    if best[1] is not None:
        model.load_state_dict(best[1])
    return {"history": history, "best_val_macro_pr_auc": round(best[0], 4)}


def _new_model(tokenizer: Any, cfg: TrainConfig) -> tuple[Any, Any]:
    from transformers import BertConfig, BertForMaskedLM, BertForSequenceClassification

    config = BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=cfg.hidden_size,
        num_hidden_layers=cfg.layers,
        num_attention_heads=cfg.heads,
        intermediate_size=cfg.hidden_size * 2,
        max_position_embeddings=256,
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
        problem_type="multi_label_classification",
        pad_token_id=tokenizer.pad_token_id,
    )
    return BertForSequenceClassification(config), BertForMaskedLM(config)


def _from_checkpoint(path: Path) -> tuple[Any, Any]:
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(
        path,
        local_files_only=True,
        num_labels=len(LABELS),
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
        problem_type="multi_label_classification",
        ignore_mismatched_sizes=True,
    )
    return tokenizer, model


def train(cfg: TrainConfig) -> dict[str, Any]:
    """Train and save a model directory; returns the training report (also saved as training.json)."""
    import torch

    from nlp.training.tokenizer import build_tokenizer

    started = time.time()
    _seed_everything(cfg.seed)
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    corpus = load_corpus(cfg.data_dir, seed=cfg.seed)
    train_set = [ex for ex in corpus if ex.split == "train"]
    val_set = [ex for ex in corpus if ex.split == "val"]
    if cfg.limit:
        sampler = random.Random(cfg.seed)
        train_set = sampler.sample(train_set, min(cfg.limit, len(train_set)))
        val_set = sampler.sample(val_set, min(max(cfg.limit // 4, 200), len(val_set)))
    report: dict[str, Any] = {
        "config": {k: str(v) for k, v in asdict(cfg).items()},
        "examples": {s: sum(ex.split == s for ex in corpus) for s in ("train", "val", "test")},
    }
    if cfg.from_checkpoint:
        tokenizer, model = _from_checkpoint(cfg.from_checkpoint)
        lr = cfg.finetune_lr_from_checkpoint
    else:
        unlabelled = load_unlabelled(cfg.data_dir) if cfg.pretrain_epochs else []
        tokenizer = build_tokenizer([ex.text for ex in train_set] + unlabelled, vocab_size=cfg.vocab_size)
        model, mlm = _new_model(tokenizer, cfg)
        if cfg.pretrain_epochs:
            pretrain_mlm(mlm, tokenizer, [normalize(t) for t in unlabelled + [ex.text for ex in train_set]], cfg)
            model.bert.load_state_dict(mlm.bert.state_dict(), strict=False)
        lr = cfg.lr
    report["finetune"] = finetune(model, tokenizer, train_set, val_set, cfg, lr)
    version = f"pantau-bert-{time.strftime('%Y%m%d')}-s{cfg.seed}"
    model.config.pantau_model_version = version
    model.config.pantau_max_length = cfg.max_length
    cfg.out_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(cfg.out_dir)
    tokenizer.save_pretrained(cfg.out_dir)
    report.update(version=version, seconds=round(time.time() - started, 1))
    (cfg.out_dir / "training.json").write_text(json.dumps(report, indent=2) + "\n")
    return report
