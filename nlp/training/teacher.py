"""`pantau model train-teacher`: fine-tune the imported e5 encoder on the five labels.

Masked multi-label BCE as for the scratch model, with a mean-pooled head. Sized for 2 CPU cores: sequences
of at most 64 pieces, bf16 autocast, the word embeddings (96 M parameters, mostly never touched) and the
lowest layers frozen, and a checkpoint every `checkpoint_every` steps so that a stopped run resumes where it
was. A GPU is used when there is one.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from nlp.serving.normalize import normalize
from nlp.training.augment import _NAMES, augment_political, silver_hoax_negatives
from nlp.training.data import DEFAULT_DATA_DIR, Example, assign_splits, load_corpus, merge_duplicates
from nlp.training.sources import load_everyday_negatives, load_everyday_tweets, load_komdigi, load_turnbackhoax
from nlp.training.synthetic import synthetic_examples
from nlp.training.train import _pad, _schedule, _targets, positive_weights
from pantau.domain.labels import ENDORSEMENT, HATE_SARA, LABELS

log = logging.getLogger(__name__)

PLACEHOLDER = "paslon"  # what the worker writes in place of a pair's names before scoring (stance masking)
SOURCE_REPEATS = {"political": 2, "political-masked": 1, "political-placeholder": 1}


@dataclass(frozen=True)
class TeacherConfig:
    encoder_dir: Path = Path(".pantau/encoder")
    out_dir: Path = Path(".pantau/teacher")
    data_dir: Path = DEFAULT_DATA_DIR
    max_length: int = 64
    batch_size: int = 32
    epochs: int = 1
    lr: float = 6e-5
    head_lr: float = 1e-3
    frozen_layers: int = 4
    seed: int = 13
    threads: int = 0
    limit: int = 0
    checkpoint_every: int = 100
    pos_weight_cap: float = 3.0


def placeholder_copies(train: list[Example]) -> list[Example]:
    """Political rows with the 2024 names replaced by the placeholder the worker uses for any pair."""
    out = []
    for ex in train:
        if ex.source == "political" and _NAMES.search(ex.text.lower()):
            out.append(replace(ex, text=_NAMES.sub(PLACEHOLDER, ex.text.lower()), source="political-placeholder"))
    return out


def campaign_not_sara(examples: list[Example]) -> list[Example]:
    """Support for a contestant is never SARA hate by itself: endorsement rows become `hate_sara = 0`
    (the demo's "Ayo coblos nomor 1!" alerts were this confusion)."""
    return [
        replace(ex, labels={**ex.labels, HATE_SARA: 0})
        if ex.labels[ENDORSEMENT] == 1 and ex.labels[HATE_SARA] is None
        else ex
        for ex in examples
    ]


def teacher_corpus(data_dir: Path, seed: int = 13) -> list[Example]:
    """The scratch model's corpus and split, plus the second batch's training sources split the same way."""
    base = load_corpus(data_dir, seed=seed)
    extra = load_turnbackhoax(data_dir, later=False) + load_komdigi(data_dir) + load_everyday_negatives(data_dir)
    extra += load_everyday_tweets(data_dir)
    return campaign_not_sara(base + silver_hoax_negatives(assign_splits(merge_duplicates(extra), seed=seed)))


def training_rows(corpus: list[Example], seed: int) -> list[Example]:
    train = [ex for ex in corpus if ex.split == "train"]
    train = augment_political(train, seed) + placeholder_copies(train) + synthetic_examples(600, seed=seed)
    return [ex for ex in train for _ in range(SOURCE_REPEATS.get(ex.source, 1))]


def _device() -> str:
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def load_student_ready(path: Path) -> tuple[Any, Any]:
    """(tokenizer, MeanPoolClassifier) from a teacher or student directory."""
    from transformers import AutoTokenizer

    from nlp.serving.pooled import MeanPoolClassifier

    return AutoTokenizer.from_pretrained(path, local_files_only=True), MeanPoolClassifier.from_pretrained(path)


def _initial_model(cfg: TeacherConfig, texts: list[str]) -> tuple[Any, Any]:
    """e5 with a fresh head and its vocabulary trimmed to the pieces the training and serving text uses."""
    from transformers import AutoTokenizer, BertConfig, BertModel

    from nlp.serving.pooled import MeanPoolClassifier
    from nlp.training.vocab_trim import trim

    tokenizer = AutoTokenizer.from_pretrained(cfg.encoder_dir, local_files_only=True)
    encoder = BertModel.from_pretrained(cfg.encoder_dir, add_pooling_layer=False)
    tokenizer, rows, keep = trim(tokenizer, encoder.embeddings.word_embeddings.weight.data, texts)
    config = BertConfig.from_pretrained(cfg.encoder_dir)
    config.vocab_size = len(keep)
    config.pad_token_id = tokenizer.pad_token_id
    config.num_labels = len(LABELS)
    config.id2label = dict(enumerate(LABELS))
    config.label2id = {label: i for i, label in enumerate(LABELS)}
    config.problem_type = "multi_label_classification"
    model = MeanPoolClassifier(config)
    state = {k: v for k, v in encoder.state_dict().items() if not k.startswith("embeddings.word_embeddings")}
    model.bert.load_state_dict(state, strict=False)
    model.bert.embeddings.word_embeddings.weight.data.copy_(rows)
    log.info("vocabulary trimmed from %d to %d pieces", encoder.config.vocab_size, len(keep))
    return tokenizer, model


def _freeze(model: Any, layers: int) -> None:
    for p in model.bert.embeddings.word_embeddings.parameters():
        p.requires_grad = False
    for layer in model.bert.encoder.layer[:layers]:
        for p in layer.parameters():
            p.requires_grad = False


def _predict(model: Any, tokenizer: Any, texts: list[str], max_length: int, batch_size: int = 128) -> list[list[float]]:
    import torch
    from tqdm import tqdm

    model.eval()
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out: list[list[float]] = [[] for _ in texts]
    with torch.inference_mode(), torch.autocast(_device(), dtype=torch.bfloat16):
        for start in tqdm(range(0, len(order), batch_size), desc="scoring", unit="batch", mininterval=10):
            chunk = order[start : start + batch_size]
            enc = tokenizer(
                [texts[i] for i in chunk], truncation=True, max_length=max_length, padding=True, return_tensors="pt"
            ).to(_device())
            probs = torch.sigmoid(model(**enc).logits.float()).tolist()
            for i, row in zip(chunk, probs, strict=True):
                out[i] = row
    model.train()
    return out


def train_teacher(cfg: TeacherConfig) -> dict[str, Any]:
    import torch
    from tqdm import tqdm

    from nlp.training.fit import batch_plan, finish, rows_and_validation, seed_and_threads, step
    from nlp.training.sources import distillation_pool

    started = time.time()
    seed_and_threads(cfg.seed, cfg.threads)
    rows, val = rows_and_validation(cfg.data_dir, cfg.seed, cfg.limit)
    texts = [normalize(ex.text) for ex in rows]
    vocab_texts = [*texts, *(normalize(t) for t in distillation_pool(cfg.data_dir))]
    tokenizer, model = _initial_model(cfg, vocab_texts)
    _freeze(model, cfg.frozen_layers)
    device = _device()
    model.to(device).train()
    encoded = [tokenizer(t, truncation=True, max_length=cfg.max_length)["input_ids"] for t in texts]
    values, known = _targets(rows)
    head = [p for n, p in model.named_parameters() if p.requires_grad and n.startswith("classifier")]
    body = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("classifier")]
    optimizer = torch.optim.AdamW(
        [{"params": body, "lr": cfg.lr}, {"params": head, "lr": cfg.head_lr}], weight_decay=0.01
    )
    plan = batch_plan(encoded, cfg.batch_size, cfg.epochs, cfg.seed)
    scheduler = _schedule(optimizer, len(plan))
    loss_fn = torch.nn.BCEWithLogitsLoss(
        reduction="none", pos_weight=positive_weights(values, known, cfg.pos_weight_cap).to(device)
    )
    cfg.out_dir.mkdir(parents=True, exist_ok=True)
    checkpoint = cfg.out_dir / "checkpoint.pt"
    done = 0
    if checkpoint.is_file():
        state = torch.load(checkpoint, map_location=device, weights_only=False)
        model.load_state_dict(state["model"], strict=False)
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
        done = state["step"]
        log.info("resumed at step %d of %d", done, len(plan))
    bar = tqdm(plan[done:], desc="teacher", unit="batch", initial=done, total=len(plan), mininterval=5)
    for batch in bar:
        ids = _pad([encoded[i] for i in batch], tokenizer.pad_token_id).to(device)
        with torch.autocast(device, dtype=torch.bfloat16):
            logits = model(input_ids=ids, attention_mask=(ids != tokenizer.pad_token_id).long()).logits
        mask = known[batch].to(device)
        loss = (loss_fn(logits.float(), values[batch].to(device)) * mask).sum() / mask.sum().clamp(min=1)
        step(loss, body + head, optimizer, scheduler)
        done += 1
        bar.set_postfix(loss=f"{loss.item():.3f}")
        if done % cfg.checkpoint_every == 0 or done == len(plan):
            trainable = {k: v for k, v in model.state_dict().items() if "word_embeddings" not in k}
            state = {"model": trainable, "optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()}
            torch.save({**state, "step": done}, checkpoint)
    report = {
        "config": {k: str(v) for k, v in asdict(cfg).items()},
        "examples": {"train_rows": len(rows), "val": len(val)},
        "steps": len(plan),
    }
    return finish(
        model,
        tokenizer,
        val,
        out_dir=cfg.out_dir,
        kind="teacher",
        seed=cfg.seed,
        max_length=cfg.max_length,
        started=started,
        report=report,
    )
