"""The bounds every PostgreSQL connection gets (shared.db.postgres_connect_args), and an
operator's own settings in the URL kept as given."""

from __future__ import annotations

from shared.db import POSTGRES_CONNECT, postgres_connect_args


def test_a_plain_url_gets_every_bound() -> None:
    args = postgres_connect_args("postgresql+psycopg://rr@db/rr")
    assert {k: args[k] for k in POSTGRES_CONNECT} == POSTGRES_CONNECT
    assert args["options"] == ("-c statement_timeout=30s -c lock_timeout=10s "
                               "-c idle_in_transaction_session_timeout=60s")


def test_settings_the_url_gives_are_kept_and_the_others_added() -> None:
    args = postgres_connect_args(
        "postgresql+psycopg://rr@db/rr?connect_timeout=2"
        "&options=-csearch_path%3Dcity%20-c%20statement_timeout%3D5min",
        {"lock_timeout": "2s"})
    assert "connect_timeout" not in args  # the URL's 2 s stands
    assert args["keepalives_idle"] == POSTGRES_CONNECT["keepalives_idle"]
    assert args["options"] == ("-csearch_path=city -c statement_timeout=5min "
                               "-c lock_timeout=2s -c idle_in_transaction_session_timeout=60s")
