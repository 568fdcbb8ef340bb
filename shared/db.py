"""Database helpers: one engine per service (SQLite by default, PostgreSQL by URL)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import URL, Engine, Table, event, make_url
from sqlalchemy.exc import DisconnectionError, IntegrityError, OperationalError, ProgrammingError
from sqlmodel import Field, SQLModel, create_engine

from shared.events import utcnow
from shared.staged_writes import StagedWrites

log = logging.getLogger(__name__)


# A background thread copies SQLite's write-ahead log back into the database (see
# WalCheckpointer); a commit checkpoints itself only once the log passes this many pages.
AUTOCHECKPOINT_PAGES = 10_000
CHECKPOINT_EVERY_S = 0.1
# How long a connection keeps trying to switch a new SQLite file to WAL while another
# process opening the same file holds it (see _use_wal).
WAL_SWITCH_WAIT_S = 10.0


# Every wait on PostgreSQL has a bound, so that a database that stops answering, or a
# frozen instance holding a lock, turns into an error the callers already handle (a
# consumer waits and retries, an API answers 503) instead of a consumer or a request
# that waits for ever. Session settings, sent at connect; one the URL's ``options``
# already sets is left as the URL has it.
POSTGRES_SESSION: dict[str, str] = {
    "statement_timeout": "30s",
    # Decisions and status reports wait for one another's row locks for milliseconds.
    "lock_timeout": "10s",
    # The server ends a session left inside a transaction (a frozen or partitioned
    # instance), which releases the locks it held.
    "idle_in_transaction_session_timeout": "60s",
}
# A pooled connection unused for this long is checked with a round trip before use.
PING_AFTER_IDLE_S = 1.0
# libpq connection parameters, unless the URL gives them: connecting, and noticing a
# server or network that went silent mid-query (keepalives for a reply that never
# comes, tcp_user_timeout for data never acknowledged), take seconds, not the kernel's
# two hours.
POSTGRES_CONNECT: dict[str, Any] = {
    "connect_timeout": 5, "keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
    "keepalives_count": 3, "tcp_user_timeout": 20_000,
}


def postgres_connect_args(url: str | URL,
                          session: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The connect arguments :func:`make_engine` adds to a PostgreSQL URL: the bounds
    above (``session`` overrides some), each only where the URL does not set its own."""
    query = make_url(url).query
    args = {name: value for name, value in POSTGRES_CONNECT.items() if name not in query}
    given = query.get("options", "")
    given = " ".join(given) if isinstance(given, tuple) else given
    wanted = {**POSTGRES_SESSION, **(session or {})}
    extra = " ".join(f"-c {name}={value}" for name, value in wanted.items()
                     if name not in given)
    if extra:
        args["options"] = f"{given} {extra}".strip()
    return args


def make_engine(url: str, *, background_checkpoints: bool = False,
                checkpoint_every_s: float = CHECKPOINT_EVERY_S,
                postgres_session: Mapping[str, str] | None = None) -> Engine:
    """An engine with settings that suit each store.

    ``background_checkpoints`` (SQLite files): checkpoint from a thread of the engine's
    own instead of inside whichever commit takes the log past 1,000 pages. That commit
    copied the pages of the last few seconds and fsynced twice, 18-45 ms measured in
    intake, and stalled every event queued behind it. The thread stops when the engine
    is disposed; it checkpoints every ``checkpoint_every_s``. ``postgres_session``:
    session settings instead of those of :data:`POSTGRES_SESSION` (see
    :func:`postgres_connect_args`).
    """
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        background = background_checkpoints and engine.url.database not in (
            None, "", ":memory:")

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            # WAL lets readers (the API) run beside the consumer's writes.
            cursor = dbapi_connection.cursor()
            _use_wal(cursor)
            cursor.execute("PRAGMA synchronous=NORMAL")
            if background:
                cursor.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")
            cursor.close()

        if background:
            checkpointer = WalCheckpointer(engine.raw_connection(), checkpoint_every_s)
            event.listen(engine, "engine_disposed", lambda _engine: checkpointer.stop())
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    connect_args = (postgres_connect_args(url, postgres_session)
                    if url.startswith("postgresql") else {})
    engine = create_engine(url, pool_size=5, connect_args=connect_args)
    if engine.dialect.name == "postgresql":
        _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """Checks a pooled connection that sat unused for :data:`PING_AFTER_IDLE_S` before
    handing it out, and replaces it if the server does not answer (restarted, failed
    over, or ended the session meanwhile).

    SQLAlchemy's ``pool_pre_ping`` does that on every checkout, a round trip each time:
    15-20 % of a contended assignment decision (benchmarks/assignment_queue.py
    --postgres --contended). A connection used moments ago is taken as alive; if it is
    not, the statement fails as an outage, which every caller already handles (consumers
    wait and retry, APIs answer 503), and SQLAlchemy then replaces the whole pool.
    """

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_connection: Any, record: Any) -> None:
        # ``record.info`` belongs to the DB-API connection: a new one starts without.
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_S:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:  # the pool connects afresh (up to three times)
            raise DisconnectionError(f"ping failed: {type(error).__name__}") from error


def _use_wal(cursor: Any) -> None:
    """Puts the file in WAL mode unless it is already (the mode is stored in the file).

    The switch needs the file to itself, and SQLite answers "database is locked" at once
    rather than waiting its busy timeout; two instances of a service starting together
    on one new file would see one of them exit. The loser waits, boundedly, and finds
    the file switched.
    """
    deadline = time.monotonic() + WAL_SWITCH_WAIT_S
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                # A database in memory answers "memory": as good as it gets there.
                cursor.execute("PRAGMA journal_mode=WAL").fetchone()
            return
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def create_tables(engine: Engine, tables: Iterable[Any]) -> None:
    """Creates whichever of ``tables`` (tables or table models) do not exist yet.

    Instances of a service starting together race to create them: one CREATE fails
    (SQLite: "already exists"; PostgreSQL: a unique violation in its catalogue) after
    another instance made the table, and looking again finds it there. Each failure
    means one more table or index exists, so one attempt per object (and a first) is
    enough.
    """
    wanted = [t if isinstance(t, Table) else t.__table__ for t in tables]
    objects = len(wanted) + sum(len(table.indexes) for table in wanted)
    for attempt in range(objects + 1):
        try:
            SQLModel.metadata.create_all(engine, tables=wanted)
            return
        except (OperationalError, ProgrammingError, IntegrityError):
            if attempt == objects:
                raise


class WalCheckpointer:
    """Checkpoints a SQLite write-ahead log every ``every_s`` seconds from a thread
    of its own, on a connection of its own: PASSIVE, so it never blocks a writer, and
    SQLite releases the GIL while it copies. Commits then find nearly everything copied
    already; one still checkpoints past :data:`AUTOCHECKPOINT_PAGES`, which bounds the log
    (one only ever checkpointed from beside a busy writer would grow without end)."""

    def __init__(self, connection: Any, every_s: float = CHECKPOINT_EVERY_S) -> None:
        self._connection = connection
        self._every_s = every_s
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sqlite-wal-checkpoint",
                                        daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while not self._stopping.wait(self._every_s):
                try:
                    self._connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error as err:  # busy or locked now: the next round retries
                    log.warning("WAL checkpoint failed", extra={"reason": type(err).__name__})
            # A last one on the way out leaves the log nearly empty.
            with contextlib.suppress(sqlite3.Error):
                self._connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        finally:
            self._connection.close()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=10)


@lru_cache(maxsize=512)
def _pyformat(statement: str) -> str:
    return statement.replace("%", "%%").replace("?", "%s")


_P = ParamSpec("_P")
_T = TypeVar("_T")


async def run_store_work(engine: Engine, work: Callable[_P, _T], *args: _P.args,
                         **kwargs: _P.kwargs) -> _T:
    """Run a consumer's database work: on the event loop for SQLite, in a thread for a
    server database.

    A SQLite transaction is a few hundred microseconds of local work (checkpoints and
    their fsyncs run on the WalCheckpointer's thread), less than a hand-off to a thread
    costs on a busy machine: each one woke a worker, which then waited for the GIL
    while the loop held it, about 80 futex calls per call in assignment at 50 calls/s
    (strace -c). A PostgreSQL transaction waits on network round trips, which must not
    stall the loop and the consumer's heartbeats.
    """
    if engine.dialect.name == "sqlite":
        return work(*args, **kwargs)
    return await asyncio.to_thread(work, *args, **kwargs)


@lru_cache(maxsize=1024)
def _placeholders(sqlite: bool, count: int) -> str:
    return f"({', '.join(['?' if sqlite else '%s'] * count)})"


def placeholders(engine: Engine, count: int) -> str:
    """``(?, ?, ...)`` with ``count`` markers in the paramstyle of the engine's driver: an
    ``IN`` list or a ``VALUES`` row, built once per size."""
    return _placeholders(engine.dialect.name == "sqlite", count)


def dbapi_sql(engine: Engine, statement: str) -> str:
    """A statement written with ``?`` placeholders, in the paramstyle of the engine's
    driver (sqlite3 takes ``?``, psycopg ``%s``)."""
    return statement if engine.dialect.name == "sqlite" else _pyformat(statement)


@contextlib.contextmanager
def dbapi_transaction(
    engine: Engine, *, begin: str | None = None, lock: threading.Lock | None = None,
    lock_timeout_s: float = 30.0,
) -> Iterator[Any]:
    """A cursor on a pooled DB-API connection, in one transaction: committed when the
    block ends, rolled back when it raises.

    For statements on a consumer's per-poll path: SQLAlchemy Core costs about ten times
    the statement itself there (measured: 0.65 ms against 0.06 ms for one lookup and
    one insert on SQLite). Write placeholders as ``?`` and pass the text through
    :func:`dbapi_sql`. ``lock``: an in-process lock the transaction holds throughout,
    taken after the connection (the order a Session's transaction takes them);
    ``begin``: the statement that opens it (SQLite's ``BEGIN IMMEDIATE``).
    """
    connection = engine.raw_connection()
    try:
        if lock is not None and not lock.acquire(timeout=lock_timeout_s):
            raise TimeoutError("another writer of this process held the database for "
                               f"{lock_timeout_s:.0f} s")
        try:
            cursor = connection.cursor()
            try:
                if begin is not None:
                    cursor.execute(begin)
                yield cursor
                connection.commit()
            except BaseException:
                connection.rollback()
                raise
            finally:
                cursor.close()
        finally:
            if lock is not None:
                lock.release()
    finally:
        connection.close()


@contextlib.contextmanager
def dbapi_autocommit(engine: Engine) -> Iterator[Any]:
    """A cursor on a pooled DB-API connection outside any transaction (each statement its
    own), for a lone read on a consumer's per-poll path: on PostgreSQL the driver's BEGIN
    and the COMMIT were two of its three round trips, with the event loop stopped. The
    connection goes back to the pool transactional again."""
    connection = engine.raw_connection()
    driver = connection.driver_connection
    autocommit = engine.dialect.name == "postgresql"
    try:
        if autocommit:
            driver.autocommit = True  # type: ignore[union-attr]
        cursor = connection.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
    finally:
        try:
            if autocommit:
                driver.autocommit = False  # type: ignore[union-attr]
        except Exception:
            # A broken connection refuses even this: it must not be handed out again
            # (what was read before it broke stands).
            connection.invalidate()
        finally:
            connection.close()


@contextlib.contextmanager
def pipelined(cursor: Any) -> Iterator[None]:
    """Statements executed on the cursor's connection inside the block go to the server
    together and wait for their answers once (psycopg's pipeline mode), not one round
    trip each: at the block's end, or earlier where a cursor fetches (which waits for
    everything sent so far). An error of any of them is raised there. sqlite3 runs in
    process: each statement runs as it comes. psycopg still waits on the socket once per
    statement queued (services/assignment/sql_cursor.py sends a batch as one query)."""
    pipeline = getattr(cursor.connection, "pipeline", None)
    if pipeline is None:
        yield
        return
    with pipeline():
        yield


def store_unavailable(error: BaseException) -> bool:
    """The database is down, locked or lost the connection: SQLAlchemy's wrapper (raised
    when a connection is checked out) or the driver's own error (sqlite3, psycopg), known
    by class name so no driver need be imported. Worth waiting for; never a reason to
    skip an event. So is a session the server ended for sitting too long inside a
    transaction (this instance froze; see :data:`POSTGRES_SESSION`), and a transaction
    that kept losing to others running beside it (a deadlock, a serialization failure)."""
    if any(cls.__name__ == "OperationalError" for cls in type(error).__mro__):
        return True
    driver_error = getattr(error, "orig", None) or error
    return getattr(driver_error, "sqlstate", None) in {IDLE_IN_TRANSACTION_TIMEOUT,
                                                       *TRANSIENT_CONFLICTS}


IDLE_IN_TRANSACTION_TIMEOUT = "25P03"  # SQLSTATE; psycopg raises it as an InternalError
# SQLSTATEs of a transaction that lost to another one running beside it: a deadlock the
# server broke, a serialization failure, a key another transaction inserted first (only
# the first two are an outage to wait out when they persist: a key is a fault to report).
TRANSIENT_CONFLICTS = frozenset({"40P01", "40001"})
WRITE_CONFLICTS = TRANSIENT_CONFLICTS | {"23505"}


def write_conflict(error: BaseException) -> bool:
    """The transaction failed only because another one ran beside it (PostgreSQL): run
    again, it reads what the other one committed. SQLAlchemy's wrapper or the driver's
    own error."""
    driver_error = getattr(error, "orig", None) or error
    return getattr(driver_error, "sqlstate", None) in WRITE_CONFLICTS


def is_integrity_error(error: BaseException) -> bool:
    """A unique or primary key violation, from either driver."""
    return type(error).__name__ in {"IntegrityError", "UniqueViolation"}


class ProcessedEvent(SQLModel, table=True):
    """An event a consumer group has handled; lets redeliveries be skipped after a restart."""

    __tablename__ = "processed_event"

    consumer: str = Field(primary_key=True, max_length=200)
    event_id: str = Field(primary_key=True, max_length=36)
    handled_at: datetime = Field(default_factory=utcnow)


class DatabaseProcessedEvents:
    """Durable :class:`shared.kafka.ProcessedEvents`, with a bounded in-memory cache of
    the ids most recently handled in front (a redelivery is nearly always recent)."""

    def __init__(
        self, engine: Engine, consumer: str, cache_size: int = 100_000,
        write_transaction: Callable[[Engine], contextlib.AbstractContextManager[Any]]
        = dbapi_transaction, staged: StagedWrites | None = None,
    ) -> None:
        """``write_transaction``: how marks get a cursor, for a service whose writers must
        queue on a lock of its own (assignment's SQLite writers share one). ``staged``:
        the handlers' writes, committed with the poll's marks in one transaction."""
        self.engine = engine
        self.write_transaction = write_transaction
        self.staged = staged
        self.consumer = consumer
        self.cache_size = cache_size
        self._cache: OrderedDict[str, None] = OrderedDict()
        create_tables(engine, [ProcessedEvent])
        self._select = dbapi_sql(
            engine, "SELECT event_id FROM processed_event WHERE consumer = ? AND event_id IN ")
        self._insert_new = dbapi_sql(
            engine, "INSERT INTO processed_event (consumer, event_id, handled_at) "
            "VALUES (?, ?, ?) ON CONFLICT (consumer, event_id) DO NOTHING")

    def _remember(self, event_ids: Iterable[str]) -> None:
        cache = self._cache
        for event_id in event_ids:
            cache[event_id] = None
        while len(cache) > self.cache_size:
            cache.popitem(last=False)

    def seen(self, event_id: str) -> bool:
        return bool(self.seen_many([event_id]))

    def seen_many(self, event_ids: Sequence[str]) -> set[str]:
        """The ids already handled, in one query (a consumer asks once per poll)."""
        found = {i for i in event_ids if i in self._cache}
        unknown = list(dict.fromkeys(i for i in event_ids if i not in found))
        if unknown:
            with dbapi_autocommit(self.engine) as cursor:
                found |= self._recorded(cursor, unknown)
        self._remember(found)
        return found

    def _recorded(self, cursor: Any, event_ids: list[str]) -> set[str]:
        """Which of ``event_ids`` the table holds, read with ``cursor``."""
        found: set[str] = set()
        for sql, params in self.reads_within(event_ids)[1]:
            cursor.execute(sql, params)
            found.update(row[0] for row in cursor.fetchall())
        return found

    def seen_within(self, cursor: Any, event_ids: Sequence[str]) -> set[str]:
        """The ids already handled, read in the caller's transaction: under a lock the
        writers of the record also hold, so no other instance records one meanwhile."""
        found = {i for i in event_ids if i in self._cache}  # committed: handled for good
        unknown = list(dict.fromkeys(i for i in event_ids if i not in found))
        return found | self._recorded(cursor, unknown) if unknown else found

    def reads_within(self, event_ids: Sequence[str]
                     ) -> tuple[set[str], list[tuple[str, list[str]]]]:
        """:meth:`seen_within` for a caller that sends its reads with statements of its
        own: the ids known handled, and the reads (driver's paramstyle) of the others."""
        found = {i for i in event_ids if i in self._cache}
        ids = list(dict.fromkeys(i for i in event_ids if i not in found))
        return found, [(self._select + placeholders(self.engine, len(ids[s:s + 500])),
                        [self.consumer, *ids[s:s + 500]]) for s in range(0, len(ids), 500)]

    def mark_within(self, cursor: Any, event_ids: Iterable[str]) -> None:
        """Record ids as handled in the caller's transaction, with the work they stand
        for; once it commits, :meth:`remember` them (then :meth:`mark` skips them)."""
        now = stored_datetime(self.engine, utcnow())
        cursor.executemany(self._insert_new,
                           [(self.consumer, i, now) for i in dict.fromkeys(event_ids)])

    def remember(self, event_ids: Iterable[str]) -> None:
        """Ids a committed transaction recorded with :meth:`mark_within`."""
        self._remember(event_ids)

    def mark(self, event_ids: Iterable[str]) -> None:
        """Record a poll's handled ids, with the writes its handlers staged, in one
        transaction (ids recorded before, by a poll read twice, are left as they are)."""
        handled = set(event_ids)
        writes = self.staged.of(handled) if self.staged is not None else []
        ids = list(dict.fromkeys(i for i in handled if i not in self._cache))
        if ids or writes:
            try:
                with self.write_transaction(self.engine) as cursor:
                    for write in writes:
                        write(cursor)
                    if ids:
                        self.mark_within(cursor, ids)
            except Exception as error:
                if self.staged is not None and not store_unavailable(error):
                    # Not an outage to wait out: the poll is dropped and read again, and
                    # its handlers stage their writes afresh.
                    self.staged.clear()
                raise
        if self.staged is not None:
            self.staged.clear()
        self._remember(ids)


def stored_datetime(engine: Engine, value: datetime) -> Any:
    """A datetime as SQLAlchemy's dialect would bind it (SQLite keeps text)."""
    return value.isoformat(sep=" ") if engine.dialect.name == "sqlite" else value
