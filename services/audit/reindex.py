"""Adding the decision index rows a store lacks: a chain recorded before a kind of event
became a decision (a unit's en route and on scene reports, a backup request, a clearing)
has no index rows for those events, and verification, which recomputes the index from the
chain, would name the first one as missing. The rows are the ones verification expects
(:class:`services.audit.verification.IndexVerifier`, computed as the store does on
append), and only missing rows are inserted: the record itself and the rows already there
are not touched, so running it twice adds nothing.
"""

from __future__ import annotations

from sqlalchemy import Engine, insert

from services.audit.queries import iter_entries
from services.audit.tables import ATTR, DECISION
from services.audit.verification import IndexVerifier, MissingRow, iter_index

CHUNK = 1000


def reindex_missing(engine: Engine) -> int:
    """Insert the decision index rows the chain implies and the store lacks; how many."""
    with engine.begin() as conn:
        missing: list[MissingRow] = []
        # Chunks of the chain and of the index alternate on the one connection.
        verifier = IndexVerifier(iter_index(conn), missing=missing)
        for entry in iter_entries(conn):
            verifier.feed(entry)
        verifier.finish()
        rows = [{**row, "seq": seq} for seq, row, _ in missing]
        attrs = [{"seq": seq, "name": n, "value": v} for seq, _, pairs in missing
                 for n, v in pairs]
        for table, values in ((DECISION, rows), (ATTR, attrs)):
            for i in range(0, len(values), CHUNK):
                conn.execute(insert(table), values[i:i + CHUNK])
    return len(rows)
