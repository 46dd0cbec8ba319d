"""`pantau model eval`: the model in force against a TF-IDF + logistic-regression baseline, per label, on
the held-out test split (the same deterministic split the training used)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from nlp.serving.normalize import normalize
from nlp.training.data import DEFAULT_DATA_DIR, Example, load_corpus
from nlp.training.metrics import label_report
from pantau.domain.labels import HOAX, LABELS


def baseline_scores(train: list[Example], test: list[Example], seed: int = 13) -> list[list[float]]:
    """One TF-IDF (word 1-2 grams + char 2-5 grams) logistic regression per label, on its annotated rows."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    words = TfidfVectorizer(
        preprocessor=normalize, ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=200_000
    )
    chars = TfidfVectorizer(
        preprocessor=normalize,
        analyzer="char_wb",
        ngram_range=(2, 5),
        min_df=3,
        sublinear_tf=True,
        max_features=200_000,
    )
    train_texts = [ex.text for ex in train]
    x_train = hstack([words.fit_transform(train_texts), chars.fit_transform(train_texts)]).tocsr()
    x_test = hstack([words.transform([ex.text for ex in test]), chars.transform([ex.text for ex in test])]).tocsr()
    columns = []
    for label in LABELS:
        rows = [i for i, ex in enumerate(train) if ex.labels[label] is not None]
        y = [ex.labels[label] for ex in (train[i] for i in rows)]
        clf = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced", random_state=seed)
        clf.fit(x_train[rows], y)
        columns.append(clf.predict_proba(x_test)[:, 1].tolist())
    return [list(row) for row in zip(*columns, strict=True)]


def evaluate(
    model_dir: Path,
    thresholds: Mapping[str, float],
    data_dir: Path = DEFAULT_DATA_DIR,
    seed: int = 13,
    quantize: bool = False,
) -> dict[str, Any]:
    """Both systems on the test split; the report is plain data (JSON-ready)."""
    from nlp.serving.engine import Classifier

    corpus = load_corpus(data_dir, seed=seed)
    train = [ex for ex in corpus if ex.split == "train"]
    test = [ex for ex in corpus if ex.split == "test"]
    classifier = Classifier(model_dir, max_length=128, batch_size=64, quantize=quantize)
    model_scores = [[s[label] for label in LABELS] for s in classifier.predict([ex.text for ex in test])]
    base_scores = baseline_scores(train, test, seed)
    systems: dict[str, Any] = {}
    ordinary = [i for i, ex in enumerate(test) if ex.labels[HOAX] is None]
    for name, scores in (("transformer", model_scores), ("baseline", base_scores)):
        reports = [label_report(test, scores, label, thresholds[label]).as_dict() for label in LABELS]
        pr = [r["pr_auc"] for r in reports]
        flagged = sum(scores[i][LABELS.index(HOAX)] >= thresholds[HOAX] for i in ordinary)
        systems[name] = {
            "labels": reports,
            "macro_pr_auc": round(sum(pr) / len(pr), 4),
            # Ordinary posts (tweets, forum posts) that the hoax set never labelled: how many would alert?
            "hoax_false_alarm_rate_ordinary_posts": round(flagged / len(ordinary), 4) if ordinary else None,
        }
    better = systems["transformer"]["macro_pr_auc"] > systems["baseline"]["macro_pr_auc"]
    return {
        "ordinary_posts": len(ordinary),
        "model_version": classifier.version,
        "model_dir": str(model_dir),
        "quantized": quantize,
        "test_examples": len(test),
        "systems": systems,
        "transformer_beats_baseline": better,
    }


def render_markdown(report: dict[str, Any]) -> str:
    lines = [
        f"Model `{report['model_version']}`{' (int8 dynamic quantisation)' if report['quantized'] else ''}, "
        f"{report['test_examples']} held-out test examples.",
        "",
        "| label | n | pos | system | threshold | precision | recall | F1 | ROC-AUC | PR-AUC | ECE | Brier |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for i, label in enumerate(LABELS):
        for name in ("transformer", "baseline"):
            r = report["systems"][name]["labels"][i]
            lines.append(
                f"| {label} | {r['n']} | {r['positives']} | {name} | {r['threshold']} | {r['precision']:.3f} | "
                f"{r['recall']:.3f} | {r['f1']:.3f} | {r['roc_auc']:.3f} | {r['pr_auc']:.3f} | {r['ece']:.3f} | "
                f"{r['brier']:.3f} |"
            )
    t, b = report["systems"]["transformer"]["macro_pr_auc"], report["systems"]["baseline"]["macro_pr_auc"]
    verdict = "beats" if report["transformer_beats_baseline"] else "does NOT beat"
    lines += [
        "",
        f"Macro PR-AUC: transformer **{t:.4f}**, baseline **{b:.4f}**: the transformer {verdict} the baseline.",
    ]
    rates = [report["systems"][n].get("hoax_false_alarm_rate_ordinary_posts") for n in ("transformer", "baseline")]
    if rates[0] is not None and rates[1] is not None:
        lines += [
            "",
            f"Hoax false alarms on {report['ordinary_posts']} ordinary test posts (tweets and forum posts that the "
            f"hoax set never labelled) at the hoax threshold: transformer {rates[0]:.1%}, baseline {rates[1]:.1%}.",
        ]
    return "\n".join(lines)


def write_report(report: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2) + "\n")
