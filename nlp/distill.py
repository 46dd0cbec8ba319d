"""`pantau model distil`: a narrow student that serves on CPU, learnt from the fine-tuned teacher.

The student keeps the teacher's (trimmed) vocabulary and tokenizer; its word and position embeddings start
as the teacher's projected onto their top principal directions, so it begins with e5's lexical knowledge
instead of random vectors. It learns the teacher's probabilities on a large pool of unlabelled and training
text (soft BCE on every label) plus the gold labels where a data set has them (masked BCE).
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from nlp.data import DEFAULT_DATA_DIR
from nlp.normalize import normalize
from nlp.sources import distillation_pool
from nlp.teacher import _device, _predict, load_student_ready
from nlp.train import _pad, _schedule, _targets
from pantau.labels import LABELS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DistilConfig:
    teacher_dir: Path = Path(".pantau/teacher")
    out_dir: Path = Path(".pantau/student")
    data_dir: Path = DEFAULT_DATA_DIR
    hidden_size: int = 192
    layers: int = 4
    heads: int = 4
    intermediate_size: int = 384
    max_length: int = 64
    pool_size: int = 40_000
    epochs: int = 4
    batch_size: int = 64
    lr: float = 5e-4
    gold_weight: float = 0.5
    seed: int = 13
    threads: int = 0
    limit: int = 0  # >0: a seeded sample of that many gold rows (quick runs and tests)


def soft_labels(cfg: DistilConfig, texts: list[str]) -> list[list[float]]:
    """The teacher's probabilities for `texts`, cached beside the student (the slow part of distillation)."""
    digest = hashlib.sha256("\x1f".join(texts).encode()).hexdigest()[:16]
    cache = cfg.out_dir / f"soft-{digest}.json"
    if cache.is_file():
        cached: list[list[float]] = json.loads(cache.read_text())
        return cached
    tokenizer, teacher = load_student_ready(cfg.teacher_dir)
    teacher.to(_device())
    scores = _predict(teacher, tokenizer, texts, cfg.max_length, batch_size=128)
    cfg.out_dir.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps([[round(x, 5) for x in row] for row in scores]))
    return scores


def _projected(matrix: Any, basis: Any) -> Any:
    centred = matrix - matrix.mean(0, keepdim=True)
    return centred @ basis


def new_student(cfg: DistilConfig, teacher: Any) -> Any:
    import torch
    from transformers import BertConfig

    from nlp.pooled import MeanPoolClassifier

    tconf = teacher.config
    config = BertConfig(
        vocab_size=tconf.vocab_size,
        hidden_size=cfg.hidden_size,
        num_hidden_layers=cfg.layers,
        num_attention_heads=cfg.heads,
        intermediate_size=cfg.intermediate_size,
        max_position_embeddings=max(128, cfg.max_length),
        type_vocab_size=1,
        pad_token_id=tconf.pad_token_id,
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
        problem_type="multi_label_classification",
        layer_norm_eps=1e-12,
    )
    student = MeanPoolClassifier(config)
    words = teacher.bert.embeddings.word_embeddings.weight.data.float()
    # Principal directions of the teacher's word vectors: the best 192-d linear summary of them.
    _, _, v = torch.linalg.svd(words - words.mean(0, keepdim=True), full_matrices=False)
    basis = v[: cfg.hidden_size].T
    scale = words.std() / _projected(words, basis).std()
    emb = student.bert.embeddings
    emb.word_embeddings.weight.data.copy_(_projected(words, basis) * scale)
    positions = teacher.bert.embeddings.position_embeddings.weight.data[: config.max_position_embeddings].float()
    emb.position_embeddings.weight.data.copy_(_projected(positions, basis) * scale)
    return student


def distil(cfg: DistilConfig) -> dict[str, Any]:
    import torch
    from tqdm import tqdm

    from nlp.fit import batch_plan, finish, rows_and_validation, seed_and_threads, step

    started = time.time()
    seed_and_threads(cfg.seed, cfg.threads)
    gold, val = rows_and_validation(cfg.data_dir, cfg.seed, cfg.limit)
    gold_texts = [normalize(ex.text) for ex in gold]
    pool = [normalize(t) for t in distillation_pool(cfg.data_dir, cfg.pool_size)]
    unique = sorted(set(gold_texts) | set(pool))
    log.info("distilling on %d texts (%d gold rows)", len(unique), len(gold))
    soft = dict(zip(unique, soft_labels(cfg, unique), strict=True))
    tokenizer, teacher = load_student_ready(cfg.teacher_dir)
    student = new_student(cfg, teacher)
    del teacher
    device = _device()
    student.to(device).train()
    seen = set(gold_texts)
    texts = gold_texts + [t for t in pool if t not in seen]
    encoded = [tokenizer(t, truncation=True, max_length=cfg.max_length)["input_ids"] for t in texts]
    targets = torch.tensor([soft[t] for t in texts])
    gold_values, gold_known = _targets(gold)
    pad_rows = len(texts) - len(gold)
    gold_values = torch.cat([gold_values, torch.zeros(pad_rows, len(LABELS))])
    gold_known = torch.cat([gold_known, torch.zeros(pad_rows, len(LABELS))])
    optimizer = torch.optim.AdamW(student.parameters(), lr=cfg.lr, weight_decay=0.01)
    plan = batch_plan(encoded, cfg.batch_size, cfg.epochs, cfg.seed)
    scheduler = _schedule(optimizer, len(plan))
    bce = torch.nn.BCEWithLogitsLoss(reduction="none")
    bar = tqdm(plan, desc="distil", unit="batch", mininterval=5)
    for batch in bar:
        ids = _pad([encoded[i] for i in batch], tokenizer.pad_token_id).to(device)
        logits = student(input_ids=ids, attention_mask=(ids != tokenizer.pad_token_id).long()).logits
        loss = bce(logits, targets[batch].to(device)).mean()
        known = gold_known[batch].to(device)
        if known.sum() > 0:
            gold_loss = (bce(logits, gold_values[batch].to(device)) * known).sum() / known.sum()
            loss = loss + cfg.gold_weight * gold_loss
        step(loss, list(student.parameters()), optimizer, scheduler)
        bar.set_postfix(loss=f"{loss.item():.3f}")
    report = {"config": {k: str(v) for k, v in asdict(cfg).items()}, "texts": len(texts), "steps": len(plan)}
    return finish(
        student,
        tokenizer,
        val,
        out_dir=cfg.out_dir,
        kind="student",
        seed=cfg.seed,
        max_length=cfg.max_length,
        started=started,
        report=report,
    )
