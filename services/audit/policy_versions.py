"""The archive of triage policy versions: each one's full text, keyed by the hash every
decision records, kept from the first time triage used it.

Fed from the record: a ``PolicyVersionUsed`` event is appended to the chain like any
other, and then archived here if its text hashes to the hash it claims (a text that does
not is not the version's text, and is only in the chain). Archiving is insert-if-absent,
so a redelivered event, a restarted triage or a second instance keeps the first.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, Text, text
from sqlmodel import Column, Field, SQLModel

from shared.db import dbapi_sql, dbapi_transaction, store_unavailable
from shared.kafka import TransientError
from shared.policy_contracts import PolicyVersionUsed

log = logging.getLogger(__name__)


class PolicyVersionRow(SQLModel, table=True):
    __tablename__ = "audit_policy_version"

    policy_hash: str = Field(primary_key=True, max_length=64)
    policy_id: str = Field(max_length=200)
    policy_version: str = Field(max_length=200)
    policy_file: str = Field(max_length=200)
    policy_text: str = Field(sa_column=Column(Text, nullable=False))
    reader_file: str | None = Field(default=None, max_length=200)
    reader_sha256: str | None = Field(default=None, max_length=64)
    reader_gzip_base64: str | None = Field(default=None, sa_column=Column(Text))
    # when triage first decided under it (the event's time), as the chain writes times
    first_used_at: str = Field(index=True, max_length=32)
    event_id: str = Field(max_length=36)


POLICY_TABLES = [PolicyVersionRow]
POLICY_VERSION_TABLE = "audit_policy_version"
_COLUMNS = tuple(PolicyVersionRow.model_fields)

_INSERT = (f"INSERT INTO {POLICY_VERSION_TABLE} ({', '.join(_COLUMNS)}) "  # noqa: S608
           f"VALUES ({', '.join('?' * len(_COLUMNS))}) ON CONFLICT (policy_hash) DO NOTHING")


def archivable(entries: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows to archive from a poll's chain entries: each ``PolicyVersionUsed`` whose
    text is the version's (its hash holds), the first of each hash."""
    rows: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if entry.get("kind", "event") != "event" or entry["event_type"] != "PolicyVersionUsed":
            continue
        payload = entry.get("_payload")
        try:
            used = PolicyVersionUsed.model_validate(
                payload if payload is not None else json.loads(entry["payload_json"]))
        except (ValidationError, ValueError, KeyError):
            log.warning("policy version not archived: malformed",
                        extra={"event_id": entry["event_id"]})
            continue
        if not used.digest_holds():
            log.warning("policy version not archived: its text does not match its hash",
                        extra={"event_id": entry["event_id"]})
            continue
        rows.setdefault(used.policy_hash, {
            **used.model_dump(include=set(_COLUMNS)),
            "first_used_at": entry["occurred_at"], "event_id": entry["event_id"]})
    return list(rows.values())


def archive(engine: Engine, rows: Sequence[dict[str, Any]]) -> None:
    """Store the versions not archived yet (idempotent). Raises TransientError while the
    database is unavailable, so the poll is retried and no version is skipped."""
    if not rows:
        return
    try:
        with dbapi_transaction(engine) as cursor:
            cursor.executemany(dbapi_sql(engine, _INSERT),
                               [tuple(row[c] for c in _COLUMNS) for row in rows])
    except Exception as err:
        if not store_unavailable(err):
            raise
        raise TransientError("audit store unavailable") from err


# --- reading ---------------------------------------------------------------------------

@dataclass(frozen=True)
class VersionSummary:
    policy_hash: str
    policy_id: str
    policy_version: str
    first_used_at: str
    reader_sha256: str | None


LIST_LIMIT = 1000


def list_versions(conn: Connection) -> list[VersionSummary]:
    """The archived versions, oldest first (at most LIST_LIMIT, the newest of them)."""
    rows = conn.execute(text(
        f"SELECT policy_hash, policy_id, policy_version, first_used_at, reader_sha256 "  # noqa: S608
        f"FROM {POLICY_VERSION_TABLE} ORDER BY first_used_at DESC, policy_hash DESC "
        "LIMIT :limit"), {"limit": LIST_LIMIT}).all()
    return [VersionSummary(*row) for row in reversed(rows)]


def get_version(conn: Connection, policy_hash: str) -> PolicyVersionRow | None:
    row = conn.execute(text(
        f"SELECT {', '.join(_COLUMNS)} FROM {POLICY_VERSION_TABLE} "  # noqa: S608
        "WHERE policy_hash = :h"), {"h": policy_hash}).mappings().first()
    return PolicyVersionRow(**row) if row is not None else None


def previous_version(conn: Connection, version: PolicyVersionRow) -> PolicyVersionRow | None:
    """The version first used just before this one."""
    row = conn.execute(text(
        f"SELECT policy_hash FROM {POLICY_VERSION_TABLE} "  # noqa: S608
        "WHERE first_used_at < :at OR (first_used_at = :at AND policy_hash < :h) "
        "ORDER BY first_used_at DESC, policy_hash DESC LIMIT 1"),
        {"at": version.first_used_at, "h": version.policy_hash}).first()
    return get_version(conn, row[0]) if row is not None else None
