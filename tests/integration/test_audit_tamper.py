"""An attacker with write access to the audit database cannot quietly rewrite the record:
tail truncation, checkpoint deletion with a recomputed history, and an edited decision
index all fail verification, in the database and offline against a copied anchor
directory and the auditor's pinned public key."""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine

from services.audit.anchor import AnchorLog, read_anchor
from services.audit.chain import HASHED_FIELDS, FreshnessPolicy, link
from services.audit.queries import iter_entries
from services.audit.signing import public_key_pem
from services.audit.store import append_entries, checkpoint_now, entry_from_envelope
from services.audit.verification import verify_store
from shared.cli import main as cli_main
from shared.events import UnitType
from tests.audit_support import (
    STORES,
    T0,
    assigned,
    call_flow,
    received,
    store_engine,
    store_url,
    triaged,
)

# The service's settings in these tests: a checkpoint row every 5 entries.
EVERY = 5
FRESH = FreshnessPolicy(max_entries=EVERY, max_seconds=120.0)


@pytest.fixture(params=STORES)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with store_engine(request.param, tmp_path) as engine:
        yield engine


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def record(engine: Engine, key: Ed25519PrivateKey, anchor: AnchorLog, calls: int) -> None:
    """The service's write path: one append per event, as at ordinary load."""
    for n in range(calls):
        for event in call_flow(f"call-{n}", units=(UnitType.police,)):
            append_entries(engine, [entry_from_envelope(event, "calls")], signing_key=key,
                           checkpoint_every=EVERY, anchor=anchor)


def verify(engine: Engine, key: Ed25519PrivateKey, anchor: AnchorLog | None) -> Any:
    anchored = read_anchor(anchor.directory) if anchor is not None else None
    return verify_store(engine, key.public_key(), anchored=anchored, freshness=FRESH)


def checkpoint_seqs(engine: Engine) -> list[int]:
    with engine.connect() as conn:
        return list(conn.execute(sa.text("SELECT seq FROM audit_checkpoint ORDER BY seq"))
                    .scalars())


def test_an_untouched_record_verifies_with_its_anchor_and_the_pinned_key(
        engine: Engine, key: Ed25519PrivateKey, tmp_path: Path) -> None:
    anchor = AnchorLog(tmp_path / "anchor")
    record(engine, key, anchor, 4)
    assert checkpoint_seqs(engine) == [5, 10]
    # Every append's head is signed into the anchor, outside the database.
    assert [r["seq"] for r in read_anchor(anchor.directory)] == list(range(1, 13))
    result = verify(engine, key, anchor)
    assert result.ok, result.reason
    assert result.entries == 12 and result.checkpoints == 14
    # Another key, even one the database's rows name, is not the pinned one.
    assert not verify_store(engine, Ed25519PrivateKey.generate().public_key(),
                            anchored=read_anchor(anchor.directory), freshness=FRESH).ok


def test_entries_past_the_last_checkpoint_deleted_fail_verification(
        engine: Engine, key: Ed25519PrivateKey, tmp_path: Path) -> None:
    anchor = AnchorLog(tmp_path / "anchor")
    record(engine, key, anchor, 4)
    last = checkpoint_seqs(engine)[-1]
    with engine.begin() as conn:  # behind the service's back, index and all
        for table in ("audit_entry", "audit_decision", "audit_decision_attr"):
            conn.execute(sa.text(f"DELETE FROM {table} WHERE seq > :s"), {"s": last})  # noqa: S608
    result = verify(engine, key, anchor)
    assert not result.ok
    assert "beyond the chain's end" in (result.reason or "")
    assert result.first_bad_seq == last + 1


def rewrite_history(engine: Engine, change: dict[str, Any]) -> None:
    """What an attacker with the database can do: change an entry, recompute every hash
    after it (the chain is internally consistent again) and delete every checkpoint."""
    with engine.connect() as conn:
        entries = list(iter_entries(conn))
    first = entries[2]
    first.update(change)
    tail = [{k: e[k] for k in HASHED_FIELDS if k not in ("seq", "prev_hash")}
            for e in entries[2:]]
    link(tail, entries[1]["hash"], first["seq"])
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM audit_checkpoint"))
        for e in tail:
            conn.execute(sa.text("UPDATE audit_entry SET payload_json = :p, prev_hash = :ph, "
                                 "hash = :h WHERE seq = :s"),
                         {"p": e["payload_json"], "ph": e["prev_hash"], "h": e["hash"],
                          "s": e["seq"]})


def test_checkpoints_deleted_and_history_rewritten_fail_verification(
        engine: Engine, key: Ed25519PrivateKey, tmp_path: Path) -> None:
    anchor = AnchorLog(tmp_path / "anchor")
    record(engine, key, anchor, 4)
    with engine.connect() as conn:
        third = next(e for e in iter_entries(conn) if e["seq"] == 3)
    payload = json.loads(third["payload_json"])
    payload["unit_type"] = "bcr"  # the police unit that was sent now reads as a bcr team
    rewrite_history(engine, {"payload_json": json.dumps(payload, sort_keys=True,
                                                        separators=(",", ":"))})
    # In the database alone: no checkpoint within N entries of the head any more.
    db_only = verify(engine, key, None)
    assert not db_only.ok
    assert f"no signed checkpoint within {EVERY} entries" in (db_only.reason or "")
    # Against the anchor: the rewritten chain differs from what was signed.
    anchored = verify(engine, key, anchor)
    assert not anchored.ok
    assert "differs from its signed checkpoint" in (anchored.reason or "")
    assert anchored.first_bad_seq == 3


def test_an_unsigned_tail_older_than_the_interval_fails_verification(
        engine: Engine, key: Ed25519PrivateKey, monkeypatch: pytest.MonkeyPatch) -> None:
    # Fewer entries than N, but recorded further apart than the timer leaves unsigned:
    # the timer's checkpoints in between were deleted.
    clock = iter([T0 + timedelta(minutes=3 * n) for n in range(3)])
    monkeypatch.setattr("services.audit.store.utcnow", lambda: next(clock))
    for event in call_flow("slow-1"):
        append_entries(engine, [entry_from_envelope(event, "calls")])
    result = verify(engine, key, None)
    assert not result.ok and "within 120 s" in (result.reason or "")
    monkeypatch.setattr("services.audit.store.utcnow", lambda: T0 + timedelta(minutes=7))
    # Signed now, the head is covered and the same chain verifies.
    assert checkpoint_now(engine, key) == 3
    assert verify(engine, key, None).ok


@pytest.mark.parametrize(("statement", "reason"), [
    ("UPDATE audit_decision SET unit_type = 'bcr', police = :f WHERE kind = 'assigned' "
     "AND seq = (SELECT min(seq) FROM audit_decision WHERE kind = 'assigned')",
     "differs from the chain (police, unit_type edited)"),
    ("UPDATE audit_decision SET pathway = 'community' WHERE kind = 'triaged' "
     "AND seq = (SELECT min(seq) FROM audit_decision WHERE kind = 'triaged')",
     "differs from the chain (pathway edited)"),
    ("DELETE FROM audit_decision_attr WHERE name = 'unit' AND value = 'police' "
     "AND seq = (SELECT min(seq) FROM audit_decision WHERE kind = 'triaged')",
     "differs from the chain (units edited)"),
    ("DELETE FROM audit_decision WHERE seq = 4", "missing from the decision index"),
    ("INSERT INTO audit_decision (seq, kind, call_id, occurred_at, police, fallback) "
     "VALUES (1000, 'triaged', 'ghost', '2026-11-25T14:00:00.000000Z', :f, :f)",
     "has no decision in the chain (inserted)"),
])
def test_an_edited_decision_index_fails_verification(
        engine: Engine, key: Ed25519PrivateKey, tmp_path: Path, statement: str,
        reason: str) -> None:
    # The index feeds search and the public figures: editing it would change what the
    # public is told about police dispatches without touching the chain.
    anchor = AnchorLog(tmp_path / "anchor")
    record(engine, key, anchor, 3)
    assert verify(engine, key, anchor).ok
    with engine.begin() as conn:
        conn.execute(sa.text(statement), {"f": False})
    result = verify(engine, key, anchor)
    assert not result.ok and reason in (result.reason or "")


def test_offline_verification_of_a_copied_anchor_against_the_pinned_key(
        engine: Engine, key: Ed25519PrivateKey, tmp_path: Path) -> None:
    anchor = AnchorLog(tmp_path / "service" / "audit_anchor")
    record(engine, key, anchor, 3)
    # What an auditor holds: the public key file handed over once, a copy of the anchor
    # directory, and an export of the chain.
    pinned = tmp_path / "auditor" / "audit.pub"
    pinned.parent.mkdir()
    pinned.write_bytes(public_key_pem(key.public_key()))
    copy = tmp_path / "auditor" / "anchor"
    shutil.copytree(anchor.directory, copy)
    export = tmp_path / "auditor" / "chain.jsonl"
    assert cli_main(["audit", "export", "--database-url", store_url(engine),
                     "--out", str(export)]) == 0

    def offline(*extra: str, chain: Path = export, key_file: Path = pinned) -> int:
        return cli_main(["audit", "verify", "--export", str(chain), "--anchor-dir", str(copy),
                         "--public-key-file", str(key_file), "--max-unsigned-entries",
                         str(EVERY), *extra])

    assert offline() == 0
    wrong = tmp_path / "auditor" / "wrong.pub"
    wrong.write_bytes(public_key_pem(Ed25519PrivateKey.generate().public_key()))
    assert offline(key_file=wrong) == 1
    # An export cut short after the last checkpoint row is caught by the anchor copy.
    lines = export.read_text().splitlines()
    entry_lines = [line for line in lines if '"record": "entry"' in line]
    short = tmp_path / "auditor" / "short.jsonl"
    short.write_text("\n".join(entry_lines[:-2] + [line for line in lines
                                                   if line not in entry_lines]) + "\n")
    assert offline(chain=short) == 1
    # The database itself, against the copy, from the command line.
    assert cli_main(["audit", "verify", "--database-url", store_url(engine), "--anchor-dir",
                     str(copy), "--public-key-file", str(pinned)]) == 0


@pytest.mark.parametrize("kind", STORES)
def test_the_index_is_a_function_of_the_chain_however_appends_were_batched(
        kind: str, tmp_path: Path) -> None:
    # An assignment recorded before its call's triage is completed by the first triage
    # after it, whether a re-triage follows in the same append or a later one: otherwise
    # verification could not recompute the index from the chain.
    r = received("re-1")
    first = triaged(r, pathway="behavioral_health", units=(UnitType.bcr,), tags=("bh",))
    again = triaged(r, pathway="police", units=(UnitType.police,), tags=("violence",),
                    rule="weapon.seen", policy_version="2").model_copy(
                        update={"event_id": uuid.uuid4()})  # a re-triage is an event of its own
    events = [r, assigned(first, UnitType.bcr, "BCR-4"), first, again,
              assigned(again, UnitType.police, "P-1")]
    indexes = []
    for n, batches in enumerate(([events], [[e] for e in events], [events[:3], events[3:]])):
        (tmp_path / str(n)).mkdir()
        with store_engine(kind, tmp_path / str(n)) as engine:
            for batch in batches:
                append_entries(engine, [entry_from_envelope(e, "calls") for e in batch])
            result = verify_store(engine, None)
            assert result.ok, result.reason
            with engine.connect() as conn:
                indexes.append([tuple(row) for row in conn.execute(sa.text(
                    "SELECT seq, kind, pathway, policy_version, unit_type, fallback "
                    "FROM audit_decision ORDER BY seq"))])
    assert len(indexes[0]) == 5
    assert indexes[0] == indexes[1] == indexes[2]
    assert indexes[0][1][1:] == ("assigned", "behavioral_health", "1", "bcr", False)


def test_a_long_anchor_is_sampled_yet_every_line_must_be_signed(
        engine: Engine, key: Ed25519PrivateKey, tmp_path: Path) -> None:
    # The anchor has a line per append: verification keeps a sample of them in memory,
    # but checks every line's signature, and always keeps the newest.
    anchor = AnchorLog(tmp_path / "anchor")
    record(engine, key, anchor, 8)
    sample = read_anchor(anchor.directory, key.public_key(), keep_every=EVERY)
    assert [r["seq"] for r in sample] == [1, 6, 11, 16, 21, 24]
    assert verify_store(engine, key.public_key(), anchored=sample, freshness=FRESH).ok
    # A line someone appended without the key is reported even between samples.
    forged = {**read_anchor(anchor.directory)[2], "hash": "f" * 64}
    anchor.append([forged])
    sample = read_anchor(anchor.directory, key.public_key(), keep_every=EVERY)
    result = verify_store(engine, key.public_key(), anchored=sample, freshness=FRESH)
    assert not result.ok and "checkpoint at seq 3 has an invalid signature" in (
        result.reason or "")
