"""The hash chain's pure logic: canonical form, linking, verification, checkpoints."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from services.audit.chain import (
    GENESIS,
    canonical_json,
    canonical_payload,
    entry_hash,
    link,
    sign_checkpoint,
    timestamp,
    verify_chain,
)


def new_entry(n: int, payload: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "kind": "event", "event_id": f"00000000-0000-0000-0000-{n:012d}",
        "event_type": "CallReceived", "schema_version": 1, "call_id": f"c{n}",
        "causation_id": None, "producer": "intake", "unit_id": None, "topic": "calls.received",
        "occurred_at": "2026-11-25T14:00:00.000000Z",
        "recorded_at": "2026-11-25T14:00:01.000000Z",
        "payload_json": canonical_payload(payload or {"n": n, "narrative": "secret"}),
    }


def chain(n: int) -> list[dict[str, Any]]:
    entries = [new_entry(i) for i in range(n)]
    link(entries, GENESIS, 1)
    return entries


def test_canonical_json_is_independent_of_key_order_and_spacing() -> None:
    assert canonical_json({"b": 1, "a": [1, {"d": 2, "c": "é"}]}) == \
        canonical_json({"a": [1, {"c": "é", "d": 2}], "b": 1})
    assert canonical_json({"a": "é"}) == '{"a":"é"}'.encode()


def test_timestamps_are_fixed_width_utc() -> None:
    local = datetime(2026, 11, 25, 8, 0, tzinfo=timezone(timedelta(hours=-6)))
    assert timestamp(local) == "2026-11-25T14:00:00.000000Z"
    assert timestamp(datetime(2026, 11, 25, 14, 0)) == "2026-11-25T14:00:00.000000Z"


def test_link_gives_consecutive_seqs_and_each_hash_covers_the_previous() -> None:
    entries = chain(3)
    assert [e["seq"] for e in entries] == [1, 2, 3]
    assert entries[0]["prev_hash"] == GENESIS
    assert entries[2]["prev_hash"] == entries[1]["hash"]
    changed = copy.deepcopy(entries[1])
    changed["prev_hash"] = "f" * 64
    assert entry_hash(changed) != entries[1]["hash"]
    result = verify_chain(entries)
    assert result.ok and result.entries == 3 and result.head_hash == entries[2]["hash"]


def test_every_hashed_field_matters() -> None:
    entries = chain(1)
    for field, value in [("payload_json", "{}"), ("occurred_at", "2027"), ("call_id", "other"),
                         ("event_type", "X"), ("seq", 1), ("kind", "access")]:
        altered = copy.deepcopy(entries)
        if altered[0][field] == value:
            continue
        altered[0][field] = value
        assert not verify_chain(altered).ok, field


def test_the_first_altered_entry_is_named() -> None:
    entries = chain(5)
    entries[2]["payload_json"] = canonical_payload({"n": 2, "narrative": "edited"})
    entries[3]["payload_json"] = "{}"
    result = verify_chain(entries)
    assert not result.ok and result.first_bad_seq == 3
    assert result.first_bad_event_id == entries[2]["event_id"]
    assert result.entries == 2


def test_a_rehashed_entry_breaks_the_next_link() -> None:
    entries = chain(4)
    entries[1]["payload_json"] = "{}"
    entries[1]["hash"] = entry_hash(entries[1])  # the forger recomputes this one hash
    result = verify_chain(entries)
    assert not result.ok and result.first_bad_seq == 3 and "prev_hash" in (result.reason or "")


def test_missing_and_reordered_entries_are_caught() -> None:
    entries = chain(4)
    result = verify_chain([entries[0], entries[2], entries[3]])
    assert not result.ok and result.first_bad_seq == 2
    result = verify_chain([entries[1], entries[0]])
    assert not result.ok and result.first_bad_seq == 1


def test_checkpoints_verify_with_the_right_key_only() -> None:
    key = Ed25519PrivateKey.generate()
    entries = chain(6)
    at = "2026-11-25T15:00:00.000000Z"
    cp = {"seq": 4, "hash": entries[3]["hash"], "signed_at": at,
          "signature": sign_checkpoint(key, 4, entries[3]["hash"], at)}
    assert verify_chain(entries, [cp], key.public_key()).checkpoints == 1
    assert not verify_chain(entries, [cp], Ed25519PrivateKey.generate().public_key()).ok
    forged = {**cp, "signed_at": "2030-01-01T00:00:00.000000Z"}
    assert "invalid signature" in (verify_chain(entries, [forged], key.public_key()).reason or "")
    beyond = verify_chain(entries[:3], [cp], key.public_key())
    assert not beyond.ok and "beyond" in (beyond.reason or "")


def test_a_chain_rewritten_from_the_start_differs_from_its_checkpoint() -> None:
    key = Ed25519PrivateKey.generate()
    entries = chain(4)
    at = "2026-11-25T15:00:00.000000Z"
    cp = {"seq": 4, "hash": entries[3]["hash"], "signed_at": at,
          "signature": sign_checkpoint(key, 4, entries[3]["hash"], at)}
    forged = [new_entry(i, {"n": i}) for i in range(4)]
    link(forged, GENESIS, 1)
    assert verify_chain(forged).ok  # internally consistent...
    result = verify_chain(forged, [cp], key.public_key())
    assert not result.ok and "differs from its signed checkpoint" in (result.reason or "")


@given(st.lists(st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=8),
                                max_size=4), min_size=1, max_size=8),
       st.data())
def test_any_single_payload_change_is_detected(
    payloads: list[dict[str, Any]], data: st.DataObject
) -> None:
    entries = [new_entry(i, p) for i, p in enumerate(payloads)]
    link(entries, GENESIS, 1)
    assert verify_chain(entries).ok
    i = data.draw(st.integers(0, len(entries) - 1))
    new = data.draw(st.dictionaries(st.text(max_size=5), st.integers(), max_size=3))
    if canonical_payload(new) == entries[i]["payload_json"]:
        return
    entries[i]["payload_json"] = canonical_payload(new)
    result = verify_chain(entries)
    assert not result.ok and result.first_bad_seq == i + 1


def test_the_hash_is_the_documented_formula() -> None:
    import hashlib

    from services.audit.chain import HASHED_FIELDS

    [entry] = chain(1)
    body = {k: entry[k] for k in HASHED_FIELDS}
    expected = hashlib.sha256(
        GENESIS.encode() + b"\n" + json.dumps(body, sort_keys=True, separators=(",", ":"),
                                              ensure_ascii=False).encode()).hexdigest()
    assert entry["hash"] == expected


def test_a_checkpoint_signature_is_bound_to_its_context_and_its_key() -> None:
    import base64

    from services.audit.chain import CHECKPOINT_CONTEXT, key_id, signed_checkpoint

    key = Ed25519PrivateKey.generate()
    entries = chain(3)
    at = "2026-11-25T15:00:00.000000Z"
    cp = signed_checkpoint(key, 3, entries[2]["hash"], at)
    assert cp["key_id"] == key_id(key.public_key()) and len(cp["key_id"]) == 16
    assert verify_chain(entries, [cp], key.public_key()).ok
    # The same key signing the same head without the context (or under another context,
    # or naming another key) does not make a checkpoint.
    for body in ({"seq": 3, "hash": entries[2]["hash"], "signed_at": at},
                 {"context": "some-other-use", "key_id": cp["key_id"], "seq": 3,
                  "hash": entries[2]["hash"], "signed_at": at},
                 {"context": CHECKPOINT_CONTEXT, "key_id": "0" * 16, "seq": 3,
                  "hash": entries[2]["hash"], "signed_at": at}):
        forged = {**cp, "signature": base64.b64encode(key.sign(canonical_json(body))).decode()}
        result = verify_chain(entries, [forged], key.public_key())
        assert not result.ok and "invalid signature" in (result.reason or "")
    other = verify_chain(entries, [{**cp, "key_id": "f" * 16}], key.public_key())
    assert not other.ok and "not the pinned key" in (other.reason or "")


def test_the_head_must_be_signed_within_n_entries_and_t_seconds() -> None:
    from services.audit.chain import FreshnessPolicy, signed_checkpoint

    key = Ed25519PrivateKey.generate()
    entries = [new_entry(i) for i in range(6)]
    for i, e in enumerate(entries):
        e["recorded_at"] = f"2026-11-25T14:00:{i * 10:02d}.000000Z"
    link(entries, GENESIS, 1)
    policy = FreshnessPolicy(max_entries=5, max_seconds=30)
    at = "2026-11-25T15:00:00.000000Z"

    def cp(seq: int) -> dict[str, Any]:
        return signed_checkpoint(key, seq, entries[seq - 1]["hash"], at)

    never = verify_chain(entries, [], key.public_key(), policy)
    assert not never.ok and "within 5 entries" in (never.reason or "")
    assert never.first_bad_seq == 1
    # Three unsigned entries recorded 20 s apart end to end: within both limits.
    assert verify_chain(entries, [cp(3)], key.public_key(), policy).ok
    # Four unsigned entries span 30 s; five span 40 s, over the time limit.
    by_time = FreshnessPolicy(max_entries=100, max_seconds=30)
    assert verify_chain(entries, [cp(2)], key.public_key(), by_time).ok
    late = verify_chain(entries, [cp(1)], key.public_key(), by_time)
    assert not late.ok and "within 30 s" in (late.reason or "") and late.first_bad_seq == 2
    assert verify_chain(entries, [cp(1), cp(6)], key.public_key(), policy).ok
    # Without a policy (a chain never meant to be signed) only hashes and signatures count.
    assert verify_chain(entries, [], key.public_key()).ok
