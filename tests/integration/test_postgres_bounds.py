"""Every wait on PostgreSQL is bounded (shared.db.POSTGRES_SESSION): an instance that froze
while holding a call's lock costs the others an error they wait out, not a consumer stuck
for ever, and the server ends the frozen session, which frees the lock."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from services.assignment.store import init_store, use_immediate_transactions
from shared.db import make_engine, store_unavailable
from shared.events import CallCancelled, make_event
from tests.db_support import STORES, fresh_database
from tests.integration.assignment_support import unit, write_roster
from tests.integration.test_assignment_handled_record import count, dispatcher_on, triaged

# Settings of the server's own (lock and idle-session limits): PostgreSQL only.
pytestmark = pytest.mark.parametrize("kind", [s for s in STORES if s == "postgresql"])


def test_an_instance_frozen_inside_a_decision_is_cut_off_and_decisions_resume(
    kind: str, tmp_path: Path,
) -> None:
    roster = write_roster(tmp_path / "roster.yaml", [unit("BCR-1", "bcr", 44.95, -93.25)])
    with fresh_database(kind, tmp_path, "frozen") as url:
        engine = make_engine(url, postgres_session={"lock_timeout": "300ms"})
        frozen_engine = make_engine(
            url, postgres_session={"idle_in_transaction_session_timeout": "2s"})
        use_immediate_transactions(engine)
        init_store(engine, roster)
        dispatcher, processed = dispatcher_on(engine, roster)
        dispatcher.on_triaged_many([triaged("c1")])
        payload = CallCancelled(reason="caller hung up")
        cancel = make_event(payload, producer="intake", call_id="c1")

        def cancel_c1() -> None:
            dispatcher.on_cancelled(cancel, payload)

        # Another instance locked the call to decide on it and then stopped (paused,
        # partitioned).
        frozen = frozen_engine.raw_connection()
        frozen_cursor = frozen.cursor()
        frozen_cursor.execute("SELECT call_id FROM call_record WHERE call_id = 'c1' "
                              "FOR UPDATE")
        background = ThreadPoolExecutor(1)
        try:
            # Bounded here too: without the lock's timeout the decision waits for ever.
            first = background.submit(cancel_c1)
            with pytest.raises(Exception) as waited:
                first.result(timeout=20)
            assert store_unavailable(waited.value)  # so a consumer waits it out
            assert processed.seen_many([str(cancel.event_id)]) == set()

            # Each attempt waits at most the lock's timeout, until the server has ended
            # the frozen session and released its lock.
            deadline = time.monotonic() + 20
            while True:
                try:
                    background.submit(cancel_c1).result(timeout=20)
                    break
                except Exception as err:
                    assert store_unavailable(err), err
                    assert time.monotonic() < deadline, "the frozen instance kept the lock"
            assert count(engine, "SELECT status FROM unit WHERE unit_id = 'BCR-1'") == (
                "available")

            # The frozen instance, when it wakes, finds its session gone: an outage to
            # wait out (a new connection), not a failure of the event it was deciding.
            with pytest.raises(Exception) as ended:
                frozen_cursor.execute("SELECT 1")
            assert store_unavailable(ended.value)
        finally:
            background.shutdown(wait=False)
            frozen.invalidate()
            frozen_engine.dispose()
            engine.dispose()
