"""Intake's durable store (SQLite under run_dir by default, any SQLAlchemy URL by setting).

The table is the SQLModel ``Call``. Reads and writes sit in the request's hot path, so
they skip SQLAlchemy, whose statement handling cost many times the statement itself: they
run as plain DB-API statements on one connection owned by the event loop (each a fraction
of a millisecond, no pool checkout). On PostgreSQL that took intake's CPU per POST from
~8 ms (Core, with a ping per pool checkout) to the SQLite path's ~2 ms; a connection the
server dropped is replaced and the statement tried once more. Because they run on the
loop, their waits have tighter bounds than other services' (:data:`LOCK_WAIT_S`).

A call's outbox is cleared once Kafka acknowledged its event, before the CAD is
answered. Clears are not a transaction each (a group commit): they run in the store's
next statement's transaction, or at the next turn of the event loop, where the clears of
every POST acknowledged meanwhile go in one (Kafka acknowledges a batch of calls at
once); each request waits for its own.

SQLite copies its write-ahead log back into the database file (a checkpoint) inside
whichever commit takes the log past 1,000 pages: that commit, on the event loop, copied
the pages of a few hundred calls at random offsets and fsynced twice, 18-45 ms.
The engine checkpoints from a background thread instead (``make_engine(...,
background_checkpoints=True)``, :class:`shared.db.WalCheckpointer`); durability is
unchanged: commits are what they were.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, Table
from sqlalchemy.exc import IntegrityError

from services.intake.calls import Seen
from services.intake.models import Call
from shared.db import create_tables, dbapi_sql, is_integrity_error, make_engine
from shared.events import utcnow

log = logging.getLogger(__name__)

# Columns restored when a publish fails after the record was written.
_RESTORABLE = ("status", "version", "updated_at", "body_hash", "state", "outbox",
               "last_patch_key", "last_patch_hash", "idempotency_key")
TABLE: Table = Call.__table__  # type: ignore[attr-defined]
_COLUMNS = tuple(c.name for c in TABLE.columns)
_VALUES = operator.attrgetter(*_COLUMNS)
# Table and column names come from the model, never from input; values are always bound
# parameters. The statements are made once: they sit on every request's path.
_INSERT = (f"INSERT INTO {TABLE.name} ({', '.join(_COLUMNS)}) "  # noqa: S608
           f"VALUES ({', '.join('?' for _ in _COLUMNS)})")


@dataclass
class CallRow:
    """One row of ``intake_call`` in memory: a plain object, cheap to make and copy
    (an instance of the SQLModel table class costs a millisecond under load)."""

    call_id: str
    agency: str
    cad_incident_id: str
    body_hash: str
    state: str
    status: str = "active"
    version: int = 0
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    idempotency_key: str | None = None
    outbox: str | None = None
    last_patch_key: str | None = None
    last_patch_hash: str | None = None


@dataclass
class _Clear:
    """A call's outbox to clear at this version, and the request waiting for it."""

    call_id: str
    version: int
    done: asyncio.Future[None]


class DuplicateRow(Exception):
    """The agency + CAD incident id or the Idempotency-Key is already recorded (a race
    with another request, possibly in another intake instance)."""


def _db(value: Any) -> Any:
    """A value as SQLAlchemy's SQLite dialect stores it (datetimes as ISO text)."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return value


def _same(value: Any) -> Any:
    return value


def _is_disconnect(error: BaseException, connection: Any) -> bool:
    """The PostgreSQL server closed or lost the connection (psycopg's own classes, and
    the connection closed since). A lock or statement that ran out of time is an
    OperationalError too, on a connection still open: trying it again at once would only
    hold the event loop for another bound."""
    return (any(cls.__name__ in {"OperationalError", "InterfaceError"}
                for cls in type(error).__mro__)
            and bool(getattr(connection.driver_connection, "closed", True)))


def seen(row: CallRow | None) -> Seen | None:
    if row is None:
        return None
    return Seen(call_id=row.call_id, body_hash=row.body_hash, version=row.version,
                pending=row.outbox is not None)


# Intake's statements touch one row each and run on the event loop: a wait on the
# database stalls every request of the process, health checks included, so it is cut
# short (the CAD gets 503 and retries) long before shared.db's bounds would (30 s on
# SQLite's write lock, 10 s on a PostgreSQL lock).
LOCK_WAIT_S = 2
POSTGRES_BOUNDS = {"statement_timeout": "5s", "lock_timeout": f"{LOCK_WAIT_S}s"}


class IntakeStore:
    """Calls by id, by agency + CAD incident id and by agency + Idempotency-Key.

    Each method is one short transaction. Rows are plain copies: change them and hand
    them back to :meth:`save`.
    """

    def __init__(self, url: str) -> None:
        self.engine: Engine = make_engine(url, background_checkpoints=True,
                                          postgres_session=POSTGRES_BOUNDS)
        create_tables(self.engine, [TABLE])
        self._updates: dict[tuple[str, ...], str] = {}
        self._sqlite = self.engine.dialect.name == "sqlite"
        self._raw: Any = self._connect()
        # Table and column names come from the model, never from input; values are
        # always bound parameters.
        self._select = f"SELECT {', '.join(_COLUMNS)} FROM {TABLE.name} WHERE "  # noqa: S608
        self._insert_sql = dbapi_sql(self.engine, _INSERT)
        self._to_db: Callable[[Any], Any] = _db if self._sqlite else _same
        self._clear_sql = dbapi_sql(
            self.engine, f"UPDATE {TABLE.name} SET outbox = NULL "  # noqa: S608
            "WHERE call_id = ? AND version = ?")
        # Calls whose outbox is to be cleared (see the module's docstring).
        self._clears: list[_Clear] = []
        self._flush_scheduled = False

    def close(self) -> None:
        with contextlib.suppress(Exception):  # left set, it is published again: harmless
            self.flush_clears()
        if self._raw is not None:
            self._raw.close()
            self._raw = None
        self.engine.dispose()

    def _fetch(self, where: str, params: tuple[Any, ...]) -> CallRow | None:
        def fetch() -> Any:
            with self._with_clears() as cursor:
                cursor.execute(dbapi_sql(self.engine, self._select + where), params)
                # The commit ends the read transaction: later writes are seen.
                return cursor.fetchone()

        found = self._on_connection(fetch)
        if found is None:
            return None
        values = dict(zip(_COLUMNS, found, strict=True))
        for name in ("created_at", "updated_at"):
            if isinstance(values[name], str):
                values[name] = datetime.fromisoformat(values[name])
        return CallRow(**values)

    def _write(self, sql: str, params: tuple[Any, ...]) -> int:
        """Run one statement and commit it; the rows it changed."""
        def write() -> int:
            with self._with_clears() as cursor:
                cursor.execute(sql, params)
                return int(cursor.rowcount)

        return int(self._on_connection(write))

    @contextlib.contextmanager
    def _with_clears(self) -> Iterator[Any]:
        """A cursor in one transaction that first clears the outboxes waiting to be: it
        commits when the block ends, and the requests waiting on those clears go on;
        when it raises, it rolls back and the clears wait for the next transaction."""
        clears, self._clears = self._clears, []
        cursor = self._raw.cursor()
        try:
            if clears:
                cursor.executemany(self._clear_sql, [(c.call_id, c.version) for c in clears])
            yield cursor
            self._raw.commit()
        except BaseException:
            self._clears[:0] = clears
            self._raw.rollback()  # PostgreSQL refuses anything more in a failed one
            raise
        finally:
            cursor.close()
        for clear in clears:
            if not clear.done.done():
                clear.done.set_result(None)

    async def clear_outbox(self, row: CallRow) -> None:
        """``row``'s event was acknowledged: clear its outbox, only while the call is
        still at this version (another instance may have moved it on, and its outbox is
        its own). Returns once the clear is committed: with the store's next statement,
        or at the loop's next turn with the clears of every call acknowledged meanwhile."""
        row.outbox = None
        clear = _Clear(row.call_id, row.version, asyncio.get_running_loop().create_future())
        self._clears.append(clear)
        if not self._flush_scheduled:
            self._flush_scheduled = True
            asyncio.get_running_loop().call_soon(self._flush_soon)
        await clear.done

    def _flush_soon(self) -> None:
        self._flush_scheduled = False
        try:
            self.flush_clears()
        except Exception as err:
            # As a clear of its own would have: each request waiting on one fails with
            # the database's error (its outbox stays, and is published again later).
            failed, self._clears = self._clears, []
            for clear in failed:
                if not clear.done.done():
                    clear.done.set_exception(err)

    def flush_clears(self) -> None:
        """Clear the outboxes waiting to be, in one transaction."""
        if self._clears:
            self._on_connection(self._commit_clears)

    def _commit_clears(self) -> None:
        with self._with_clears():
            pass

    def _on_connection(self, work: Callable[[], Any]) -> Any:
        """Run ``work`` on the store's connection; when the server dropped it (a database
        restart, say), once more on a new one. Each statement is safe to repeat: an insert
        that did commit comes back as a duplicate, which callers already handle."""
        try:
            return work()
        except Exception as error:
            if self._sqlite or not _is_disconnect(error, self._raw):
                raise
            log.warning("database connection lost; reconnecting",
                        extra={"reason": type(error).__name__})
            with contextlib.suppress(Exception):
                self._raw.invalidate()
            self._raw = self._connect()
            return work()

    def _connect(self) -> Any:
        """The store's own connection. On PostgreSQL in autocommit: every operation here
        is one statement, and the driver's BEGIN and the COMMIT were two more round trips
        each (9 a new call instead of 3), every one of them spent with the event loop
        stopped. commit() and rollback() then cost nothing."""
        connection = self.engine.raw_connection()
        if self._sqlite:
            pragma = connection.cursor()
            pragma.execute(f"PRAGMA busy_timeout = {LOCK_WAIT_S * 1000}")
            pragma.close()
        else:
            connection.driver_connection.autocommit = True  # type: ignore[union-attr]
        return connection

    def get(self, call_id: str) -> CallRow | None:
        return self._fetch("call_id = ?", (call_id,))

    def by_idempotency_key(self, agency: str, key: str) -> CallRow | None:
        return self._fetch("agency = ? AND idempotency_key = ?", (agency, key))

    def insert(self, row: CallRow) -> None:
        """Record a new call; :class:`DuplicateRow` when another request recorded it first."""
        try:
            self._write(self._insert_sql, tuple(map(self._to_db, _VALUES(row))))
        except Exception as err:
            if isinstance(err, IntegrityError) or is_integrity_error(err):
                raise DuplicateRow(row.call_id) from err
            raise

    def save(self, row: CallRow, *fields: str, expected_version: int) -> bool:
        """Write ``fields`` of ``row`` (all of them when none are named), only if the
        recorded call is still at ``expected_version``: False when another request or
        intake instance changed it since it was read (nothing is written then)."""
        names = tuple(c for c in (fields or _COLUMNS) if c in _COLUMNS and c != "call_id")
        sql = self._updates.get(names)
        if sql is None:
            assignments = ", ".join(f"{c} = ?" for c in names)
            sql = self._updates[names] = dbapi_sql(
                self.engine,
                f"UPDATE {TABLE.name} SET {assignments} WHERE call_id = ? AND version = ?")  # noqa: S608
        return self._write(sql, (*(self._to_db(getattr(row, c)) for c in names), row.call_id,
                                 expected_version)) == 1

    def delete(self, call_id: str) -> None:
        self._write(dbapi_sql(self.engine, f"DELETE FROM {TABLE.name} WHERE call_id = ?"),  # noqa: S608
                    (call_id,))

    @staticmethod
    def snapshot(row: CallRow) -> dict[str, Any]:
        return {name: getattr(row, name) for name in _RESTORABLE}

    @staticmethod
    def restore(row: CallRow, snapshot: dict[str, Any]) -> None:
        for name, value in snapshot.items():
            setattr(row, name, value)
