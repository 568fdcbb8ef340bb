"""Database helpers: one engine per service (SQLite by default, PostgreSQL by URL)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel, create_engine, select

from shared.events import utcnow


def make_engine(url: str) -> Engine:
    """An engine with settings that suit each store."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            # WAL lets readers (the API) run beside the consumer's writes.
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True, pool_size=5)


class ProcessedEvent(SQLModel, table=True):
    """An event a consumer group has handled; lets redeliveries be skipped after a restart."""

    __tablename__ = "processed_event"

    consumer: str = Field(primary_key=True, max_length=200)
    event_id: str = Field(primary_key=True, max_length=36)
    handled_at: datetime = Field(default_factory=utcnow)


class DatabaseProcessedEvents:
    """Durable :class:`shared.kafka.ProcessedEvents`, with an in-memory cache in front."""

    def __init__(self, engine: Engine, consumer: str) -> None:
        self.engine = engine
        self.consumer = consumer
        self._cache: set[str] = set()
        SQLModel.metadata.create_all(engine, tables=[ProcessedEvent.__table__])  # type: ignore[attr-defined]

    def seen(self, event_id: str) -> bool:
        if event_id in self._cache:
            return True
        with Session(self.engine) as session:
            row = session.exec(
                select(ProcessedEvent.event_id).where(
                    ProcessedEvent.consumer == self.consumer, ProcessedEvent.event_id == event_id
                )
            ).first()
        if row is not None:
            self._cache.add(event_id)
        return row is not None

    def seen_many(self, event_ids: Sequence[str]) -> set[str]:
        """The ids already handled, in one query (a consumer asks once per poll)."""
        found = {i for i in event_ids if i in self._cache}
        unknown = [i for i in event_ids if i not in found]
        table = ProcessedEvent.__table__  # type: ignore[attr-defined]
        # Core, not the ORM: it runs once a poll on the consumer's loop, ~10x cheaper.
        with self.engine.connect() as conn:
            for start in range(0, len(unknown), 500):
                found.update(conn.execute(
                    sa_select(table.c.event_id).where(
                        table.c.consumer == self.consumer,
                        table.c.event_id.in_(unknown[start:start + 500]))).scalars())
        self._cache.update(found)
        return found

    def mark(self, event_ids: Iterable[str]) -> None:
        ids = [i for i in event_ids if i not in self._cache]
        if not ids:
            return
        # One multi-row insert per poll (a consumer marks a whole poll at once).
        table = ProcessedEvent.__table__  # type: ignore[attr-defined]
        now = utcnow()
        rows = [{"consumer": self.consumer, "event_id": i, "handled_at": now} for i in ids]
        try:
            with self.engine.begin() as conn:
                conn.execute(table.insert(), rows)
        except IntegrityError:
            # Some were marked before (a redelivery): mark the others one by one.
            for row in rows:
                try:
                    with self.engine.begin() as conn:
                        conn.execute(table.insert(), row)
                except IntegrityError:
                    continue
        self._cache.update(ids)
