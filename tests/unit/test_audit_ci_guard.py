"""In CI the PostgreSQL store tests cannot be silently left out."""

from __future__ import annotations

import os
import subprocess
import sys

from shared.settings import REPO_ROOT


def run_import(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("CI", "RR_TEST_POSTGRES_URL")}
    return subprocess.run([sys.executable, "-c", "import tests.audit_support as s; "
                           "print(s.STORES)"], cwd=REPO_ROOT, env={**base, **env},
                          capture_output=True, text=True, timeout=60)


def test_ci_without_a_postgres_url_fails_loudly() -> None:
    result = run_import({"CI": "true"})
    assert result.returncode != 0 and "RR_TEST_POSTGRES_URL" in result.stderr


def test_postgres_is_a_store_whenever_its_url_is_set() -> None:
    result = run_import({"CI": "true", "RR_TEST_POSTGRES_URL": "postgresql://u:p@h/db"})
    assert result.returncode == 0 and "postgresql" in result.stdout
    assert run_import({}).stdout.strip() == "['sqlite']"
