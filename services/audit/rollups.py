"""Daily rollups of the program figures, in the agency's time zone: what the public
figures are computed from (never the decision rows themselves).

One row per local day x figure x key holds a count (and, for intervals, the measured
seconds). They are rebuilt idempotently: a refresh finds the calls whose decisions arrived
since its watermark (the last decision seq it saw), recomputes every local day those calls
were received on from the decision index, and replaces those days' rows and the watermark
in one transaction. Running it twice, or from two instances, gives the same rows.

Figures: ``calls``; ``a:<attribute>`` (key: its value); ``x:<rows>:<columns>`` (key: JSON
[row value, column value]); ``t:<interval>`` and ``t:<interval>:<attribute>`` (count and
the seconds measured).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, delete, func, insert, select
from sqlmodel import Column, Field, SQLModel, Text

from services.audit.chain import timestamp
from services.audit.districts import district_at
from services.audit.program_facts import (
    INTERVALS,
    REPEAT_WINDOW,
    UNKNOWN,
    ProgramCall,
    apply_received,
    mark_repeats,
    parse_ts,
    program_calls,
)
from services.audit.tables import ATTR, DECISION, ENTRY
from shared.db import create_tables
from shared.geo import Area

ATTRIBUTES = ("district", "pathway", "hour", "response", "crisis", "outcome", "backup",
              "repeat", "floor")
CROSS = (("district", "response"), ("district", "crisis"), ("hour", "crisis"),
         ("pathway", "outcome"), ("pathway", "backup"), ("pathway", "floor"))
TIMED_BY = ("pathway", "district")
KINDS_READ = ("received", "triaged", "assigned", "en_route", "on_scene", "cleared",
              "backup_requested", "police_now", "phone_resolved", "transferred", "confirmed",
              "overridden")
CHUNK = 500


class AuditRollup(SQLModel, table=True):
    """One local day's count of one figure's key (see the module docstring)."""

    __tablename__ = "audit_rollup"

    day: str = Field(primary_key=True, max_length=10)
    figure: str = Field(primary_key=True, max_length=64)
    key: str = Field(primary_key=True, max_length=450)
    count: int
    values_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class AuditRollupState(SQLModel, table=True):
    __tablename__ = "audit_rollup_state"

    id: int = Field(primary_key=True)
    watermark_seq: int


ROLLUP = AuditRollup.__table__  # type: ignore[attr-defined]
STATE = AuditRollupState.__table__  # type: ignore[attr-defined]


def init_rollups(engine: Engine) -> None:
    create_tables(engine, [AuditRollup, AuditRollupState])


# One call as the rollups see it: its local day, its attributes and its intervals.
CallRecord = tuple[str, dict[str, str], dict[str, float]]


def records(calls: Iterable[ProgramCall], zone: ZoneInfo) -> list[CallRecord]:
    out = []
    for call in calls:
        day = call.local_day(zone)
        if day is not None:
            out.append((day.isoformat(), call.attributes(zone),
                        {i: s for i in INTERVALS if (s := call.seconds(i)) is not None}))
    return out


def day_rows(calls: Iterable[CallRecord]) -> list[dict[str, Any]]:
    """The rollup rows of the calls, by the local day each was received."""
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    seconds: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    for d, attrs, intervals in calls:
        counts[(d, "calls", "")] += 1
        for name in ATTRIBUTES:
            counts[(d, f"a:{name}", attrs[name])] += 1
        for x, y in CROSS:
            counts[(d, f"x:{x}:{y}", json.dumps([attrs[x], attrs[y]]))] += 1
        for interval, s in intervals.items():
            seconds[(d, f"t:{interval}", "")].append(s)
            for by in TIMED_BY:
                seconds[(d, f"t:{interval}:{by}", attrs[by])].append(s)
    rows = [{"day": d, "figure": f, "key": k[:450], "count": n, "values_json": None}
            for (d, f, k), n in counts.items()]
    rows += [{"day": d, "figure": f, "key": k[:450], "count": len(v),
              "values_json": json.dumps(sorted(round(s, 1) for s in v))}
             for (d, f, k), v in seconds.items()]
    return rows


def _receipts(conn: Connection, start: datetime, end: datetime,
              ) -> dict[str, tuple[datetime, dict[str, Any]]]:
    """Each call received (by the envelope's clock) in [start, end): its time and payload."""
    rows = conn.execute(
        select(DECISION.c.call_id, DECISION.c.occurred_at, ENTRY.c.payload_json)
        .join(ENTRY, ENTRY.c.seq == DECISION.c.seq)
        .where(DECISION.c.kind == "received", DECISION.c.occurred_at >= timestamp(start),
               DECISION.c.occurred_at < timestamp(end))
        .order_by(DECISION.c.seq))
    out: dict[str, tuple[datetime, dict[str, Any]]] = {}
    for call_id, occurred_at, payload_json in rows:
        payload = json.loads(payload_json)
        if call_id is not None and call_id not in out and isinstance(payload, dict):
            out[call_id] = (parse_ts(occurred_at), payload)
    return out


def _decision_rows(conn: Connection, call_ids: Sequence[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for i in range(0, len(call_ids), CHUNK):
        rows += [dict(r) for r in conn.execute(
            select(DECISION.c.seq, DECISION.c.call_id, DECISION.c.kind, DECISION.c.occurred_at,
                   DECISION.c.pathway, DECISION.c.district, DECISION.c.unit_type)
            .where(DECISION.c.call_id.in_(call_ids[i:i + CHUNK]),
                   DECISION.c.kind.in_(KINDS_READ))).mappings()]
    rows.sort(key=lambda r: r["seq"])
    wanted = [r["seq"] for r in rows if r["kind"] in ("triaged", "transferred", "cleared")]
    attrs: dict[int, dict[str, list[str]]] = {}
    for i in range(0, len(wanted), CHUNK):
        for seq, name, value in conn.execute(
                select(ATTR.c.seq, ATTR.c.name, ATTR.c.value)
                .where(ATTR.c.seq.in_(wanted[i:i + CHUNK]),
                       ATTR.c.name.in_(("unit", "to", "outcome"))).order_by(ATTR.c.id)):
            attrs.setdefault(int(seq), {}).setdefault(name, []).append(value)
    for r in rows:
        found = attrs.get(r["seq"], {})
        r["units"] = found.get("unit", [])
        r["to"] = next(iter(found.get("to", [])), None)
        r["outcome"] = next(iter(found.get("outcome", [])), None)
    return rows


def _local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), zone).astimezone(UTC)


def calls_of_days(conn: Connection, days: set[date], zone: ZoneInfo,
                  districts: list[Area]) -> list[ProgramCall]:
    """The triaged calls received on the local days, each with its repeat flag and its
    district (from the polygons when neither the CAD nor triage named one)."""
    first, last = min(days), max(days)
    # Envelope and CAD clocks may differ; the margin is generous, the filter exact.
    receipts = _receipts(conn, _local_midnight(first, zone) - REPEAT_WINDOW - timedelta(days=2),
                         _local_midnight(last, zone) + timedelta(days=3))
    cad_time: dict[str, ProgramCall] = {}
    for call_id, (at, payload) in receipts.items():
        probe = ProgramCall(call_id=call_id)
        apply_received(probe, payload, at)
        cad_time[call_id] = probe
    in_days = sorted(c for c, p in cad_time.items() if p.local_day(zone) in days)
    calls = program_calls(_decision_rows(conn, in_days),
                          {c: receipts[c][1] for c in in_days})
    for call in calls:
        if call.district is None:
            call.district = district_at(districts, call.lat, call.lon) or UNKNOWN
    mark_repeats(calls, [(p.place, p.received_at) for c, p in cad_time.items()
                         if c not in set(in_days) and p.place and p.received_at])
    return calls


def refresh_rollups(engine: Engine, zone: ZoneInfo, districts: list[Area]) -> int:
    """Rebuild the local days touched since the watermark; the number of days rebuilt."""
    with engine.begin() as conn:
        watermark = conn.execute(select(STATE.c.watermark_seq).where(STATE.c.id == 1)
                                 ).scalar_one_or_none()
        head = conn.execute(select(func.max(DECISION.c.seq))).scalar_one_or_none() or 0
        if watermark is not None and head <= watermark:
            return 0
        dirty = [r[0] for r in conn.execute(
            select(DECISION.c.call_id).distinct().where(
                DECISION.c.seq > (watermark or 0), DECISION.c.seq <= head,
                DECISION.c.call_id.is_not(None)))]
        days: set[date] = set()
        for i in range(0, len(dirty), CHUNK):
            for payload_json, occurred_at in conn.execute(
                    select(ENTRY.c.payload_json, DECISION.c.occurred_at)
                    .join(ENTRY, ENTRY.c.seq == DECISION.c.seq)
                    .where(DECISION.c.kind == "received",
                           DECISION.c.call_id.in_(dirty[i:i + CHUNK]))):
                probe = ProgramCall(call_id="")
                payload = json.loads(payload_json)
                apply_received(probe, payload if isinstance(payload, dict) else {},
                               parse_ts(occurred_at))
                day = probe.local_day(zone)
                if day is not None:
                    days.add(day)
        # A week at a time: memory stays bounded by a week's calls (and the receipts of
        # the month before, for repeat calls) however far back the rebuild goes.
        weeks: dict[date, set[date]] = defaultdict(set)
        for day in days:
            weeks[day - timedelta(days=day.weekday())].add(day)
        for _, batch in sorted(weeks.items()):
            rows = day_rows(records(calls_of_days(conn, batch, zone, districts), zone))
            conn.execute(delete(ROLLUP).where(ROLLUP.c.day.in_(sorted(d.isoformat()
                                                                       for d in batch))))
            if rows:
                conn.execute(insert(ROLLUP), rows)
        if watermark is None:
            conn.execute(insert(STATE).values(id=1, watermark_seq=head))
        else:
            conn.execute(STATE.update().where(STATE.c.id == 1).values(watermark_seq=head))
    return len(days)


def read_rollups(conn: Connection, first: date, last: date) -> list[dict[str, Any]]:
    """The rollup rows of the local days first..last (one query, bounded by the range)."""
    return [dict(r) for r in conn.execute(
        select(ROLLUP).where(ROLLUP.c.day >= first.isoformat(), ROLLUP.c.day <= last.isoformat())
    ).mappings()]
