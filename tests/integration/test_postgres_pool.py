"""Pooled PostgreSQL connections: one the server ended while it sat idle is replaced
before anyone uses it; one in steady use costs no extra round trip to check."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from shared import db
from shared.db import make_engine, store_unavailable
from tests.db_support import STORES, fresh_database

# Pools and server sessions: PostgreSQL only.
pytestmark = pytest.mark.parametrize("kind", [s for s in STORES if s == "postgresql"])


@pytest.fixture
def engine(kind: str, tmp_path: Path) -> Iterator[Engine]:
    with fresh_database(kind, tmp_path, "pool") as url:
        engine = make_engine(url)
        try:
            yield engine
        finally:
            engine.dispose()


def backend_pid(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(sa.text("SELECT pg_backend_pid()")).scalar_one())


def end_sessions(engine: Engine, pids: list[int]) -> None:
    """What a restart, a failover or an administrator does: the server ends the sessions
    (and they are gone before this returns)."""
    other = make_engine(engine.url.render_as_string(hide_password=False))
    try:
        with other.connect() as connection:
            for pid in pids:
                connection.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        deadline = time.monotonic() + 10
        while True:
            with other.connect() as connection:
                alive = connection.execute(sa.text(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(:pids)"),
                    {"pids": pids}).scalar_one()
            if not alive:
                return
            assert time.monotonic() < deadline, "the server did not end the sessions"
            time.sleep(0.01)
    finally:
        other.dispose()


def count_pings(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    pings = [0]
    real_ping = engine.dialect.do_ping

    def counted(dbapi_connection: Any) -> bool:
        pings[0] += 1
        return real_ping(dbapi_connection)

    monkeypatch.setattr(engine.dialect, "do_ping", counted)
    return pings


def test_a_connection_the_server_ended_while_idle_is_replaced_unnoticed(
    engine: Engine, monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = backend_pid(engine)
    end_sessions(engine, [first])
    monkeypatch.setattr(db, "PING_AFTER_IDLE_S", 0.0)  # "idle long enough", without waiting

    second = backend_pid(engine)  # no error: the dead connection was replaced first

    assert second != first


def test_a_connection_in_steady_use_is_not_pinged(
    engine: Engine, monkeypatch: pytest.MonkeyPatch,
) -> None:
    backend_pid(engine)
    pings = count_pings(engine, monkeypatch)
    for _ in range(20):
        backend_pid(engine)
    assert pings[0] == 0

    monkeypatch.setattr(db, "PING_AFTER_IDLE_S", 0.0)
    for _ in range(5):
        backend_pid(engine)
    assert pings[0] == 5


def test_connections_ended_while_in_use_cost_one_outage_error_then_all_are_new(
    engine: Engine,
) -> None:
    # Two pooled connections, both used moments ago, and the server ends both.
    with engine.connect() as a, engine.connect() as b:
        pids = [int(c.execute(sa.text("SELECT pg_backend_pid()")).scalar_one())
                for c in (a, b)]
    end_sessions(engine, pids)

    with pytest.raises(sa.exc.OperationalError) as failed:
        backend_pid(engine)
    assert store_unavailable(failed.value)  # consumers wait it out, APIs answer 503
    # The failure replaced the whole pool: the next two uses both work, on new sessions.
    with engine.connect() as a, engine.connect() as b:
        fresh = {int(c.execute(sa.text("SELECT pg_backend_pid()")).scalar_one())
                 for c in (a, b)}
    assert not fresh & set(pids)
