"""On PostgreSQL the role audit runs as may add to the record and read it, never change
or remove it: deploy/postgres/setup.sh creates the role, `rightresponse audit grant`
(run as the owner) creates the tables and grants it INSERT and SELECT only."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine

from services.audit.policy_versions import archivable, archive, list_versions
from services.audit.rollups import refresh_rollups
from services.audit.store import append_entries, entry_from_envelope
from services.audit.verification import verify_store
from services.triage.policy import load_policy
from services.triage.policy_archive import policy_version_used
from shared.cli import main as cli_main
from shared.db import make_engine
from shared.events import make_event
from shared.topics import POLICY_VERSIONS
from tests.audit_support import call_flow, queued, received, triaged
from tests.db_support import STORES, fresh_database

REPO = Path(__file__).resolve().parents[2]
SETUP = REPO / "deploy/postgres/setup.sh"

# PostgreSQL only (the suite's CI run always has it).
pytestmark = pytest.mark.parametrize("kind", [s for s in STORES if s == "postgresql"])


def audit_role_url(run_dir: Path) -> str:
    """Run the set-up (idempotent; the owner's password is kept) and read the audit
    role's URL from the env file it writes."""
    subprocess.run(["bash", str(SETUP)], check=True, capture_output=True, text=True,
                   env={**os.environ, "RR_RUN_DIR": str(run_dir)}, timeout=120)
    for line in (run_dir / "postgres.env").read_text().splitlines():
        if line.startswith("AUDIT_DATABASE_URL="):
            return line.split("=", 1)[1]
    raise AssertionError("setup.sh wrote no AUDIT_DATABASE_URL")


REFUSED = [
    "UPDATE audit_entry SET payload_json = '{}' WHERE seq = 1",
    "DELETE FROM audit_entry WHERE seq > 2",
    "UPDATE audit_checkpoint SET hash = 'x'",
    "DELETE FROM audit_checkpoint",
    "TRUNCATE audit_entry",
]


@contextmanager
def audit_role_engine(kind: str, tmp_path: Path) -> Iterator[Engine]:
    """A fresh audit database set up by the owner, and an engine logged in as the role
    audit runs as."""
    role_url = audit_role_url(tmp_path / ".run")
    with fresh_database(kind, tmp_path, "audit") as owner_url:
        assert cli_main(["audit", "grant", "--database-url", owner_url,
                         "--role", "rightresponse_audit"]) == 0
        schema = owner_url.rsplit("search_path%3D", 1)[1]
        writer = make_engine(f"{role_url}?options={quote(f'-csearch_path={schema}')}")
        try:
            yield writer
        finally:
            writer.dispose()


def test_the_audit_role_may_insert_and_read_the_chain_but_never_change_it(
        kind: str, tmp_path: Path) -> None:
    with audit_role_engine(kind, tmp_path) as writer:
        key = Ed25519PrivateKey.generate()
        # The service's whole write path works: entries, checkpoints, the index and
        # its completion when a triage arrives after its queue entry.
        r = received("grant-1")
        t = triaged(r)
        for batch in ([r, queued(t)], [t], call_flow("grant-2")):
            append_entries(writer, [entry_from_envelope(e, "calls") for e in batch],
                           signing_key=key, checkpoint_every=2)
        assert verify_store(writer, key.public_key()).ok
        # ...and so does the rebuild of the public figures' daily rollups.
        assert refresh_rollups(writer, ZoneInfo("America/Chicago"), []) == 1
        assert refresh_rollups(writer, ZoneInfo("America/Chicago"), []) == 0
        for statement in REFUSED:
            with pytest.raises(sa.exc.ProgrammingError, match="permission denied"), \
                    writer.begin() as conn:
                conn.execute(sa.text(statement))
        assert verify_store(writer, key.public_key()).entries == 6


def test_the_audit_role_may_archive_policy_versions_but_never_change_one(
        kind: str, tmp_path: Path) -> None:
    with audit_role_engine(kind, tmp_path) as writer:
        used = policy_version_used(load_policy())
        event = make_event(used, producer="triage", call_id=None, key=used.policy_hash)
        entries = [entry_from_envelope(event, POLICY_VERSIONS)]
        append_entries(writer, entries)
        archive(writer, archivable(entries))
        archive(writer, archivable(entries))  # a redelivery: kept once
        with writer.connect() as conn:
            assert [v.policy_hash for v in list_versions(conn)] == [used.policy_hash]
        for statement in ("UPDATE audit_policy_version SET policy_text = ''",
                          "DELETE FROM audit_policy_version"):
            with pytest.raises(sa.exc.ProgrammingError, match="permission denied"), \
                    writer.begin() as conn:
                conn.execute(sa.text(statement))
