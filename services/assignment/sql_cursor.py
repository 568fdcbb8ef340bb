"""The driver's cursors of a unit of work, and its round trips to PostgreSQL.

Statements run inside :meth:`DriverCursor.together` are sent at once and answered at
once (psycopg's pipeline mode), each on a cursor of its own whose rows are read after the
block. Nothing inside the block may read a result: a read there waits for the server and
costs a round trip of its own.

The BEGIN goes with the first statements too. Left to psycopg, a transaction's BEGIN is
sent and waited for on its own before the first statement, pipeline or not (it syncs to
learn the transaction's status): one round trip of every decision and report. So the
connection is switched to autocommit for the unit of work and the BEGIN is this class's
to send: queued at the head of the first pipeline, or of the first statement run alone;
sent on its own before an ORM statement that comes first (a hook on the engine,
:func:`begin_before_orm_statements`) or before the cursor is handed out
(:meth:`DriverCursor.get`). Every statement of the unit of work goes one of those ways,
so none runs outside its transaction. The connection goes back to the pool as it came
(autocommit off), or is discarded when it cannot be.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlmodel import Session

from services.assignment.sql_text import LOCK, NOWAIT
from shared.db import dbapi_sql, pipelined

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


class DriverCursor:
    """DB-API cursors on the unit of work's connection (so inside its transaction), with
    statements in the driver's paramstyle."""

    def __init__(self, session: Session, engine: Engine) -> None:
        self.session = session
        self.engine = engine
        self.sqlite = engine.dialect.name == "sqlite"
        self._cursor: Any = None
        self._batch: list[Any] | None = None  # the cursors of a together() block
        self._spent: list[Any] = []
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
        """The driver's cursor, inside the transaction (begun now if it was not)."""
        if self._batch is None:
            self._begin_now()
        return self._raw()

    def sql(self, statement: str, *, lock: bool = False) -> str:
        locking = lock and not self.sqlite and not statement.endswith(NOWAIT)
        return dbapi_sql(self.engine, statement + LOCK if locking else statement)

    @contextmanager
    def together(self) -> Iterator[None]:
        """Statements executed inside go in one round trip (with the BEGIN, if first); an
        error of any of them is raised as the block ends (and aborts the transaction, as
        it would alone)."""
        if self._batch is not None:  # already inside one: the outer block sends them
            yield
            return
        self._batch = []
        try:
            with pipelined(self._raw()):
                if self._begin_pending:
                    self._begin_pending = False
                    self._raw().execute("BEGIN")
                yield
        finally:
            self._spent.extend(self._batch)
            self._batch = None

    def execute(self, statement: str, params: Any, *, lock: bool = False) -> Any:
        """Runs the statement; the cursor to read its result from (inside
        :meth:`together`, once the block has ended)."""
        return self.execute_sql(self.sql(statement, lock=lock), params)

    def execute_sql(self, sql: str, params: Any) -> Any:
        """:meth:`execute` of a statement already in the driver's paramstyle."""
        if self._batch is not None:
            cursor = self._raw().connection.cursor()
            self._batch.append(cursor)
        elif self._begin_pending:
            with self.together():  # the BEGIN and this statement: one round trip
                cursor = self.execute_sql(sql, params)
            return cursor
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
