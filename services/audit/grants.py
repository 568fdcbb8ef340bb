"""PostgreSQL privileges of the role audit runs as: the record can be added to and read,
never changed.

The tables are created and owned by the database's owner role (the migration below runs
as it); the service connects as a role of its own that may only INSERT and SELECT the
chain and its checkpoints. Its search index is derived data the service completes when a
late triage arrives, so it may also UPDATE ``audit_decision``; verification recomputes
the index from the chain, so an edit there is still caught. The daily rollups behind the
public figures are rebuilt from the index (rows of a day replaced), so it may change them.
"""

from __future__ import annotations

import re

from sqlalchemy import Engine, text

from services.audit.policy_versions import POLICY_VERSION_TABLE
from services.audit.rollups import init_rollups
from services.audit.store import init_store

CHAIN_TABLES = ("audit_entry", "audit_checkpoint")
ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def grant_writer(engine: Engine, role: str) -> None:
    """Create the audit tables (as the owner) and give ``role`` what audit needs, and no
    more. Idempotent."""
    if not ROLE_NAME.fullmatch(role):
        raise ValueError("a role name is lower-case letters, digits and underscores")
    if engine.dialect.name != "postgresql":
        raise ValueError("privileges are PostgreSQL's: SQLite has no roles")
    init_store(engine)
    init_rollups(engine)
    with engine.begin() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
        quoted = '"' + schema.replace('"', '""') + '"'
        chain = ", ".join(CHAIN_TABLES)
        for statement in (
            f"GRANT USAGE ON SCHEMA {quoted} TO {role}",
            f"REVOKE ALL ON {chain}, audit_decision, audit_decision_attr FROM {role}",
            f"GRANT SELECT, INSERT ON {chain} TO {role}",
            f"GRANT SELECT, INSERT, UPDATE ON audit_decision TO {role}",
            f"GRANT SELECT, INSERT ON audit_decision_attr TO {role}",
            # the policy archive, like the record, is only ever added to
            f"REVOKE ALL ON {POLICY_VERSION_TABLE} FROM {role}",
            f"GRANT SELECT, INSERT ON {POLICY_VERSION_TABLE} TO {role}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON audit_rollup, audit_rollup_state "
            f"TO {role}",
        ):
            conn.execute(text(statement))
        for table in ("audit_checkpoint", "audit_decision_attr"):
            sequence = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"),
                                    {"t": table}).scalar_one()
            if sequence:
                conn.execute(text(f"GRANT USAGE ON SEQUENCE {sequence} TO {role}"))
