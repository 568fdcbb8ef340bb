"""Responder page sessions in assignment's database, so every instance sharing the
database knows every session: a page signed in on one instance is signed out everywhere,
whichever instance its requests reach."""

from __future__ import annotations

from sqlalchemy import Engine, delete, or_, update
from sqlmodel import Field, Session, SQLModel

from services.assignment.sessions import ResponderSession, SessionRepository


class ResponderSessionRow(SQLModel, table=True):
    __tablename__ = "responder_session"

    # Digests only: whoever reads the database cannot sign in with what it holds.
    token_sha256: str = Field(primary_key=True, max_length=64)
    key_sha256: str = Field(index=True, max_length=64)
    unit_id: str = Field(max_length=64)
    created_at: float
    last_seen_at: float


class SqlSessionRepository(SessionRepository):
    """Writes go through ``engine`` (the service's writer, which queues with the
    decisions); reads through ``reader``, which waits for no writer."""

    def __init__(self, engine: Engine, reader: Engine) -> None:
        self.engine, self.reader = engine, reader

    def add(self, session: ResponderSession) -> None:
        with Session(self.engine) as db:
            db.add(ResponderSessionRow(
                token_sha256=session.token_digest, key_sha256=session.key_digest,
                unit_id=session.unit_id, created_at=session.created_at,
                last_seen_at=session.last_seen_at))
            db.commit()

    def get(self, token_digest: str) -> ResponderSession | None:
        with Session(self.reader) as db:
            row = db.get(ResponderSessionRow, token_digest)
            if row is None:
                return None
            return ResponderSession(token_digest=row.token_sha256, key_digest=row.key_sha256,
                                    unit_id=row.unit_id, created_at=row.created_at,
                                    last_seen_at=row.last_seen_at)

    def touch(self, token_digest: str, at: float) -> None:
        self._write(update(ResponderSessionRow)
                    .where(ResponderSessionRow.token_sha256 == token_digest)  # type: ignore[arg-type]
                    .values(last_seen_at=at))

    def delete(self, token_digest: str) -> None:
        self._write(delete(ResponderSessionRow)
                    .where(ResponderSessionRow.token_sha256 == token_digest))  # type: ignore[arg-type]

    def delete_ended(self, created_before: float, seen_before: float) -> None:
        self._write(delete(ResponderSessionRow).where(or_(
            ResponderSessionRow.created_at < created_before,  # type: ignore[arg-type]
            ResponderSessionRow.last_seen_at < seen_before)))  # type: ignore[arg-type]

    def _write(self, statement: object) -> None:
        with Session(self.engine) as db:
            db.exec(statement)  # type: ignore[call-overload]
            db.commit()
