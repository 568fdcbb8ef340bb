"""Each triage policy version's full text is sent once, with the first decision made under
it, under one id per hash; audit archives only a text that matches its hash."""

from __future__ import annotations

import base64
import gzip
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.audit.policy_diff import policy_change
from services.audit.policy_versions import archivable
from services.audit.store import entry_from_envelope
from services.triage.engine import load_policy
from services.triage.handlers import build_batch_handlers, build_handlers
from services.triage.policy import DEFAULT_POLICY_PATH, PolicyError
from services.triage.policy_archive import PolicyAnnouncer, announcement_id, policy_version_used
from services.triage.store import consumer_stores, init_store
from shared.db import make_engine
from shared.events import CallReceived, CallTriaged, Envelope, Location, make_event, parse_event
from shared.policy_contracts import (
    PolicyVersionUsed,
    ReaderUnpackError,
    pack_reader,
    policy_digest,
    unpack_reader,
)
from shared.topics import CALLS_RECEIVED, CALLS_TRIAGED, POLICY_VERSIONS
from tests.memory_broker import MemoryBroker

POLICY = load_policy()
READER_PATH = DEFAULT_POLICY_PATH.parent / "reader.json"


def call(n: int) -> Envelope:
    return make_event(CallReceived(
        agency="mpls", cad_incident_id=f"MP-{n}", call_type="THEFT RPT",
        narrative="bike stolen overnight, suspect gone", received_at=datetime.now(UTC),
        location=Location(address="Lake St")), producer="intake", call_id=f"call-{n}")


@pytest.fixture
def triage(tmp_path: Path) -> Iterator[MemoryBroker]:
    engine = make_engine(f"sqlite:///{tmp_path / 'triage.db'}")
    init_store(engine)
    decisions, processed = consumer_stores(engine, "triage")
    announcer = PolicyAnnouncer(POLICY, "triage")
    try:
        yield MemoryBroker.for_handlers(
            build_handlers(POLICY, decisions, "triage", announcer),
            batch_handlers=build_batch_handlers(POLICY, decisions, "triage", announcer),
            processed=processed,
            topics=[CALLS_RECEIVED], group="triage", producer="triage")
    finally:
        engine.dispose()


def test_the_published_text_is_exactly_what_the_decisions_hash_names() -> None:
    used = policy_version_used(POLICY)
    assert used.policy_text == DEFAULT_POLICY_PATH.read_text(encoding="utf-8")
    assert unpack_reader(used.reader_gzip_base64 or "") == READER_PATH.read_bytes()
    assert used.policy_hash == POLICY.hash == policy_digest(
        DEFAULT_POLICY_PATH.read_bytes(), READER_PATH.read_bytes())
    assert (used.policy_id, used.policy_version) == (POLICY.policy_id, POLICY.version)
    assert used.digest_holds()
    # one record on the broker's default 1 MB limit, envelope and all
    event = make_event(used, producer="triage", call_id=None, key=used.policy_hash)
    assert len(event.model_dump_json()) < 1_000_000


def test_the_text_published_is_the_text_read_even_if_the_file_changes_after(
        tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_bytes(DEFAULT_POLICY_PATH.read_bytes())
    (tmp_path / "reader.json").write_bytes(READER_PATH.read_bytes())
    policy = load_policy(path)
    path.write_text("policy_id: edited-after-start\n", encoding="utf-8")
    assert policy_version_used(policy).digest_holds()
    assert policy_version_used(policy).policy_text == DEFAULT_POLICY_PATH.read_text("utf-8")


def test_a_policy_that_cannot_be_published_stops_triage_at_start(tmp_path: Path) -> None:
    assert POLICY.source is not None
    latin1 = replace(POLICY, source=replace(POLICY.source, policy_bytes=b"caf\xe9: 1\n"))
    with pytest.raises(PolicyError, match="UTF-8"):
        PolicyAnnouncer(latin1, "triage")
    huge = replace(POLICY, source=replace(POLICY.source, policy_bytes=b"#" * 500_000))
    with pytest.raises(PolicyError, match="policy_text"):
        PolicyAnnouncer(huge, "triage")


async def test_the_first_decision_brings_the_policy_text_and_later_ones_do_not(
        triage: MemoryBroker) -> None:
    first = call(1)
    await triage.publish(CALLS_RECEIVED, first)
    await triage.publish(CALLS_RECEIVED, call(2), call(3))
    [announced] = triage.events(POLICY_VERSIONS)
    _, payload = parse_event(announced.model_dump_json().encode())
    assert isinstance(payload, PolicyVersionUsed) and payload.policy_hash == POLICY.hash
    assert announced.event_id == announcement_id(POLICY.hash)
    assert announced.causation_id == first.event_id and announced.key == POLICY.hash
    # the decisions' own topic carries decisions only, each naming the hash archived
    decisions = [CallTriaged.model_validate(e.payload) for e in triage.events(CALLS_TRIAGED)]
    assert len(decisions) == 3 and {d.policy_hash for d in decisions} == {POLICY.hash}


def test_a_restart_or_a_second_instance_sends_the_very_same_event() -> None:
    one, two = PolicyAnnouncer(POLICY, "triage"), PolicyAnnouncer(POLICY, "triage")
    [(topic, a)] = one.first_use(call(1))
    [(_, b)] = two.first_use(call(2))
    assert topic == POLICY_VERSIONS and a.event_id == b.event_id
    assert one.first_use(call(3)) == []
    # the first call handled again (its batch retried one by one) brings it again
    again = PolicyAnnouncer(POLICY, "triage")
    cause = call(4)
    assert again.first_use(cause) and again.first_use(cause)
    assert again.first_use(call(5)) == []


def entry(used: PolicyVersionUsed, at: str = "2026-11-25T14:00:00") -> dict[str, object]:
    event = make_event(used, producer="triage", call_id=None, key=used.policy_hash,
                       occurred_at=datetime.fromisoformat(at).replace(tzinfo=UTC))
    return entry_from_envelope(event, POLICY_VERSIONS)


def test_audit_archives_a_text_only_when_it_matches_its_hash() -> None:
    used = policy_version_used(POLICY)
    forged = used.model_copy(update={"policy_text": used.policy_text.replace(
        "police", "nobody", 1)})
    other_reader = used.model_copy(update={"reader_gzip_base64": pack_reader(b"{}")})
    rows = archivable([entry(forged), entry(other_reader), entry(used), entry(used)])
    assert [r["policy_hash"] for r in rows] == [POLICY.hash]
    assert rows[0]["first_used_at"] == "2026-11-25T14:00:00.000000Z"
    assert rows[0]["policy_text"] == used.policy_text


def test_a_packed_reader_never_unpacks_past_its_bound() -> None:
    bomb = base64.b64encode(gzip.compress(b"\0" * 2_000_000)).decode()
    with pytest.raises(ReaderUnpackError, match="past"):
        unpack_reader(bomb, limit=1_000_000)
    with pytest.raises(ReaderUnpackError, match="base64"):
        unpack_reader("not base64!")
    with pytest.raises(ReaderUnpackError, match="truncated"):
        unpack_reader(base64.b64encode(gzip.compress(b"x" * 1000)[:-12]).decode())
    assert unpack_reader(pack_reader(b"abc")) == b"abc"
    assert pack_reader(b"abc") == pack_reader(b"abc")  # no timestamp inside


def test_the_difference_between_versions_is_a_readable_unified_diff() -> None:
    before = "policy_id: p\nversion: 1\npathways:\n  - name: bh\n    units: [bcr]\n"
    after = before.replace("version: 1", "version: 2").replace("[bcr]", "[bcr, ems]")
    change = policy_change(before, after, "v1", "v2", "r" * 64, "r" * 64)
    assert change.diff.startswith("--- v1\n+++ v2\n@@")
    assert "-version: 1\n+version: 2\n" in change.diff
    assert "-    units: [bcr]\n+    units: [bcr, ems]\n" in change.diff
    assert (change.lines_added, change.lines_removed, change.reader_changed) == (2, 2, False)
    assert policy_change(before, before, "a", "b", None, "s" * 64).reader_changed
