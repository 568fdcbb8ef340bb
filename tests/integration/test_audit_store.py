"""The audit store on SQLite and PostgreSQL: chain, idempotency, verification, search."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine

from services.audit.queries import DecisionFilters, iter_entries, search_decisions
from services.audit.store import (
    access_entry,
    append_entries,
    checkpoint_now,
    entry_from_envelope,
    init_store,
    record_event,
)
from services.audit.verification import verify_store
from shared.events import Envelope, UnitType
from tests.audit_support import STORES, T0, call_flow, queued, received, store_engine, triaged


@pytest.fixture(params=STORES)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with store_engine(request.param, tmp_path) as engine:
        yield engine


def entries(events: list[Envelope]) -> list[dict[str, object]]:
    return [entry_from_envelope(e, "calls.received") for e in events]


def test_each_event_is_stored_once_and_chained(engine: Engine) -> None:
    flow = call_flow("c-1")
    assert append_entries(engine, entries(flow)).appended == 3
    # A redelivery (and a duplicate inside one batch) appends nothing.
    assert append_entries(engine, entries(flow + flow)).appended == 0
    assert record_event(engine, flow[0]) is False
    with engine.connect() as conn:
        rows = list(iter_entries(conn))
    assert [r["seq"] for r in rows] == [1, 2, 3]
    assert [r["event_id"] for r in rows] == [str(e.event_id) for e in flow]
    assert rows[0]["prev_hash"] == "0" * 64
    assert all(rows[i]["prev_hash"] == rows[i - 1]["hash"] for i in (1, 2))
    assert verify_store(engine, None).ok


def test_an_altered_row_fails_verification_at_that_row(engine: Engine) -> None:
    key = Ed25519PrivateKey.generate()
    events = [e for n in range(4) for e in call_flow(f"call-{n}")]
    append_entries(engine, entries(events), signing_key=key, checkpoint_every=5)
    good = verify_store(engine, key.public_key())
    assert good.ok and good.entries == 12 and good.checkpoints == 1
    with engine.begin() as conn:  # behind the service's back
        conn.execute(sa.text("UPDATE audit_entry SET payload_json = :p WHERE seq = 7"),
                     {"p": '{"narrative":"nothing happened"}'})
    bad = verify_store(engine, key.public_key())
    assert not bad.ok
    assert bad.first_bad_seq == 7 and bad.first_bad_event_id == str(events[6].event_id)
    assert "altered" in (bad.reason or "")


def test_a_deleted_row_and_a_rewritten_tail_are_caught(engine: Engine) -> None:
    key = Ed25519PrivateKey.generate()
    events = [e for n in range(3) for e in call_flow(f"d-{n}")]
    append_entries(engine, entries(events), signing_key=key, checkpoint_every=9)
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM audit_entry WHERE seq = 4"))
    result = verify_store(engine, key.public_key())
    assert not result.ok and result.first_bad_seq == 4 and "missing" in (result.reason or "")


def test_a_truncated_chain_is_caught_by_its_signed_checkpoint(engine: Engine) -> None:
    key = Ed25519PrivateKey.generate()
    append_entries(engine, entries(call_flow("t-1") + call_flow("t-2")), signing_key=key,
                   checkpoint_every=6)
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM audit_entry WHERE seq >= 5"))
    result = verify_store(engine, key.public_key())
    assert not result.ok and "beyond the chain's end" in (result.reason or "")
    # A checkpoint signed by another key is refused as well.
    other = Ed25519PrivateKey.generate()
    assert not verify_store(engine, other.public_key()).ok


def test_checkpoints_every_n_entries_and_on_the_timer(engine: Engine) -> None:
    key = Ed25519PrivateKey.generate()
    events = [e for n in range(4) for e in call_flow(f"k-{n}")]
    for e in events:
        append_entries(engine, [entry_from_envelope(e)], signing_key=key, checkpoint_every=5)
    with engine.connect() as conn:
        seqs = list(conn.execute(sa.text("SELECT seq FROM audit_checkpoint ORDER BY seq"))
                    .scalars())
    assert seqs == [5, 10]
    assert checkpoint_now(engine, key) == 12
    assert checkpoint_now(engine, key) is None  # the head has not moved
    assert verify_store(engine, key.public_key()).checkpoints == 3


def test_two_writers_appending_at_once_keep_one_unbroken_chain(engine: Engine) -> None:
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            for n in range(15):
                append_entries(engine, entries(call_flow(f"{name}-{n}")))
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=writer, args=(w,)) for w in ("a", "b", "c")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    result = verify_store(engine, None)
    assert result.ok and result.entries == 3 * 15 * 3


def seed_search(engine: Engine) -> None:
    events: list[Envelope] = []
    for n in range(6):
        events += call_flow(f"bh-{n}", T0 + timedelta(hours=n), district="3")
    for n in range(3):
        events += call_flow(f"po-{n}", T0 + timedelta(days=1, hours=n), pathway="police",
                            units=(UnitType.police,), tags=("violence",), rule="weapon.seen",
                            policy_version="2", district="5")
    r = received("fb-1", T0 + timedelta(hours=2))
    t = triaged(r)
    from tests.audit_support import assigned

    events += [r, t, queued(t), assigned(t, UnitType.police, "P3-31")]
    append_entries(engine, entries(events))
    append_entries(engine, [access_entry({"key_id": "x"})])


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (DecisionFilters(kind="triaged"), 10),
        (DecisionFilters(kind="triaged", pathway="police"), 3),
        (DecisionFilters(kind="triaged", policy_version="2"), 3),
        (DecisionFilters(kind="triaged", district="5"), 3),
        (DecisionFilters(kind="triaged", tag="bh"), 7),
        (DecisionFilters(kind="triaged", rule_id="weapon.seen"), 3),
        (DecisionFilters(kind="assigned", unit_type="police"), 4),
        (DecisionFilters(unit_type="bcr", kind="assigned"), 6),
        (DecisionFilters(fallback=True), 2),
        (DecisionFilters(kind="assigned", fallback=False), 9),
        (DecisionFilters(kind="triaged", occurred_from=T0 + timedelta(days=1)), 3),
        (DecisionFilters(kind="triaged", occurred_to=T0 + timedelta(hours=2)), 2),
        (DecisionFilters(kind="triaged", pathway="x' OR '1'='1"), 0),
    ],
)
def test_decision_search_filters(
    engine: Engine, filters: DecisionFilters, expected: int
) -> None:
    seed_search(engine)
    with engine.connect() as conn:
        items, nxt = search_decisions(conn, filters, limit=500)
    assert len(items) == expected and nxt is None


def test_search_pages_with_a_cursor_and_redacts_unless_revealed(engine: Engine) -> None:
    seed_search(engine)
    seen: list[int] = []
    after = 0
    with engine.connect() as conn:
        while True:
            page, nxt = search_decisions(conn, DecisionFilters(), after_seq=after, limit=7)
            seen += [d.seq for d in page]
            if nxt is None:
                break
            after = nxt
        assert len(seen) == len(set(seen)) == 31 and seen == sorted(seen)
        [fb] = search_decisions(conn, DecisionFilters(fallback=True, kind="assigned"))[0]
        assert fb.pathway == "behavioral_health" and fb.unit_type == "police"
        assert fb.tags == ["bh"] and fb.rule_ids == ["bh.suicidal_no_means"]
        [t] = search_decisions(conn, DecisionFilters(kind="triaged", call_id="fb-1"))[0]
        assert t.payload["reasons"][0]["evidence"] == "[redacted]"
        [t] = search_decisions(conn, DecisionFilters(kind="triaged", call_id="fb-1"),
                               reveal=True)[0]
        assert t.payload["reasons"][0]["evidence"] == "hurting himself"


def test_unknown_event_types_are_recorded(engine: Engine) -> None:
    event = Envelope(event_id=uuid.uuid4(), event_type="UnitRefuelled", schema_version=7,
                     occurred_at=T0, call_id=None, producer="fleet", payload={"litres": 40})
    assert record_event(engine, event)
    with engine.connect() as conn:
        [row] = list(iter_entries(conn))
    assert row["event_type"] == "UnitRefuelled" and row["schema_version"] == 7
    assert verify_store(engine, None).ok


def test_a_decision_recorded_before_its_triage_gets_the_triage_context(engine: Engine) -> None:
    # Topics are consumed in parallel, so a call's assignment can be recorded first.
    r = received("late-1")
    t = triaged(r, pathway="police", units=(UnitType.police,), tags=("violence",),
                rule="weapon.seen", policy_version="2", district="5")
    from tests.audit_support import assigned

    a = assigned(t, UnitType.bcr, "BCR-7")
    append_entries(engine, entries([r, a]))
    # And within one batch: the queue entry before the triage it follows.
    append_entries(engine, entries([queued(t, UnitType.police), t]))
    with engine.connect() as conn:
        [d] = search_decisions(conn, DecisionFilters(kind="assigned", call_id="late-1"))[0]
        [q] = search_decisions(conn, DecisionFilters(kind="queued", call_id="late-1"))[0]
        by_tag = search_decisions(conn, DecisionFilters(tag="violence", rule_id="weapon.seen"))[0]
    assert (d.pathway, d.policy_version, d.district) == ("police", "2", "5")
    assert d.tags == ["violence"] and d.rule_ids == ["weapon.seen"] and d.units == ["bcr"]
    assert d.fallback  # a bcr unit went where the triage asked for police
    assert (q.pathway, q.policy_version, q.fallback) == ("police", "2", True)
    assert sorted(x.kind for x in by_tag) == ["assigned", "queued", "triaged"]
    assert verify_store(engine, None).ok


def _index(engine: Engine) -> tuple[list[Any], dict[int, list[tuple[str, str]]]]:
    with engine.connect() as conn:
        decisions = [tuple(r) for r in conn.execute(
            sa.text("SELECT * FROM audit_decision ORDER BY seq"))]
        attrs: dict[int, list[tuple[str, str]]] = {}
        for seq, name, value in conn.execute(sa.text(
                "SELECT seq, name, value FROM audit_decision_attr ORDER BY id")):
            attrs.setdefault(seq, []).append((name, value))
    return decisions, attrs


@pytest.mark.parametrize("kind", STORES)
def test_one_batch_and_one_event_at_a_time_give_the_same_record(
    kind: str, tmp_path: Path
) -> None:
    # Large enough for PostgreSQL's COPY path; shuffled so that some assignments and
    # queue entries come before their triage, in the batch and across appends.
    events: list[Envelope] = []
    for n in range(12):
        flow = call_flow(f"b-{n}", T0 + timedelta(minutes=n),
                         units=(UnitType.bcr, UnitType.police))
        flow.append(queued(flow[1]))
        if n % 2:
            flow[1:] = reversed(flow[1:])
        events += flow
    (tmp_path / "batch").mkdir()
    (tmp_path / "single").mkdir()
    with store_engine(kind, tmp_path / "batch") as batch, \
            store_engine(kind, tmp_path / "single") as single:
        assert append_entries(batch, entries(events)).appended == len(events)
        for event in events:
            append_entries(single, entries([event]))
        assert append_entries(batch, entries(events[:5])).appended == 0
        for engine in (batch, single):
            assert verify_store(engine, None).entries == len(events)
        with batch.connect() as b, single.connect() as s:
            def ids(conn: sa.Connection) -> list[str]:
                return [e["event_id"] for e in iter_entries(conn)]
            assert ids(b) == ids(s) == [str(e.event_id) for e in events]
        assert _index(batch) == _index(single)


def test_a_locked_store_is_a_transient_error(tmp_path: Path) -> None:
    # The write path raises the driver's own errors (not SQLAlchemy's): a locked or
    # unreachable database must still mean "retry later", never "skip the event".
    import sqlite3

    from services.audit.handlers import record_entries
    from shared.kafka import TransientError

    path = tmp_path / "locked.db"
    engine = sa.create_engine(f"sqlite:///{path}", connect_args={"timeout": 0.05})
    init_store(engine)
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(TransientError) as caught:
            record_entries(engine, Ed25519PrivateKey.generate(), 1000, None,
                           entries(call_flow("locked-1")))
        assert isinstance(caught.value.__cause__, sqlite3.OperationalError)
    finally:
        holder.rollback()
        holder.close()
    assert append_entries(engine, entries(call_flow("locked-1"))).appended == 3
    engine.dispose()
