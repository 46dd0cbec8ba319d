"""`pantau model distil`: a narrow student that serves on CPU, learnt from the fine-tuned teacher.

The student keeps the teacher's (trimmed) vocabulary and tokenizer; its word and position embeddings start
as the teacher's projected onto their top principal directions, so it begins with e5's lexical knowledge
instead of random vectors. It learns the teacher's probabilities on a large pool of unlabelled and training
text (BCE on every label), the gold label replacing the teacher's where a data set has one.

`--init-from` continues from an earlier student instead of a fresh one (its tokenizer and weights): the way
to teach a shipped student new gold rows (e.g. everyday tweets as hoax negatives) without re-running the
teacher. The teacher's probabilities are cached per text (soft-labels.json beside the teacher); a text the cache lacks
is scored by the teacher when there is one, else by the starting student itself (self-distillation: the
report counts how many).
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from nlp.serving.normalize import normalize
from nlp.training.data import DEFAULT_DATA_DIR
from nlp.training.sources import distillation_pool
from nlp.training.teacher import _device, _predict, load_student_ready
from nlp.training.train import _pad, _schedule, _targets
from pantau.domain.labels import LABELS

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
    init_dir: Path | None = None  # continue from this student instead of a fresh one
    soft_cache: Path | None = None  # default: soft-labels.json in the teacher's directory (they are its outputs)
    gold_overrides: bool = True  # False: soft BCE + gold_weight x gold BCE (how the first student learnt)


def soft_labels(cfg: DistilConfig, texts: list[str]) -> tuple[list[list[float]], int]:
    """The teacher's probabilities for `texts` (the slow part of distillation, cached per text), and how
    many came from the starting student instead because there is no teacher to ask."""
    path = cfg.soft_cache or cfg.teacher_dir / "soft-labels.json"
    cache: dict[str, list[float]] = json.loads(path.read_text()) if path.is_file() else {}
    missing = [t for t in texts if t not in cache]
    fallback: dict[str, list[float]] = {}
    if missing:
        if (cfg.teacher_dir / "config.json").is_file():
            tokenizer, teacher = load_student_ready(cfg.teacher_dir)
            teacher.to(_device())
            scores = _predict(teacher, tokenizer, missing, cfg.max_length, batch_size=128)
            cache.update({t: [round(x, 5) for x in row] for t, row in zip(missing, scores, strict=True)})
            path.write_text(json.dumps(cache))
        elif cfg.init_dir is not None:
            tokenizer, start = load_student_ready(cfg.init_dir)
            scores = _predict(start.to(_device()), tokenizer, missing, cfg.max_length, batch_size=128)
            fallback = {t: [round(x, 5) for x in row] for t, row in zip(missing, scores, strict=True)}
        else:
            raise FileNotFoundError(f"no teacher at {cfg.teacher_dir} for {len(missing)} uncached texts")
    return [cache.get(t) or fallback[t] for t in texts], len(fallback)


def _projected(matrix: Any, basis: Any) -> Any:
    centred = matrix - matrix.mean(0, keepdim=True)
    return centred @ basis


def new_student(cfg: DistilConfig, teacher: Any) -> Any:
    import torch
    from transformers import BertConfig

    from nlp.serving.pooled import MeanPoolClassifier

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

    from nlp.training.fit import batch_plan, finish, rows_and_validation, seed_and_threads, step

    started = time.time()
    seed_and_threads(cfg.seed, cfg.threads)
    gold, val = rows_and_validation(cfg.data_dir, cfg.seed, cfg.limit)
    gold_texts = [normalize(ex.text) for ex in gold]
    pool = [normalize(t) for t in distillation_pool(cfg.data_dir, cfg.pool_size)]
    unique = sorted(set(gold_texts) | set(pool))
    log.info("distilling on %d texts (%d gold rows)", len(unique), len(gold))
    soft_rows, self_taught = soft_labels(cfg, unique)
    soft = dict(zip(unique, soft_rows, strict=True))
    if cfg.init_dir is not None:
        tokenizer, student = load_student_ready(cfg.init_dir)
    else:
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
        known = gold_known[batch].to(device)
        if cfg.gold_overrides:
            target = torch.where(known > 0, gold_values[batch].to(device), targets[batch].to(device))
            loss = bce(logits, target).mean()
        else:
            loss = bce(logits, targets[batch].to(device)).mean()
            if known.sum() > 0:
                gold_loss = (bce(logits, gold_values[batch].to(device)) * known).sum() / known.sum()
                loss = loss + cfg.gold_weight * gold_loss
        step(loss, list(student.parameters()), optimizer, scheduler)
        bar.set_postfix(loss=f"{loss.item():.3f}")
    report = {
        "config": {k: str(v) for k, v in asdict(cfg).items()},
        "texts": len(texts),
        "steps": len(plan),
        "soft_labels_from_starting_student": self_taught,
    }
    return finish(
        student,
        tokenizer,
        val,
        out_dir=cfg.out_dir,
        kind="student-cont" if cfg.init_dir is not None else "student",
        seed=cfg.seed,
        max_length=cfg.max_length,
        started=started,
        report=report,
    )
