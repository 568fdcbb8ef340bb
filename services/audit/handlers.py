"""Audit's handlers: plain functions, in one explicit map.

Audit handles every event the same way (it is recorded), so the map has one catch-all
entry; the consumer hands it whole partition batches.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine

from services.audit.anchor import AnchorLog
from services.audit.policy_versions import archivable, archive
from services.audit.store import append_entries
from shared.db import run_store_work, store_unavailable
from shared.kafka import TransientError

CATCH_ALL = "*"


def record_entries(
    engine: Engine, signing_key: Ed25519PrivateKey, checkpoint_every: int,
    anchor: AnchorLog | None, entries: list[dict[str, Any]],
) -> int:
    """Append the entries to the chain (idempotent); the number that were new."""
    try:
        return append_entries(engine, entries, signing_key=signing_key,
                              checkpoint_every=checkpoint_every, anchor=anchor).appended
    except Exception as err:
        if not store_unavailable(err):
            raise
        # The database is down or locked: retry later, never skip the event.
        raise TransientError("audit store unavailable") from err


def build_handlers(
    engine: Engine, signing_key: Ed25519PrivateKey, checkpoint_every: int,
    anchor: AnchorLog | None = None,
) -> dict[str, Callable[[list[dict[str, Any]]], Awaitable[int]]]:
    async def record(entries: list[dict[str, Any]]) -> int:
        # PostgreSQL appends go to a thread: several network round trips, and perhaps a
        # wait for the chain lock behind another writer.
        new = await run_store_work(engine, record_entries, engine, signing_key,
                                   checkpoint_every, anchor, entries)
        # After the chain: a policy version is archived only once it is in the record.
        # Every delivery is archived again (insert-if-absent), so one that stopped in
        # between is completed by the redelivery.
        versions = archivable(entries)
        if versions:
            await run_store_work(engine, archive, engine, versions)
        return new

    return {CATCH_ALL: record}
