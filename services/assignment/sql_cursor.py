"""The driver's cursors of a unit of work, and its round trips to PostgreSQL.

Statements run inside :meth:`DriverCursor.together` go to the server as one query (their
parameters bound by the driver, client-side) and are answered together: one round trip,
and one wait of the deciding thread. Each returns a handle whose rows and row count are
there once the block has ended; nothing inside the block may read one. (psycopg's
pipeline mode also sends statements together, but waits on the socket once per
statement queued: run in a worker thread beside a busy event loop, every such wait gives
up the interpreter lock and waits to get it back. Measured with benchmarks/
pg_round_trips.py --contended: 22 waits a decision pipelined against 14 one statement at
a time, and no faster.)

The BEGIN goes with the first statements too. Left to psycopg, a transaction's BEGIN is
sent and waited for on its own before the first statement, pipeline or not: one round
trip of every decision and report. So the connection is switched to autocommit for the
unit of work and the BEGIN is this class's to send: at the head of the first batch, or of
the first statement run alone; sent on its own before an ORM statement that comes first
(a hook on the engine, :func:`begin_before_orm_statements`) or before the cursor is
handed out (:meth:`DriverCursor.get`). Every statement of the unit of work goes one of
those ways, so none runs outside its transaction. The connection goes back to the pool
as it came (autocommit off), or is discarded when it cannot be.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlmodel import Session

from services.assignment.sql_text import LOCK, NOWAIT
from shared.db import dbapi_sql

# The key, in the connection's info, of the unit of work's "send BEGIN now".
_BEGIN = "rr_begin_pending"
_HOOKED: weakref.WeakSet[Engine] = weakref.WeakSet()


def begin_before_orm_statements(engine: Engine) -> None:
    """Installs (once per engine) the hook that sends a unit of work's BEGIN before an
    ORM statement that comes first."""
    if engine in _HOOKED:
        return
    _HOOKED.add(engine)

    @event.listens_for(engine, "before_cursor_execute")
    def _begin_first(conn: Connection, *_args: Any) -> None:
        begin: Callable[[], None] | None = conn.info.get(_BEGIN)
        if begin is not None:
            begin()


class Result:
    """A statement's result from a batch: its rows and row count, once the batch ran."""

    def __init__(self) -> None:
        self.rows: list[Any] = []
        self.rowcount = -1

    def fetchall(self) -> list[Any]:
        return self.rows

    def fetchone(self) -> Any:
        return self.rows[0] if self.rows else None


class Batch:
    """Statements queued for one round trip, bound as they come: the cursor's
    ``execute`` and ``executemany`` for code that writes through a cursor."""

    def __init__(self, binder: Any) -> None:
        self._binder = binder
        self.statements: list[str] = []
        self.results: list[Result] = []

    def execute(self, sql: str, params: Any = ()) -> Result:
        self.statements.append(self._binder.mogrify(sql, params))
        result = Result()
        self.results.append(result)
        return result

    def executemany(self, sql: str, rows: Iterable[Any]) -> None:
        for row in rows:
            self.execute(sql, row)


class DriverCursor:
    """DB-API cursors on the unit of work's connection (so inside its transaction), with
    statements in the driver's paramstyle."""

    def __init__(self, session: Session, engine: Engine) -> None:
        self.session = session
        self.engine = engine
        self.sqlite = engine.dialect.name == "sqlite"
        self._cursor: Any = None
        self._binder: Any = None
        self._batch: Batch | None = None  # PostgreSQL, inside together()
        self._together = False
        self._spent: list[Any] = []  # SQLite: the cursors of together() blocks
        self._connection: Connection | None = None
        self._begin_pending = False
        # The calls this transaction holds locked (PostgreSQL), to lock more in order.
        self.locked_calls: set[str] = set()

    def begin_late(self, connection: Connection) -> None:
        """PostgreSQL: the unit of work's transaction on ``connection`` is begun by this
        cursor, with its first statements (see the module's docstring)."""
        if self.sqlite:
            return
        driver = connection.connection.driver_connection
        try:
            driver.autocommit = True  # type: ignore[union-attr]
        except Exception:
            return
        self._connection = connection
        self._begin_pending = True
        begin_before_orm_statements(self.engine)
        connection.info[_BEGIN] = self._begin_now

    @property
    def begun(self) -> bool:
        """Whether the transaction has begun on the server (a statement was sent)."""
        return not self._begin_pending

    def _begin_now(self) -> None:
        if self._begin_pending:
            self._begin_pending = False
            self._raw().execute("BEGIN")

    def _raw(self) -> Any:
        if self._cursor is None:
            self._cursor = self.session.connection().connection.cursor()
        return self._cursor

    def get(self) -> Any:
        """The driver's cursor, inside the transaction (begun now if it was not); inside
        :meth:`together`, the batch (statements written to it go with the others)."""
        if self._batch is not None:
            return self._batch
        if not self._together:
            self._begin_now()
        return self._raw()

    def sql(self, statement: str, *, lock: bool = False) -> str:
        locking = lock and not self.sqlite and not statement.endswith(NOWAIT)
        return dbapi_sql(self.engine, statement + LOCK if locking else statement)

    @contextmanager
    def together(self) -> Iterator[None]:
        """Statements executed inside go in one round trip (with the BEGIN, if first); an
        error of any of them is raised as the block ends (and aborts the transaction, as
        it would alone). SQLite runs each as it comes."""
        if self._together:  # already inside one: the outer block sends them
            yield
            return
        self._together = True
        try:
            if self.sqlite:
                yield
                return
            if self._binder is None:
                from psycopg import ClientCursor  # the store's driver, PostgreSQL only

                self._binder = ClientCursor(self._raw().connection)
            self._batch = batch = Batch(self._binder)
            yield
            self._batch = None
            self._run(batch)
        finally:
            self._batch = None
            self._together = False

    def _run(self, batch: Batch) -> None:
        statements = batch.statements
        if not statements:
            return
        skip = 0
        if self._begin_pending:
            self._begin_pending = False
            statements, skip = ["BEGIN", *statements], 1
        cursor = self._raw()
        # No parameters left: one query of several statements, results in order.
        cursor.execute(";\n".join(statements))
        for index in range(len(statements)):
            if index >= skip:
                result = batch.results[index - skip]
                result.rowcount = cursor.rowcount
                result.rows = cursor.fetchall() if cursor.description else []
            if not cursor.nextset():
                break

    def execute(self, statement: str, params: Any, *, lock: bool = False) -> Any:
        """Runs the statement; what to read its result from (inside :meth:`together`,
        once the block has ended)."""
        return self.execute_sql(self.sql(statement, lock=lock), params)

    def execute_sql(self, sql: str, params: Any) -> Any:
        """:meth:`execute` of a statement already in the driver's paramstyle."""
        if self._batch is not None:
            return self._batch.execute(sql, params)
        if self._together:  # SQLite: a cursor of its own, read after the block
            cursor = self._raw().connection.cursor()
            self._spent.append(cursor)
        elif self._begin_pending:
            with self.together():  # the BEGIN and this statement: one round trip
                result = self.execute_sql(sql, params)
            return result
        else:
            cursor = self._raw()
        cursor.execute(sql, params)
        return cursor

    def close(self) -> None:
        """Closes the cursors; the connection goes back to the driver's own transactions
        (the unit of work has committed or rolled back: it is idle)."""
        for cursor in self._spent:
            cursor.close()
        self._spent.clear()
        if self._cursor is not None:
            self._cursor.close()
            self._cursor = None
        connection, self._connection = self._connection, None
        if connection is None:
            return
        connection.info.pop(_BEGIN, None)
        try:
            connection.connection.driver_connection.autocommit = False  # type: ignore[union-attr]
        except Exception:
            # Broken, or still in a transaction: never handed out again as it is.
            connection.invalidate()
