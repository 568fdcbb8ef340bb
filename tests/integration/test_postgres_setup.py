"""The PostgreSQL set-up script: a second checkout on the same machine (another clone,
a CI run beside a developer's) gets the same role password, so running its set-up never
locks out a suite already connected from the first."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from shared.db import make_engine
from tests.db_support import STORES

REPO = Path(__file__).resolve().parents[2]
SETUP = REPO / "deploy/postgres/setup.sh"

# PostgreSQL only (the suite's CI run always has it).
pytestmark = pytest.mark.parametrize("kind", [s for s in STORES if s == "postgresql"])


def setup_url(run_dir: Path) -> str:
    done = subprocess.run(["bash", str(SETUP)], check=True, capture_output=True, text=True,
                          env={**os.environ, "RR_RUN_DIR": str(run_dir)}, timeout=120)
    return done.stdout.strip().splitlines()[-1]


def test_a_second_checkouts_setup_keeps_the_password_the_suite_uses(
        kind: str, tmp_path: Path) -> None:
    suite_url = os.environ["RR_TEST_POSTGRES_URL"]
    other_checkout = tmp_path / "other-clone" / ".run"
    url = setup_url(other_checkout)
    try:
        assert url == suite_url
        engine = make_engine(suite_url)
        try:
            with engine.connect() as conn:  # the suite's own URL still logs in
                assert conn.execute(sa.text("SELECT 1")).scalar_one() == 1
        finally:
            engine.dispose()
        assert (other_checkout / "postgres.env").stat().st_mode & 0o077 == 0
    finally:
        if url != suite_url:  # give the role back the suite's password for the tests after
            restore = tmp_path / "restore"
            restore.mkdir()
            password = urlsplit(suite_url).password
            (restore / "postgres.env").write_text(f"POSTGRES_PASSWORD={password}\n")
            setup_url(restore)
