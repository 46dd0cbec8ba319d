"""Scenario scoring: precision, recall and F1 per alert type from alerts raised vs expected."""

import pytest

from pantau.eval.score import ScenarioError, format_report, read_expected, score


def test_precision_recall_and_f1_per_type() -> None:
    expected = {
        "e1": frozenset({"asn_neutrality"}),
        "e2": frozenset({"asn_neutrality"}),
        "e3": frozenset({"hoax"}),
        "e4": frozenset(),
    }
    raised = {
        "e1": frozenset({"asn_neutrality"}),
        "e3": frozenset({"hoax", "asn_neutrality"}),
        "e5": frozenset({"hate_sara"}),  # no expected line: expects nothing
        "other-run": frozenset({"hoax"}),  # not in the scenario: ignored
    }
    report = score(["e1", "e2", "e3", "e4", "e5"], expected, raised)
    asn = report.score("asn_neutrality")
    assert (asn.true_positives, asn.false_positives, asn.false_negatives) == (1, 1, 1)
    assert asn.precision == 0.5 and asn.recall == 0.5 and asn.f1 == 0.5
    hoax = report.score("hoax")
    assert hoax.precision == 1.0 and hoax.recall == 1.0
    hate = report.score("hate_sara")
    assert hate.precision == 0.0 and hate.recall == 1.0  # one false alarm, nothing to find
    assert [(e.event_id, e.missed, e.false_alarms) for e in report.errors] == [
        ("e2", ("asn_neutrality",), ()),
        ("e3", (), ("asn_neutrality",)),
        ("e5", (), ("hate_sara",)),
    ]
    assert report.as_dict()["per_type"]["asn_neutrality"]["precision"] == 0.5
    text = format_report(report, misses=True, describe={"e2": "[like] ''"})
    assert "asn_neutrality" in text and "e2: missed asn_neutrality  [like] ''" in text


def test_nothing_raised_and_nothing_expected_is_perfect() -> None:
    report = score(["a"], {}, {})
    assert report.score("hoax").precision == 1.0 and report.score("hoax").recall == 1.0
    assert report.score("hoax").f1 == 1.0 and report.errors == ()


def test_read_expected_and_its_errors() -> None:
    lines = ['{"event_id": "e1", "expect": ["asn_neutrality"]}', "", '{"event_id": "e2", "expect": []}']
    assert read_expected(lines) == {"e1": frozenset({"asn_neutrality"}), "e2": frozenset()}
    with pytest.raises(ScenarioError, match="line 1"):
        read_expected(['{"expect": []}'])
    with pytest.raises(ScenarioError, match="line 1"):
        read_expected(['{"event_id": "e1", "expect": "hoax"}'])
