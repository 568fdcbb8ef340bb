"""A fresh database for a test: a SQLite file, or a PostgreSQL schema of its own that is
dropped afterwards. PostgreSQL comes from RR_TEST_POSTGRES_URL, which `make test` and
CI always set (deploy/postgres/setup.sh)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from shared.db import make_engine

POSTGRES_URL = os.environ.get("RR_TEST_POSTGRES_URL")
if not POSTGRES_URL and os.environ.get("CI"):
    raise RuntimeError(
        "CI is set but RR_TEST_POSTGRES_URL is not: the PostgreSQL store tests must run in CI "
        "(.ci/run calls deploy/postgres/setup.sh and exports it)")

# Every store-level test runs on SQLite, and on PostgreSQL whenever it is configured
# (always in CI, see above).
STORES = ["sqlite", *(["postgresql"] if POSTGRES_URL else [])]


@contextmanager
def fresh_database(kind: str, tmp_path: Path, name: str) -> Iterator[str]:
    """The URL of an empty database of ``kind`` ("sqlite" or "postgresql")."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / name}.db"
        return
    assert POSTGRES_URL
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
