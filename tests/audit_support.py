"""Helpers for the audit tests: the stores to run on, and events to record."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from services.audit.store import init_store
from shared.db import make_engine
from shared.events import (
    CallQueued,
    CallReceived,
    CallTriaged,
    CandidateUnit,
    Envelope,
    Location,
    TriageReason,
    UnitAssigned,
    UnitType,
    make_event,
)
from tests.db_support import POSTGRES_URL, STORES, fresh_database

__all__ = ["POSTGRES_URL", "STORES", "store_engine"]


@contextmanager
def store_engine(kind: str, tmp_path: Path) -> Iterator[Engine]:
    """A fresh, initialised audit store: a SQLite file, or a PostgreSQL schema of its own."""
    with fresh_database(kind, tmp_path, "audit") as url:
        engine = make_engine(url)
        init_store(engine)
        try:
            yield engine
        finally:
            engine.dispose()


def store_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


T0 = datetime.fromisoformat("2026-11-25T14:00:00+00:00")


def received(call_id: str, at: datetime = T0, district: str = "3",
             narrative: str = "Brother talking about hurting himself") -> Envelope:
    return make_event(
        CallReceived(agency="mpls", cad_incident_id=f"MP-{call_id}", call_type="EDP",
                     narrative=narrative, received_at=at,
                     location=Location(address="2633 Minnehaha Ave", lat=44.95, lon=-93.24,
                                       district=district)),
        producer="intake", call_id=call_id, occurred_at=at)


def triaged(cause: Envelope, *, pathway: str = "behavioral_health",
            units: tuple[UnitType, ...] = (UnitType.bcr,), tags: tuple[str, ...] = ("bh",),
            rule: str = "bh.suicidal_no_means", policy_version: str = "1",
            district: str = "3", at: datetime | None = None) -> Envelope:
    return make_event(
        CallTriaged(tags=list(tags), pathway=pathway, units=list(units), priority=2,
                    reasons=[TriageReason(rule_id=rule, evidence="hurting himself")],
                    confidence=0.9, policy_id="default", policy_version=policy_version,
                    location=Location(lat=44.95, lon=-93.24, district=district)),
        producer="triage", call_id=cause.call_id, causation=cause,
        occurred_at=at or (cause.occurred_at + timedelta(milliseconds=5)))


def assigned(cause: Envelope, unit_type: UnitType = UnitType.bcr, unit_id: str = "BCR-1",
             after_s: float = 2.0) -> Envelope:
    return make_event(
        UnitAssigned(unit_id=unit_id, unit_type=unit_type, distance_km=1.2, eta_s=180,
                     rule="nearest_available",
                     candidates=[CandidateUnit(unit_id=unit_id, unit_type=unit_type,
                                               distance_km=1.2),
                                 CandidateUnit(unit_id="X-9", unit_type=unit_type,
                                               distance_km=4.0, passed_over="farther")]),
        producer="assignment", call_id=cause.call_id, causation=cause, discriminator=unit_id,
        occurred_at=cause.occurred_at + timedelta(seconds=after_s))


def queued(cause: Envelope, unit_type: UnitType = UnitType.bcr) -> Envelope:
    return make_event(
        CallQueued(unit_type=unit_type, priority=2, reason=f"no available {unit_type} unit"),
        producer="assignment", call_id=cause.call_id, causation=cause,
        occurred_at=cause.occurred_at + timedelta(seconds=1))


def call_flow(call_id: str, at: datetime = T0, **triage: Any) -> list[Envelope]:
    r = received(call_id, at, district=triage.get("district", "3"))
    t = triaged(r, **triage)
    units = triage.get("units", (UnitType.bcr,))
    return [r, t, *(assigned(t, u, f"{u.value}-{call_id[:4]}") for u in units)]
