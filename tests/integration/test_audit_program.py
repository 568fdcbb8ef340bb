"""The program figures end to end: daily rollups on SQLite and PostgreSQL, the public
endpoint (whole weeks, bounded cost, problems for bad ranges), the auditor's export, and a
week of calls through the real broker into the public figures."""

from __future__ import annotations

import base64
import csv
import io
import json
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI

import services.audit.program_api as program_api
from services.audit.districts import load_districts
from services.audit.main import create_app
from services.audit.program import program_figures, week_range
from services.audit.reindex import reindex_missing
from services.audit.rollups import ROLLUP, STATE, init_rollups, read_rollups, refresh_rollups
from services.audit.settings import AuditSettings
from services.audit.store import append_entries, entry_from_envelope
from services.audit.tables import ATTR, DECISION
from services.audit.verification import verify_store
from shared.cli import main as cli_main
from shared.events import Envelope, make_event
from shared.field_contracts import Outcome, UnitCleared
from shared.kafka import EventPublisher
from shared.settings import ServiceSettings
from shared.topics import CALLS_ASSIGNED
from tests.audit_support import STORES, store_engine
from tests.conftest import bearer, wait_for
from tests.program_support import (
    CHICAGO,
    WEEK_CALLS,
    districts_geojson,
    monday_weeks_ago,
    week_of_calls,
)

REASON = "program evaluation for the council, item 7"


def _append(engine: sa.Engine, events: list[tuple[str, Envelope]]) -> None:
    for i in range(0, len(events), 200):
        append_entries(engine, [entry_from_envelope(e, topic) for topic, e in events[i:i + 200]])


def _figures(engine: sa.Engine, first: str, last: str) -> dict[str, Any]:
    weeks = week_range(first, last, monday_weeks_ago(0), max_weeks=53, settle_days=2)
    with engine.connect() as conn:
        return program_figures(read_rollups(conn, weeks.first, weeks.last), weeks, 10)


def _groups(cells: list[dict[str, Any]]) -> dict[str, int]:
    return {c["group"]: c["count"] for c in cells}


@pytest.mark.parametrize("kind", STORES)
def test_daily_rollups_are_rebuilt_idempotently_and_give_the_weeks_figures(
    kind: str, tmp_path: Path,
) -> None:
    monday = monday_weeks_ago(3)
    districts = load_districts(districts_geojson(tmp_path / "districts.geojson"))
    with store_engine(kind, tmp_path) as engine:
        init_rollups(engine)
        # unit status reports recorded before their call's triage are completed by it
        events = sorted(week_of_calls(monday, "w"),
                        key=lambda te: te[1].event_type != "UnitStatusChanged")
        _append(engine, events)
        assert verify_store(engine, None).ok  # the index of the new kinds is the chain's
        assert refresh_rollups(engine, CHICAGO, districts) == 7
        assert refresh_rollups(engine, CHICAGO, districts) == 0  # nothing new
        with engine.connect() as conn:
            before = sorted(map(tuple, conn.execute(sa.select(ROLLUP)).all()))
        with engine.begin() as conn:  # from scratch: the same rows
            conn.execute(sa.delete(STATE))
        assert refresh_rollups(engine, CHICAGO, districts) == 7
        with engine.connect() as conn:
            assert sorted(map(tuple, conn.execute(sa.select(ROLLUP)).all())) == before

        figures = _figures(engine, monday.isoformat(), monday.isoformat())
        [week] = figures["weeks"]
        s = figures["summary"]
        assert week["calls"] == s["calls"] == WEEK_CALLS == 94
        # 28 bcr + 12 cso + 10 reports + 3 animal control answered without police; the
        # 3 animal-control calls are folded with the reports, never named
        assert _groups(s["response"]) == {"bcr": 28, "cso": 12, "other_diverted": 13,
                                          "ems_fire_only": 10, "police": 31}
        assert s["diversion_rate"] == round(53 / 94, 4)
        assert _groups(s["crisis"]) == {"not_eligible": 55, "served": 28, "unmet": 11}
        # district 3's calls came without one: the polygons placed them
        assert set(_groups(s["district"])) == {"1", "2", "3"}
        assert _groups(s["backup"])["requested"] == 12
        assert _groups(s["outcome"])["arrest"] == 20
        dispatch = s["intervals"]["dispatch"]["overall"]
        assert dispatch["p50_s"] >= 30  # from the CAD's own receipt, not the envelope's
        assert {g["pathway"] for g in s["intervals"]["arrival"]["by_pathway"]} >= {
            "behavioral_health", "police"}

        # a unit clearing late changes its call's day only
        late = make_event(UnitCleared(unit_id="X", unit_type="bcr", outcome=Outcome.no_contact),
                          producer="assignment", call_id="w-1")
        _append(engine, [(CALLS_ASSIGNED, late)])
        assert refresh_rollups(engine, CHICAGO, districts) == 1


@pytest.mark.parametrize("kind", STORES)
def test_a_store_recorded_before_the_field_reports_were_decisions_is_reindexed(
    kind: str, tmp_path: Path,
) -> None:
    with store_engine(kind, tmp_path) as engine:
        _append(engine, week_of_calls(monday_weeks_ago(3), "old"))
        field_kinds = ("en_route", "on_scene", "cleared", "backup_requested")
        with engine.begin() as conn:  # as a store of the version before them had it
            seqs = sa.select(DECISION.c.seq).where(DECISION.c.kind.in_(field_kinds))
            conn.execute(sa.delete(ATTR).where(ATTR.c.seq.in_(seqs)))
            conn.execute(sa.delete(DECISION).where(DECISION.c.kind.in_(field_kinds)))
        result = verify_store(engine, None)
        assert not result.ok and "missing from the decision index" in (result.reason or "")
        url = engine.url.render_as_string(hide_password=False)
        assert cli_main(["audit", "reindex", "--database-url", url]) == 0
        assert verify_store(engine, None).ok
        assert reindex_missing(engine) == 0  # nothing left to add
        with engine.connect() as conn:
            outcomes = conn.execute(sa.select(sa.func.count()).where(
                ATTR.c.name == "outcome", ATTR.c.value == "arrest")).scalar_one()
        assert outcomes == 20


@pytest.fixture
def program_app(tmp_path: Path, credentials: dict[str, Any]) -> Iterator[FastAPI]:
    key = Ed25519PrivateKey.generate()
    settings = AuditSettings(run_dir=tmp_path, key_file=tmp_path / "keys.json",
                             signing_key=base64.b64encode(key.private_bytes_raw()).decode(),
                             district_polygons_file=districts_geojson(tmp_path / "d.geojson"))
    app = create_app(settings)
    yield app
    app.state.engine.dispose()


@pytest.fixture
async def client(program_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=program_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://audit") as c:
        yield c


def _seed(app: FastAPI, weeks_ago: int, prefix: str) -> None:
    _append(app.state.engine, week_of_calls(monday_weeks_ago(weeks_ago), prefix))
    refresh_rollups(app.state.engine, CHICAGO, app.state.districts)


async def test_public_figures_are_whole_weeks_and_bad_ranges_get_problems(
    program_app: FastAPI, client: httpx.AsyncClient,
) -> None:
    _seed(program_app, 3, "a")
    monday = monday_weeks_ago(3)
    r = await client.get("/v1/public/metrics", params={
        "from": monday.isoformat(), "to": monday.isoformat()})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["range_from"] == monday.isoformat() and body["snapped"]
    assert body["time_zone"] == "America/Chicago" and body["summary"]["calls"] == 94
    # the 3 animal-control calls are counted in "other_diverted", never named (the legend
    # of response families names every response type the City counts, data or not)
    figures = json.dumps([body["weeks"], body["summary"]])
    assert "animal" not in figures and "a-1" not in r.text
    # a narrower or shifted window gets the very same week's cells
    wednesday = (monday + timedelta(days=2)).isoformat()
    shifted = await client.get("/v1/public/metrics", params={"from": wednesday,
                                                             "to": wednesday})
    assert shifted.json()["weeks"] == body["weeks"]
    for params in ({"from": f"{monday.isoformat()}T10:00:00"}, {"to": "2026-13-01"},
                   {"from": "2020-01-01", "to": monday.isoformat()},
                   {"from": monday.isoformat(), "to": "2020-01-01"}):
        bad = await client.get("/v1/public/metrics", params=params)
        assert bad.status_code == 422, params
        assert bad.headers["content-type"].startswith("application/problem+json")
    assert (await client.get("/v1/public/metrics", params={"district": "3"})).status_code == 400
    districts = (await client.get("/v1/public/districts")).json()
    assert [f["properties"]["district"] for f in districts["features"]] == ["1", "2", "3"]


async def test_a_public_requests_cost_is_one_bounded_read_whatever_it_asks(
    program_app: FastAPI, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch,
) -> None:
    statements: list[str] = []
    rows_read: list[int] = []
    sa.event.listen(program_app.state.engine, "before_cursor_execute",
                    lambda *args: statements.append(args[2]))
    real = program_api.read_rollups

    def counted(*args: Any) -> Any:
        rows = real(*args)
        rows_read.append(len(rows))
        return rows

    monkeypatch.setattr(program_api, "read_rollups", counted)
    _seed(program_app, 3, "a")
    statements.clear()

    async def ask(**params: str) -> int:
        program_app.state.public_metrics._entries.clear()
        statements.clear()
        r = await client.get("/v1/public/metrics", params=params)
        assert r.status_code in (200, 422), r.text
        return r.status_code

    week = monday_weeks_ago(3).isoformat()
    await ask(**{"from": week, "to": week})
    one_week = (len(statements), rows_read[-1])
    _seed(program_app, 3, "b")  # twice the calls in the same week
    await ask(**{"from": week, "to": week})
    assert (len(statements), rows_read[-1]) == one_week == (1, one_week[1])
    # the longest range allowed is one read too; a longer one reads nothing at all
    assert await ask(**{"from": monday_weeks_ago(52).isoformat()}) == 200
    assert len(statements) == 1
    assert await ask(**{"from": "2000-01-03"}) == 422
    assert statements == []


async def test_auditors_export_the_daily_rollups_and_search_outcomes(
    program_app: FastAPI, client: httpx.AsyncClient, credentials: dict[str, Any],
) -> None:
    _seed(program_app, 3, "a")
    monday = monday_weeks_ago(3)
    sunday = (monday + timedelta(days=6)).isoformat()
    params = {"from": monday.isoformat(), "to": sunday}
    assert (await client.get("/v1/audit/program/export", params=params)).status_code == 401
    client.headers.update(bearer(credentials["auditor"]))
    r = await client.get("/v1/audit/program/export", params={**params, "to": sunday})
    assert r.status_code == 200, r.text
    rows = r.json()["rows"]
    assert sum(x["count"] for x in rows if x["figure"] == "calls") == 94
    # auditors see the small groups the public never does
    assert sum(x["count"] for x in rows if x["figure"] == "a:response"
               and x["key"] == "animal_control") == 3
    timed = [x for x in rows if x["figure"] == "t:arrival"]
    assert timed and all(x["p50_s"] is not None for x in timed)
    text = (await client.get("/v1/audit/program/export",
                             params={**params, "to": sunday, "format": "csv"})).text
    table = list(csv.DictReader(io.StringIO(text)))
    assert len(table) == len(rows) and set(table[0]) == {"day", "figure", "key", "count",
                                                         "p50_s", "p90_s"}
    bad = await client.get("/v1/audit/program/export", params={"from": "x", "to": sunday})
    assert bad.status_code == 422
    found = await client.get("/v1/audit/decisions", params={"kind": "cleared",
                                                            "outcome": "arrest"})
    assert found.status_code == 200 and len(found.json()["items"]) == 20
    assert {i["outcome"] for i in found.json()["items"]} == {"arrest"}
    assert all(i["payload"]["note"] == "[redacted]" for i in found.json()["items"])
    assert (await client.get("/v1/audit/decisions", params={
        "kind": "backup_requested", "reason_code": "safety"})).json()["items"]
    assert (await client.get("/v1/audit/decisions",
                             params={"outcome": "nonsense"})).status_code == 422


@pytest.mark.kafka
async def test_a_week_of_calls_through_the_broker_reaches_the_public_figures(
    kafka_settings: ServiceSettings, credentials: dict[str, Any], tmp_path: Path,
) -> None:
    key = Ed25519PrivateKey.generate()
    settings = AuditSettings(**kafka_settings.model_dump(), public_rollup_interval_s=0.2,
                             signing_key=base64.b64encode(key.private_bytes_raw()).decode(),
                             district_polygons_file=districts_geojson(tmp_path / "d.geojson"))
    app = create_app(settings)
    monday = monday_weeks_ago(3)
    publisher = EventPublisher(kafka_settings)
    await publisher.start()
    try:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://audit") as c:
                await publisher.publish_many(week_of_calls(monday, "e2e"))
                params = {"from": monday.isoformat(), "to": monday.isoformat()}

                async def counted() -> dict[str, Any] | None:
                    app.state.public_metrics._entries.clear()
                    body = (await c.get("/v1/public/metrics", params=params)).json()
                    s = body["summary"]
                    done = (s["calls"] == WEEK_CALLS
                            and _groups(s["outcome"]).get("arrest") == 20
                            and s["intervals"]["clear"]["overall"] is not None)
                    return body if done else None

                body = await wait_for(counted, timeout_s=60, interval_s=0.3,
                                      what="the week's calls in the public figures")
                s = body["summary"]
                assert s["diversion_rate"] == round(53 / 94, 4)
                assert _groups(s["crisis"])["unmet"] == 11
                assert _groups(s["backup"])["requested"] == 12
                c.headers.update(bearer(credentials["auditor"]))
                export = await c.get("/v1/audit/program/export", params={
                    "from": monday.isoformat(), "reason": REASON,
                    "to": (monday + timedelta(days=6)).isoformat()})
                assert export.status_code == 200, export.text
                rows = export.json()["rows"]
                assert sum(x["count"] for x in rows if x["figure"] == "a:outcome"
                           and x["key"] == Outcome.handed_to_police) == 11
    finally:
        await publisher.stop()
