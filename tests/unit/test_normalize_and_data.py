import pytest

from nlp.serving.normalize import normalize
from nlp.training.data import Example, assign_splits, dedup_key, merge_duplicates
from pantau.domain.labels import LABELS


@pytest.mark.parametrize(
    ("obfuscated", "clean"),
    [
        ("c0bl0s pa5lon", "coblos paslon"),
        ("h0ax", "hoax"),
        ("hоах", "hoax"),  # Cyrillic о, а, х
        ("co\u200bblos", "coblos"),
        ("Ｃｏｂｌｏｓ", "coblos"),
        ("mantaaaaap", "mantaap"),
        ("yg gk pilih", "yang tidak pilih"),
        ("salam ✌️", "salam dua jari"),
    ],
)
def test_obfuscations_fold_to_the_clean_form(obfuscated: str, clean: str) -> None:
    assert normalize(obfuscated) == clean


def test_numbers_and_candidate_numbers_survive() -> None:
    assert normalize("paslon 02 menang 2024, 1000 suara!") == "paslon 02 menang 2024 1000 suara"


def test_emoji_only_post_normalises_to_something_or_nothing_without_error() -> None:
    assert normalize("😀😀😀") == ""
    assert normalize("🤡🤡") == "badut badut"


def example(text: str, source: str = "hate", topic: str = "", **labels: int) -> Example:
    return Example(text, {label: labels.get(label) for label in LABELS}, source, topic)


def test_dedup_key_ignores_case_punctuation_mentions_and_links() -> None:
    assert dedup_key("RT @abc: Jangan PILIH dia!!! https://t.co/x") == dedup_key("rt jangan pilih dia")


def test_conflicting_duplicate_labels_are_masked_not_guessed() -> None:
    merged = merge_duplicates([example("sama saja", hate_sara=1), example("Sama saja!", hate_sara=0)])
    assert len(merged) == 1 and merged[0].labels["hate_sara"] is None


def test_near_duplicates_and_same_topic_stay_in_one_split() -> None:
    base = "pemerintah akan mencabut bantuan sosial bagi warga yang tidak memilih calon tertentu minggu depan"
    rows = [example(base + suffix) for suffix in ("", " sebarkan", " viralkan!!", " cek faktanya")]
    rows += [example(f"berita {i} lain sama sekali", source="hoax", topic="judul bersama") for i in range(5)]
    rows += [example(f"teks {spell(i)} tentang {spell(i * 7 + 3)} dan {spell(i * 13 + 5)}") for i in range(300)]
    split = assign_splits(rows)
    assert len({ex.split for ex in split[:4]}) == 1
    assert len({ex.split for ex in split[4:9]}) == 1
    assert {ex.split for ex in split} == {"train", "val", "test"}


def spell(n: int) -> str:
    """A distinct letters-only word per number (digits do not survive dedup keys)."""
    return "".join("abcdefghij"[int(d)] for d in str(n)) + "x"


def test_splits_are_deterministic() -> None:
    rows = [example(f"kalimat {spell(i)} berbeda {spell(i * 13)}") for i in range(100)]
    assert [e.split for e in assign_splits(rows)] == [e.split for e in assign_splits(rows)]
