"""Standard Webhooks signatures and the audit hash chain."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import pytest

from pantau.audit.chain import GENESIS, AuditEntry, make_entry, verify_chain
from pantau.escalation.signing import SignatureError, parse_secrets, sign, signed_headers, verify

KEY = b"rahasia-bawaslu"


def test_signature_follows_the_standard_webhooks_formula() -> None:
    expected = base64.b64encode(hmac.new(KEY, b"msg_1.1700000000.{}", hashlib.sha256).digest()).decode()
    assert sign(KEY, "msg_1", 1700000000, b"{}") == f"v1,{expected}"


def test_whsec_secrets_are_base64_decoded_and_several_may_be_configured() -> None:
    old, new = (b"old-key-of-bawaslu-24b", b"new-key-of-bawaslu-24b")
    encoded = ["whsec_" + base64.b64encode(k).decode() for k in (old, new)]
    assert parse_secrets(" ".join(encoded)) == [old, new]
    with pytest.raises(SignatureError):
        parse_secrets("  ")


def test_verify_accepts_any_of_several_signatures_during_rotation() -> None:
    headers = signed_headers([b"old", b"new"], "esc-1", 1000, b'{"a":1}')
    assert len(headers["webhook-signature"].split()) == 2
    assert verify([b"new"], headers, b'{"a":1}', now=1001).msg_id == "esc-1"
    assert verify([b"old"], headers, b'{"a":1}', now=1001).timestamp == 1000


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda h, b: (h, b + b" "), "no signature matches"),
        (lambda h, b: ({**h, "webhook-id": "esc-2"}, b), "no signature matches"),
        (lambda h, b: ({k: v for k, v in h.items() if k != "webhook-signature"}, b), "missing"),
        (lambda h, b: ({**h, "webhook-timestamp": "soon"}, b), "not an integer"),
    ],
)
def test_verify_rejects_tampering(mutate, message) -> None:  # type: ignore[no-untyped-def]
    headers, body = mutate(signed_headers([KEY], "esc-1", 1000, b"{}"), b"{}")
    with pytest.raises(SignatureError, match=message):
        verify([KEY], headers, body, now=1000)


def test_verify_rejects_stale_and_future_timestamps() -> None:
    headers = signed_headers([KEY], "esc-1", 1000, b"{}")
    with pytest.raises(SignatureError, match="off"):
        verify([KEY], headers, b"{}", now=1000 + 301)
    with pytest.raises(SignatureError, match="off"):
        verify([KEY], headers, b"{}", now=1000 - 301)


def chain(n: int) -> list[AuditEntry]:
    entries, seq, prev = [], 0, GENESIS
    for i in range(n):
        entry = make_entry(seq, prev, at="2024-11-20T00:00:00Z", kind="alert", key=f"k{i}", actor="w", data={"i": i})
        entries.append(entry)
        seq, prev = entry.seq, entry.hash
    return entries


def test_an_intact_chain_verifies_against_its_head() -> None:
    entries = chain(5)
    verdict = verify_chain(entries, head=(5, entries[-1].hash))
    assert verdict.ok and verdict.entries == 5 and verdict.last_seq == 5


def edit(entry: AuditEntry, **data: object) -> AuditEntry:
    record = json.loads(entry.body)
    record["data"].update(data)
    return AuditEntry(entry.seq, entry.prev, entry.hash, json.dumps(record, sort_keys=True, separators=(",", ":")))


def test_an_edited_entry_is_found_and_named() -> None:
    entries = chain(5)
    entries[2] = edit(entries[2], i=99)
    verdict = verify_chain(entries, head=(5, entries[-1].hash))
    assert [str(p) for p in verdict.problems] == ["entry 3: was altered: its content no longer matches its hash"]


def test_an_edit_with_a_recomputed_hash_breaks_the_next_link() -> None:
    entries = chain(5)
    forged = edit(entries[2], i=99)
    entries[2] = AuditEntry(
        3, forged.prev, hashlib.sha256(f"{forged.prev}\n{forged.body}".encode()).hexdigest(), forged.body
    )
    problems = verify_chain(entries, head=(5, entries[-1].hash)).problems
    assert [p.seq for p in problems] == [4]


def test_deleted_reordered_and_truncated_entries_are_found() -> None:
    entries = chain(6)
    head = (6, entries[-1].hash)
    deleted = verify_chain([e for e in entries if e.seq != 3], head=head).problems
    assert any("entries 3..3 are missing" in str(p) for p in deleted)
    swapped = [*entries[:2], entries[3], entries[2], *entries[4:]]
    assert {p.seq for p in verify_chain(swapped, head=head).problems} >= {3, 4}
    truncated = verify_chain(entries[:4], head=head).problems
    assert any("head says 6" in str(p) for p in truncated)


def test_a_wholesale_rewrite_disagrees_with_outside_anchors() -> None:
    original = chain(4)
    rewritten = [*chain(3), make_entry(3, chain(3)[-1].hash, at="x", kind="alert", key="forged", actor="w", data={})]
    verdict = verify_chain(rewritten, head=(4, rewritten[-1].hash), anchors=[(4, original[-1].hash)])
    assert not verdict.ok and "anchor" in str(verdict.problems[0])


def test_a_trimmed_chain_verifies_from_its_anchor() -> None:
    entries = chain(5)
    assert verify_chain(entries[2:], head=(5, entries[-1].hash), anchor=(3, entries[1].hash)).ok
    assert not verify_chain(entries[3:], head=(5, entries[-1].hash), anchor=(3, entries[1].hash)).ok


def test_an_empty_whsec_secret_is_refused() -> None:
    with pytest.raises(SignatureError, match="empty"):
        parse_secrets("whsec_")
