"""Intake's store on each database: plain DB-API statements on one connection."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from services.intake.store import CallRow, DuplicateRow, IntakeStore
from tests.db_support import POSTGRES_URL, STORES, fresh_database


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[IntakeStore]:
    with fresh_database(request.param, tmp_path, "intake") as url:
        store = IntakeStore(url)
        yield store
        store.close()


def test_rows_round_trip(store: IntakeStore) -> None:
    when = datetime(2026, 11, 25, 20, 3, tzinfo=UTC)
    store.insert(CallRow(call_id="c1", agency="mpls", cad_incident_id="MP-1", body_hash="h",
                      state="{}", outbox="event", idempotency_key="k1", created_at=when,
                      updated_at=when))
    row = store.get("c1")
    assert row is not None and row.outbox == "event" and row.version == 0
    assert row.created_at.replace(tzinfo=UTC) == when
    keyed = store.by_idempotency_key("mpls", "k1")
    assert keyed is not None and keyed.call_id == "c1"
    assert store.by_idempotency_key("stlp", "k1") is None
    row.outbox, row.version, row.state = None, 3, '{"a": 1}'
    assert store.save(row, "outbox", expected_version=0)
    again = store.get("c1")
    assert again is not None and again.outbox is None and again.version == 0
    assert store.save(row, expected_version=0)
    again = store.get("c1")
    assert again is not None and again.version == 3 and again.state == '{"a": 1}'
    # Written only at the version it was read at: another writer got there first.
    row.state = '{"b": 2}'
    assert not store.save(row, expected_version=2)
    again = store.get("c1")
    assert again is not None and again.state == '{"a": 1}'
    store.delete("c1")
    assert store.get("c1") is None
    store.close()


def test_the_same_incident_cannot_be_recorded_twice(store: IntakeStore) -> None:
    store.insert(CallRow(call_id="c1", agency="mpls", cad_incident_id="MP-1", body_hash="h",
                      state="{}"))
    with pytest.raises(DuplicateRow):
        store.insert(CallRow(call_id="c2", agency="mpls", cad_incident_id="MP-1",
                          body_hash="h", state="{}"))
    assert store.get("c2") is None
    store.insert(CallRow(call_id="c3", agency="mpls", cad_incident_id="MP-3", body_hash="h",
                         state="{}", idempotency_key="k"))
    with pytest.raises(DuplicateRow):
        store.insert(CallRow(call_id="c4", agency="mpls", cad_incident_id="MP-4",
                             body_hash="h", state="{}", idempotency_key="k"))
    store.close()


def test_two_processes_may_create_the_table_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """uvicorn --workers 2 starts two intakes on one fresh file: the slower CREATE fails."""
    from sqlalchemy.exc import OperationalError
    from sqlmodel import SQLModel

    real = SQLModel.metadata.create_all
    calls: list[int] = []

    def racing(*args: object, **kwargs: object) -> None:
        calls.append(1)
        if len(calls) == 1:
            real(*args, **kwargs)  # type: ignore[arg-type]  # the other process wins...
            raise OperationalError("CREATE TABLE", {}, Exception("table already exists"))
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(SQLModel.metadata, "create_all", racing)
    store = IntakeStore(f"sqlite:///{tmp_path / 'intake.db'}")
    assert len(calls) == 2 and store.get("c1") is None
    store.close()


@pytest.mark.skipif(not POSTGRES_URL, reason="PostgreSQL not configured (always set in CI)")
def test_a_connection_the_server_dropped_is_replaced(tmp_path: Path) -> None:
    """A PostgreSQL restart (here: the server ending the session) costs no request."""
    with fresh_database("postgresql", tmp_path, "intake") as url:
        store = IntakeStore(url)
        store.insert(CallRow(call_id="c1", agency="mpls", cad_incident_id="MP-1",
                             body_hash="h", state="{}"))
        pid = store._raw.dbapi_connection.info.backend_pid
        admin = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
        with admin.begin() as conn:
            conn.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        admin.dispose()
        row = store.get("c1")
        assert row is not None and row.cad_incident_id == "MP-1"
        store.insert(CallRow(call_id="c2", agency="mpls", cad_incident_id="MP-2",
                             body_hash="h", state="{}"))
        assert store.get("c2") is not None
        store.close()
