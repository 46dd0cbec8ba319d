"""The data sets added in the second batch (PROVENANCE.md), and how each is used: for training, or held out
as a cross-source evaluation set that no model here is trained on.

- `turnbackhoax_2024.csv`: fact-checked viral posts, all hoaxes. January–August train the `hoax` label;
  September–December are a later, unseen period (cross-source, scored against ordinary posts).
- `komdigi_hoaks.csv`: clarification headlines ("hoaks …"); the claim after the prefix is a hoax positive.
- `indonlu_reviews.txt` (unlabelled): product and place reviews, the plainest everyday text there is: a
  seeded sample is a silver negative for every label (the demo's "panen cabai" false alarms).
- `indolem_tweets.txt` (unlabelled): everyday tweets, never trained on (the distillation pool skips them):
  the "everyday posts flagged" rate at the thresholds in force is measured on a fixed slice of them.
- `stance_blogs.csv`: blog posts for or against a named politician: cross-source `endorsement`/`attack`.
- `political_posts_2018.csv`: political posts labelled hate speech or not (any hate, not only SARA):
  cross-source for how often `hate_sara` fires on political text that is not hate at all.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from pathlib import Path

from nlp.training.data import Example, _clean, _csv_rows, _label_row
from pantau.domain.labels import ATTACK, ENDORSEMENT, HATE_SARA, HOAX, LABELS, POLITICAL

TBH_TRAIN_UNTIL = date(2024, 8, 31)
EVERYDAY_EVAL_ROWS = 2000
_KOMDIGI_PREFIX = re.compile(r"^\s*\[?(hoaks|hoax|disinformasi|misinformasi|klarifikasi)\]?\s*[:\-]?\s*", re.I)
_QUOTES = "“”\"'"


def _share(text: str, salt: str) -> float:
    return int.from_bytes(hashlib.sha256(f"{salt}:{text}".encode()).digest()[:8]) / 2**64


def _tbh_date(raw: str) -> date | None:
    try:
        return datetime.strptime(raw.strip(), "%d %b %Y").date()
    except ValueError:
        return None


def load_turnbackhoax(data_dir: Path, *, later: bool) -> list[Example]:
    """Claims up to August 2024 (`later=False`, training) or from September (`later=True`, held out)."""
    examples = []
    for row in _csv_rows(data_dir / "hoax" / "turnbackhoax_2024.csv"):
        day = _tbh_date(row.get("date", ""))
        text = _clean(row.get("claim_text", "").strip(_QUOTES + " "))
        if day is None or len(text) < 15 or (day > TBH_TRAIN_UNTIL) != later:
            continue
        examples.append(Example(text, _label_row(**{HOAX: 1}), "tbh2024", topic=row.get("title", "").lower()))
    return examples


def load_komdigi(data_dir: Path, limit: int = 2500) -> list[Example]:
    rows = list(_csv_rows(data_dir / "hoax" / "komdigi_hoaks.csv"))
    claims = sorted({_KOMDIGI_PREFIX.sub("", r.get("clean_title", "")).strip() for r in rows})
    claims = [c for c in claims if len(c.split()) >= 4]
    claims.sort(key=lambda c: _share(c, "komdigi"))
    return [Example(c, _label_row(**{HOAX: 1}), "komdigi") for c in claims[:limit]]


def _lines(path: Path) -> list[str]:
    with path.open(encoding="utf-8", errors="replace") as fh:
        return [line.strip() for line in fh if line.strip()]


def load_everyday_negatives(data_dir: Path, limit: int = 2500) -> list[Example]:
    """Reviews as silver negatives for every label (plain everyday text is none of them)."""
    lines = [t for t in _lines(data_dir / "unlabelled" / "indonlu_reviews.txt") if len(t.split()) >= 4]
    lines.sort(key=lambda t: _share(t, "everyday"))
    return [Example(t, {label: 0 for label in LABELS}, "everyday") for t in lines[:limit]]


def load_everyday_tweets(data_dir: Path, limit: int = 3000) -> list[Example]:
    """Everyday tweets as silver negatives for hoax and hate_sara, disjoint from the evaluation slice. Reviews
    alone taught the models that anything unlike a review might be a hoax: 45% of everyday tweets scored as
    hoax. (Endorsement, attack and political stay unknown: tweets do talk politics.)"""
    held_out = set(everyday_eval_texts(data_dir))
    lines = [t for t in _lines(data_dir / "unlabelled" / "indolem_tweets.txt") if len(t.split()) >= 4]
    lines = [t for t in lines if t not in held_out]
    lines.sort(key=lambda t: _share(t, "everyday-train"))
    return [Example(t, _label_row(**{HOAX: 0, HATE_SARA: 0}), "everyday_tweets") for t in lines[:limit]]


def everyday_eval_texts(data_dir: Path) -> list[str]:
    """A fixed slice of everyday tweets that nothing is trained on (see `distillation_pool`)."""
    lines = [t for t in _lines(data_dir / "unlabelled" / "indolem_tweets.txt") if len(t.split()) >= 4]
    lines.sort(key=lambda t: _share(t, "everyday-eval"))
    return lines[:EVERYDAY_EVAL_ROWS]


def everyday_other_texts(data_dir: Path) -> list[str]:
    """A fixed slice of another collection's everyday tweets (IndoNLU emotion tweets), never given a label."""
    lines = [t for t in _lines(data_dir / "unlabelled" / "indonlu_emot_tweets.txt") if len(t.split()) >= 4]
    lines.sort(key=lambda t: _share(t, "everyday-other"))
    return lines[:EVERYDAY_EVAL_ROWS]


def load_stance_blogs(data_dir: Path) -> list[Example]:
    examples = []
    for row in _csv_rows(data_dir / "political" / "stance_blogs.csv"):
        stance = row.get("stance", "").strip().lower()
        if stance not in ("for", "against", "againts"):
            continue
        support = int(stance == "for")
        text = _clean(f"{row.get('title', '')}. {row.get('text', '')}")
        labels = _label_row(**{ENDORSEMENT: support, ATTACK: 1 - support, POLITICAL: 1})
        examples.append(Example(" ".join(text.split()[:120]), labels, "stance_blogs", topic=row.get("target", "")))
    return examples


def load_political_posts_2018(data_dir: Path) -> list[Example]:
    """`label` 1 is hate speech of any kind. Only the non-hate rows carry a SARA verdict (surely not SARA
    hate); the hate rows are kept masked for `hate_sara` and used for a flag-rate comparison."""
    examples = []
    for row in _csv_rows(data_dir / "hate" / "political_posts_2018.csv"):
        text = " ".join(_clean(row.get("text", "")).split()[:120])
        hate = row.get("label", "").strip() == "1"
        labels = _label_row(**{POLITICAL: 1, **({} if hate else {HATE_SARA: 0})})
        examples.append(Example(text, labels, "posts2018_hate" if hate else "posts2018"))
    return examples


def distillation_pool(data_dir: Path, limit: int = 60_000) -> list[str]:
    """Unlabelled text for the student to learn the teacher from: never the everyday evaluation tweets."""
    held_out = set(everyday_eval_texts(data_dir))
    texts: list[str] = []
    folder = data_dir / "unlabelled"
    for name in sorted(p.name for p in folder.glob("*.txt")):
        texts += [t for t in _lines(folder / name) if t not in held_out and len(t.split()) >= 3]
    political = data_dir / "political" / "unlabelled_2024.jsonl"
    if political.is_file():
        import json

        with political.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    texts.sort(key=lambda t: _share(t, "pool"))
    return texts[:limit]
