"""The bench's CPU table on PostgreSQL: the backends serving the services' connections are
found on the real server, and only those."""

from __future__ import annotations

import os

import psycopg
import pytest

from benchmarks.e2e.stack import local_database_port
from benchmarks.process_cpu import database_backends
from tests.db_support import POSTGRES_URL, STORES

# PostgreSQL only (the suite's CI run always has it).
pytestmark = pytest.mark.parametrize("kind", [s for s in STORES if s == "postgresql"])


def test_the_backends_of_this_process_connections_are_found_and_no_others(kind: str) -> None:
    assert POSTGRES_URL is not None
    port = local_database_port(POSTGRES_URL)
    assert port is not None
    with psycopg.connect(POSTGRES_URL) as mine, psycopg.connect(POSTGRES_URL) as also_mine:
        expected = {conn.execute("SELECT pg_backend_pid()").fetchone()[0]  # type: ignore[index]
                    for conn in (mine, also_mine)}
        backends = database_backends([os.getpid()], port)
        assert backends is not None
        assert set(backends()) == expected
        # A process with no connection to the server has no backend there.
        nobody = database_backends([os.getppid()], port)
        assert nobody is not None and nobody() == []
