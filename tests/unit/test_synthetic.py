from nlp.training.synthetic import synthetic_examples
from pantau.samples import DEMO_CANDIDATES


def test_synthetic_posts_follow_the_guideline_and_stay_in_training() -> None:
    examples = synthetic_examples(400)
    assert {ex.split for ex in examples} == {"train"}
    for ex in examples:
        assert ex.labels["hoax"] is None and ex.labels["hate_sara"] is None  # not annotated: masked
        if ex.labels["political"] == 0:
            assert ex.labels["endorsement"] == 0 and ex.labels["attack"] == 0
    assert sum(ex.labels["endorsement"] == 1 for ex in examples) == 100


def test_synthetic_posts_never_name_the_demo_candidates() -> None:
    demo = DEMO_CANDIDATES.read_text().lower()
    names = {word for ex in synthetic_examples(2400) for word in ex.text.split() if len(word) > 4}
    for name in ("budi", "santoso", "hendra", "gunawan", "wulandari", "sukamaju"):
        assert name in demo and name not in names
