"""`pantau model eval`: every system side by side, in-domain and across sources.

Systems: the TF-IDF + logistic-regression baseline (trained on the same training split as the models), the
previous shipped scratch model, the student in force, the cascade (student, teacher for the doubtful) and the
teacher alone, when their directories exist. Sets:
- in-domain: the grouped test split of the training corpus (nlp/training/teacher.py `teacher_corpus`);
- cross-source, never trained on: TurnBackHoax claims of September–December 2024 against everyday tweets
  (`hoax`); Kompasiana stance blogs (`endorsement`, `attack`, `political`); political posts of 2018 with
  hate of any kind standing in for `hate_sara` (a proxy: the set has no SARA-specific label);
- everyday posts: the share of 2,000 everyday tweets each system flags, per label, at its thresholds (IndoLEM
  tweets: a slice disjoint from the 3,000 taught as hoax/hate_sara negatives; and IndoNLU emotion tweets,
  a collection never labelled in training).
Thresholds: each system's own, chosen on the validation split (best F0.5), except the model in force, which is
measured at the thresholds in force.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from nlp.training.data import Example
from nlp.training.metrics import label_report, macro_pr_auc, paired_bootstrap
from nlp.training.sources import everyday_eval_texts, load_political_posts_2018, load_stance_blogs, load_turnbackhoax
from pantau.domain.labels import HATE_SARA, HOAX, LABELS

Scores = list[list[float]]


@dataclass(frozen=True, slots=True)
class EvalSet:
    name: str
    examples: list[Example]
    labels: tuple[str, ...]


def cross_source_sets(data_dir: Path) -> list[EvalSet]:
    everyday = [
        Example(t, {label: None for label in LABELS} | {HOAX: 0}, "everyday-tweets")
        for t in everyday_eval_texts(data_dir)
    ]
    posts = [
        replace(ex, labels={**ex.labels, HATE_SARA: int(ex.source == "posts2018_hate")})
        for ex in load_political_posts_2018(data_dir)
    ]
    return [
        EvalSet(
            "hoax: TurnBackHoax Sep-Dec 2024 vs everyday tweets",
            load_turnbackhoax(data_dir, later=True) + everyday,
            (HOAX,),
        ),
        EvalSet("stance: Kompasiana blogs", load_stance_blogs(data_dir), ("endorsement", "attack")),
        EvalSet("hate (any) as proxy: political posts 2018", posts, (HATE_SARA,)),
    ]


def choose_thresholds(
    val: Sequence[Example], scores: Scores, beta: float = 0.5, min_positives: int = 30
) -> dict[str, float]:
    """Per label, the threshold with the best F-beta on validation (beta 0.5: precision counts twice)."""
    chosen = {}
    for j, label in enumerate(LABELS):
        pairs = [(s[j], ex.labels[label]) for ex, s in zip(val, scores, strict=True) if ex.labels[label] is not None]
        best, best_f = 0.5, -1.0
        if sum(1 for _, y in pairs if y == 1) >= min_positives:
            for step in range(5, 96):
                t = step / 100
                tp = sum(1 for p, y in pairs if p >= t and y == 1)
                fp = sum(1 for p, y in pairs if p >= t and y == 0)
                fn = sum(1 for p, y in pairs if p < t and y == 1)
                if tp:
                    precision, recall = tp / (tp + fp), tp / (tp + fn)
                    f = (1 + beta**2) * precision * recall / (beta**2 * precision + recall)
                    if f > best_f:
                        best, best_f = t, f
        chosen[label] = best
    return chosen


def cascade_scores(
    student: Scores, teacher: Scores, thresholds: Mapping[str, float], band: float
) -> tuple[Scores, float]:
    """What the cascade serves, and the share of texts it escalates (see nlp/serving/cascade.py)."""
    out, escalated = [], 0
    for s, t in zip(student, teacher, strict=True):
        doubtful = any(abs(s[j] - thresholds[label]) <= band for j, label in enumerate(LABELS))
        escalated += doubtful
        out.append(t if doubtful else s)
    return out, escalated / max(1, len(student))


def _set_report(eval_set: EvalSet, scores: Scores, thresholds: Mapping[str, float]) -> dict[str, Any]:
    rows = {}
    for label in eval_set.labels:
        rows[label] = label_report(eval_set.examples, scores, label, thresholds[label]).as_dict()
    pr = [r["pr_auc"] for r in rows.values()]
    return {"labels": rows, "macro_pr_auc": round(sum(pr) / len(pr), 4)}


def flag_rates(scores: Scores, thresholds: Mapping[str, float]) -> dict[str, float]:
    return {
        label: round(sum(1 for s in scores if s[j] >= thresholds[label]) / max(1, len(scores)), 4)
        for j, label in enumerate(LABELS)
    }


def evaluate_systems(
    scorers: Mapping[str, Callable[[list[str]], Scores]],
    fixed_thresholds: Mapping[str, Mapping[str, float]],
    *,
    train: list[Example],
    val: list[Example],
    test: list[Example],
    cross: list[EvalSet],
    everyday: list[str],
    baseline: Callable[[list[Example], list[Example]], Scores],
    everyday_other: Sequence[str] = (),
    cascade: tuple[str, str, float] | None = None,
    served: str | None = None,
) -> dict[str, Any]:
    """Scores every set with every system once, then reports. `cascade` = (student name, teacher name, band);
    `served`: the system whose PR-AUC minus the baseline's is bootstrapped per set (is a gap real or noise?)."""
    sets = [EvalSet("in-domain test split", test, LABELS), *cross]
    texts = [ex.text for ex in val] + [ex.text for s in sets for ex in s.examples] + everyday + list(everyday_other)
    all_scores: dict[str, Scores] = {name: scorer(texts) for name, scorer in scorers.items()}
    bodies = [ex for s in sets for ex in s.examples] + [Example(t, {}, "") for t in [*everyday, *everyday_other]]
    all_scores["baseline"] = baseline(train, list(val) + bodies)
    thresholds: dict[str, dict[str, float]] = {}
    for name, scores in all_scores.items():
        thresholds[name] = dict(fixed_thresholds.get(name) or choose_thresholds(val, scores[: len(val)]))
    escalated_share = None
    if cascade:
        student, teacher, band = cascade
        merged, escalated_share = cascade_scores(all_scores[student], all_scores[teacher], thresholds[student], band)
        all_scores["cascade"], thresholds["cascade"] = merged, thresholds[student]
    report: dict[str, Any] = {
        "systems": list(all_scores),
        "thresholds": thresholds,
        "sets": {},
        "everyday": {},
        "everyday_other": {},
    }
    starts, at = {}, len(val)
    for eval_set in sets:
        starts[eval_set.name], at = at, at + len(eval_set.examples)

    def baseline_part(eval_set: EvalSet) -> Scores:
        start = starts[eval_set.name]
        return all_scores["baseline"][start : start + len(eval_set.examples)]

    for name, scores in all_scores.items():
        at = len(val)
        for eval_set in sets:
            part = scores[at : at + len(eval_set.examples)]
            at += len(eval_set.examples)
            report["sets"].setdefault(eval_set.name, {"n": len(eval_set.examples)})[name] = _set_report(
                eval_set, part, thresholds[name]
            )
            if name == served:
                differences = paired_bootstrap(eval_set.examples, part, baseline_part(eval_set), eval_set.labels)
                report["sets"][eval_set.name]["served_minus_baseline"] = [d.as_dict() for d in differences]
        report["everyday"][name] = flag_rates(scores[at : at + len(everyday)], thresholds[name])
        if everyday_other:
            report["everyday_other"][name] = flag_rates(scores[at + len(everyday) :], thresholds[name])
    report["everyday_n"] = len(everyday)
    report["everyday_other_n"] = len(everyday_other)
    report["cascade_escalated_share"] = round(escalated_share, 4) if escalated_share is not None else None
    report["val_macro_pr_auc"] = {name: round(macro_pr_auc(val, s[: len(val)]), 4) for name, s in all_scores.items()}
    return report


def render(report: dict[str, Any]) -> str:
    systems = report["systems"]
    lines = ["| set | label | " + " | ".join(systems) + " |", "|---|---|" + "---|" * len(systems)]
    for set_name, body in report["sets"].items():
        labels = list(body[systems[0]]["labels"])
        for label in labels:
            cells = [f"{body[s]['labels'][label]['pr_auc']:.3f}" for s in systems]
            lines.append(f"| {set_name} (n={body['n']}) | {label} PR-AUC | " + " | ".join(cells) + " |")
        if len(labels) > 1:
            lines.append(
                f"| {set_name} | **macro** | "
                + " | ".join(f"**{body[s]['macro_pr_auc']:.3f}**" for s in systems)
                + " |"
            )
    gaps = [
        (name, body["served_minus_baseline"])
        for name, body in report["sets"].items()
        if "served_minus_baseline" in body
    ]
    if gaps:
        lines += [
            "",
            f"Served ({report.get('served', 'served')}) minus baseline, PR-AUC, with a paired-bootstrap 95% interval "
            "(1,000 resamples of each set's examples):",
            "",
            "| set | label | difference | 95% interval | verdict |",
            "|---|---|---|---|---|",
        ]
        for set_name, rows in gaps:
            for d in rows:
                label = "**macro**" if d["label"] == "macro" else d["label"]
                interval = f"[{d['low']:+.3f}, {d['high']:+.3f}]"
                lines.append(f"| {set_name} | {label} | {d['observed']:+.3f} | {interval} | {d['verdict']} |")
    lines += ["", f"Everyday tweets flagged at each system's thresholds (n={report['everyday_n']}):", ""]
    lines += ["| label | " + " | ".join(systems) + " |", "|---|" + "---|" * len(systems)]
    for label in LABELS:
        lines.append(f"| {label} | " + " | ".join(f"{report['everyday'][s][label]:.1%}" for s in systems) + " |")
    if report.get("everyday_other"):
        lines += [
            "",
            "Everyday tweets of another collection, never labelled in training "
            f"(IndoNLU emotion tweets, n={report['everyday_other_n']}):",
            "",
            "| label | " + " | ".join(systems) + " |",
            "|---|" + "---|" * len(systems),
        ]
        for label in LABELS:
            rates = " | ".join(f"{report['everyday_other'][s][label]:.1%}" for s in systems)
            lines.append(f"| {label} | {rates} |")
    lines += ["", "Thresholds: " + "; ".join(f"{s}: {report['thresholds'][s]}" for s in systems)]
    if report.get("cascade_escalated_share") is not None:
        lines.append(f"Cascade: {report['cascade_escalated_share']:.1%} of texts re-scored by the teacher.")
    return "\n".join(lines)
