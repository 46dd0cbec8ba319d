import random

from nlp.training.augment import augment_political, mask_names, silver_hoax_negatives
from nlp.training.data import Example
from pantau.domain.labels import LABELS


def example(text: str, source: str, split: str = "train", **labels: int) -> Example:
    return Example(text, {label: labels.get(label) for label in LABELS}, source, split=split)


def test_mask_names_swaps_2024_names_and_the_office() -> None:
    masked = mask_names("Pilih Anies jadi presiden, #AMIN menang", random.Random(0))
    assert masked is not None
    assert "anies" not in masked and "presiden" not in masked and "menang" in masked
    assert mask_names("selamat pagi semua", random.Random(0)) is None


def test_augmentation_adds_masked_copies_of_political_rows_only() -> None:
    rows = [example("dukung prabowo", "political", endorsement=1), example("benci kamu", "hate", hate_sara=0)]
    augmented = augment_political(rows, seed=1)
    assert len(augmented) == 3
    copy = augmented[-1]
    assert copy.source == "political-masked" and copy.labels["endorsement"] == 1 and "prabowo" not in copy.text


def test_silver_negatives_leave_the_test_split_gold() -> None:
    rows = [example("tweet", "hate", "train"), example("tweet", "hate", "test"), example("hoaks", "hoax", hoax=1)]
    silver = silver_hoax_negatives(rows, fraction=1.0)
    assert [r.labels["hoax"] for r in silver] == [0, None, 1]
    assert silver_hoax_negatives(rows, fraction=0.0)[0].labels["hoax"] is None
