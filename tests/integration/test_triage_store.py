"""Triage's record of each call's current decision, on SQLite and PostgreSQL: what an
update's re-triage compares against."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from services.triage.engine import CallFacts, classify, load_policy
from services.triage.store import current_decision, init_store, save_decision, save_decisions
from shared.db import make_engine
from shared.settings import REPO_ROOT
from tests.db_support import STORES, fresh_database

POLICY = load_policy(REPO_ROOT / "services" / "triage" / "policies" / "default.yaml")


@pytest.fixture(params=STORES)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with fresh_database(request.param, tmp_path, "triage") as url:
        engine = make_engine(url)
        init_store(engine)
        yield engine
        engine.dispose()


def test_a_poll_of_decisions_is_saved_at_once_and_the_latest_of_a_call_wins(
    engine: Engine,
) -> None:
    theft = classify(CallFacts(call_type="THEFT RPT", narrative="bike stolen, suspect gone"),
                     POLICY)
    crisis = classify(CallFacts(call_type="MENTAL HEALTH",
                                narrative="brother talking about hurting himself"), POLICY)
    armed = classify(CallFacts(call_type="MENTAL HEALTH",
                               narrative="brother has a gun and says he will use it"), POLICY)
    assert "police" in armed.units and "police" not in crisis.units

    save_decisions(engine, [("c1", theft), ("c2", crisis), ("c2", armed)])
    assert current_decision(engine, "c1") == theft
    assert current_decision(engine, "c2") == armed  # the later one of the poll
    assert current_decision(engine, "c3") is None

    # Saved again (a re-triage), the stored decision is replaced, not duplicated.
    save_decision(engine, "c1", crisis)
    save_decisions(engine, [])
    assert current_decision(engine, "c1") == crisis
    assert current_decision(engine, "c2") == armed
