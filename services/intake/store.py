"""Intake's durable store (SQLite under run_dir by default, any SQLAlchemy URL by setting)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, SQLModel, select

from services.intake.calls import Seen
from services.intake.models import Call
from shared.db import make_engine

# Columns restored when a publish fails after the record was written.
_RESTORABLE = ("status", "version", "updated_at", "body_hash", "state", "outbox",
               "last_patch_key", "last_patch_hash", "idempotency_key")


def seen(row: Call | None) -> Seen | None:
    if row is None:
        return None
    return Seen(call_id=row.call_id, body_hash=row.body_hash, version=row.version,
                pending=row.outbox is not None)


class IntakeStore:
    """Calls by id, by agency + CAD incident id and by agency + Idempotency-Key.

    Each method is one short transaction. Rows are detached copies: change them and
    hand them back to :meth:`save`.
    """

    def __init__(self, url: str) -> None:
        self.engine: Engine = make_engine(url)
        SQLModel.metadata.create_all(self.engine, tables=[Call.__table__])  # type: ignore[attr-defined]

    def close(self) -> None:
        self.engine.dispose()

    def get(self, call_id: str) -> Call | None:
        with Session(self.engine, expire_on_commit=False) as session:
            return session.get(Call, call_id)

    def by_idempotency_key(self, agency: str, key: str) -> Call | None:
        with Session(self.engine, expire_on_commit=False) as session:
            return session.exec(
                select(Call).where(Call.agency == agency, Call.idempotency_key == key)
            ).first()

    def save(self, row: Call) -> None:
        with Session(self.engine, expire_on_commit=False) as session:
            session.merge(row)
            session.commit()

    def delete(self, call_id: str) -> None:
        with Session(self.engine) as session:
            row = session.get(Call, call_id)
            if row is not None:
                session.delete(row)
                session.commit()

    @staticmethod
    def snapshot(row: Call) -> dict[str, Any]:
        return {name: getattr(row, name) for name in _RESTORABLE}

    @staticmethod
    def restore(row: Call, snapshot: dict[str, Any]) -> None:
        for name, value in snapshot.items():
            setattr(row, name, value)
