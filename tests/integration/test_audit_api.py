"""Audit in process against the real broker: recording, the auditor API, public metrics."""

from __future__ import annotations

import asyncio
import base64
import csv
import io
import json
import threading
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI

import services.audit.program_api as program_api
from services.audit.chain import public_key_b64
from services.audit.main import create_app
from services.audit.rollups import refresh_rollups
from services.audit.settings import AuditSettings
from services.audit.signing import SigningKeyMissing, public_key_pem
from shared.auth import Role, key_entry, new_token, write_key_file
from shared.cli import main as cli_main
from shared.contracts import CallTransferred, DecisionOverridden, FloorPrompted
from shared.events import (
    CallCancelled,
    CallUpdated,
    Envelope,
    Location,
    UnitStatus,
    UnitStatusChanged,
    UnitType,
    make_event,
)
from shared.kafka import EventPublisher
from shared.settings import ServiceSettings
from shared.topics import CALLS_ASSIGNED, CALLS_RECEIVED, CALLS_TRIAGED, DEAD_LETTER, UNITS_STATUS
from tests.audit_support import T0, assigned, call_flow, queued, received, triaged
from tests.conftest import bearer, read_topic, wait_for

pytestmark = pytest.mark.kafka

REASON = "case review 2026-114 ordered by the board"
TOPIC_OF = {"CallReceived": CALLS_RECEIVED, "CallUpdated": CALLS_RECEIVED,
            "CallCancelled": CALLS_RECEIVED, "CallTriaged": CALLS_TRIAGED,
            "UnitAssigned": CALLS_ASSIGNED, "CallQueued": CALLS_ASSIGNED,
            "UnitStatusChanged": UNITS_STATUS}


@pytest.fixture
def signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
async def audit(
    kafka_settings: ServiceSettings, signing_key: Ed25519PrivateKey,
) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    raw = signing_key.private_bytes_raw()
    # The auditor's pinned copy of the public key: verification trusts this file only.
    pinned = kafka_settings.run_dir / "pinned-audit.pub"
    pinned.parent.mkdir(parents=True, exist_ok=True)
    pinned.write_bytes(public_key_pem(signing_key.public_key()))
    settings = AuditSettings(**kafka_settings.model_dump(), checkpoint_every=5,
                             signing_key=base64.b64encode(raw).decode(),
                             audit_public_key_file=pinned)
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://audit") as client:
            yield app, client


@pytest.fixture
async def publisher(kafka_settings: ServiceSettings) -> AsyncIterator[EventPublisher]:
    pub = EventPublisher(kafka_settings)
    await pub.start()
    yield pub
    await pub.stop()


async def publish(publisher: EventPublisher, events: list[Envelope]) -> None:
    await publisher.publish_many([(TOPIC_OF.get(e.event_type, CALLS_RECEIVED), e)
                                  for e in events])


def count(app: FastAPI, where: str = "1=1") -> int:
    with app.state.engine.connect() as conn:
        sql = f"SELECT count(*) FROM audit_entry WHERE {where}"  # noqa: S608 (test constants)
        return int(conn.execute(sa.text(sql))
                   .scalar_one())


async def recorded(app: FastAPI, n: int, where: str = "kind = 'event'") -> None:
    async def check() -> bool:
        return count(app, where) >= n
    await wait_for(check, timeout_s=20, what=f"{n} entries recorded")


def full_call(call_id: str) -> list[Envelope]:
    r = received(call_id, T0, narrative="Brother talking about hurting himself")
    t = triaged(r)
    a = assigned(t, UnitType.bcr, "BCR-1")
    q = queued(t, UnitType.ems)
    status = make_event(
        UnitStatusChanged(unit_id="BCR-1", unit_type=UnitType.bcr, status=UnitStatus.en_route,
                          previous_status=UnitStatus.dispatched, location=Location(lat=1, lon=1)),
        producer="responder", call_id=call_id, key="BCR-1",
        occurred_at=T0 + timedelta(seconds=30))
    updated = make_event(
        CallUpdated(**{**r.payload, "narrative": "now says he has a knife"},
                    changed_fields=["narrative"]),
        producer="intake", call_id=call_id, occurred_at=T0 + timedelta(seconds=40))
    cancelled = make_event(CallCancelled(reason="duplicate"), producer="intake",
                           call_id=call_id, occurred_at=T0 + timedelta(seconds=50))
    return [r, t, a, q, status, updated, cancelled]


async def test_every_event_is_recorded_once_even_of_unknown_types(
    audit: tuple[FastAPI, httpx.AsyncClient], publisher: EventPublisher,
    kafka_settings: ServiceSettings, credentials: dict[str, Any],
) -> None:
    app, client = audit
    events = full_call("call-1")
    newer = Envelope(event_id=uuid.uuid4(), event_type="CallGeofenced", schema_version=3,
                     occurred_at=T0 + timedelta(seconds=60), call_id="call-1", producer="geo",
                     payload={"zone": "Z1"})
    old_but_newer_version = Envelope(
        event_id=uuid.uuid4(), event_type="CallReceived", schema_version=9,
        occurred_at=T0 + timedelta(seconds=61), call_id="call-1", producer="intake-v9",
        payload={"whatever": "shape"})
    await publish(publisher, [*events, newer, old_but_newer_version])
    await publish(publisher, events[:3])  # redelivered duplicates
    producer = publisher._producer
    assert producer is not None
    await producer.send_and_wait(f"{kafka_settings.topic_prefix}{CALLS_RECEIVED}",
                                 b"not json at all", key=b"poison")
    [letter] = await read_topic(kafka_settings, DEAD_LETTER, 1, timeout_s=20)
    assert b"invalid envelope" in letter.value and b"not json at all" in letter.value
    await recorded(app, 9)
    # The dead letter itself is an event on a topic, so it is recorded as well.
    await recorded(app, 10)
    assert count(app, "kind = 'event'") == 10
    assert count(app, "event_type = 'CallGeofenced'") == 1

    response = await client.get("/v1/calls/call-1/timeline",
                                headers=bearer(credentials["auditor"]))
    assert response.status_code == 200, response.text
    body = response.json()
    types = [e["event_type"] for e in body["events"]]
    assert types == ["CallReceived", "CallTriaged", "CallQueued", "UnitAssigned",
                     "UnitStatusChanged", "CallUpdated", "CallCancelled", "CallGeofenced",
                     "CallReceived"]
    by_type = {e["event_type"]: e for e in body["events"]}
    # who wrote each entry, as the broker's ACLs vouch, beside what the event claims
    assert by_type["CallTriaged"]["written_by"] == "triage"
    assert by_type["UnitAssigned"]["written_by"] == "assignment"
    claimed = {(e["producer"], e["written_by"]) for e in body["events"]
               if e["event_type"] in ("CallGeofenced", "CallReceived")}
    assert claimed == {("intake", "intake"), ("geo", "intake"), ("intake-v9", "intake")}
    assert by_type["CallTriaged"]["payload"]["policy_version"] == "1"
    assert by_type["CallTriaged"]["payload"]["reasons"][0]["rule_id"] == "bh.suicidal_no_means"
    assert len(by_type["UnitAssigned"]["payload"]["candidates"]) == 2
    assert by_type["CallQueued"]["fallback"] is True
    assert by_type["UnitAssigned"]["fallback"] is False
    assert body["revealed"] is False
    assert "hurting" not in response.text and "knife" not in response.text
    assert "Minnehaha" not in response.text

    revealed = await client.get("/v1/calls/call-1/timeline", params={"reason": REASON},
                                headers=bearer(credentials["auditor"]))
    assert revealed.status_code == 200 and revealed.json()["revealed"] is True
    assert "hurting himself" in revealed.text and "knife" in revealed.text
    header = await client.get("/v1/calls/call-1/timeline",
                              headers={**bearer(credentials["admin"]),
                                       "X-Access-Reason": REASON})
    assert header.json()["revealed"] is True
    short = await client.get("/v1/calls/call-1/timeline", params={"reason": "because"},
                             headers=bearer(credentials["auditor"]))
    assert short.status_code == 422
    assert short.headers["content-type"] == "application/problem+json"

    with app.state.engine.connect() as conn:
        accesses = [json.loads(p) for p in conn.execute(sa.text(
            "SELECT payload_json FROM audit_entry WHERE event_type = 'AuditAccessed' "
            "ORDER BY seq")).scalars()]
    assert [a["revealed"] for a in accesses] == [False, True, True]
    assert accesses[0]["key_id"] == "dev-auditor" and accesses[0]["role"] == "auditor"
    assert accesses[0]["path"] == "/v1/calls/call-1/timeline"
    assert accesses[1]["reason"] == REASON and accesses[2]["key_id"] == "dev-admin"
    verify = (await client.get("/v1/audit/verify", headers=bearer(credentials["auditor"])))
    assert verify.json()["ok"] is True and verify.json()["checkpoints"] >= 1


async def seed(app: FastAPI, publisher: EventPublisher, n_bh: int, n_police: int) -> None:
    events: list[Envelope] = []
    for n in range(n_bh):
        events += call_flow(f"bh-{n}", T0 + timedelta(minutes=n))
    for n in range(n_police):
        events += call_flow(f"po-{n}", T0 + timedelta(minutes=n), pathway="police",
                            units=(UnitType.police,), tags=("violence",), rule="weapon.seen",
                            district="5")
    await publish(publisher, events)
    await recorded(app, len(events))


async def test_decision_search_filters_pages_and_exports(
    audit: tuple[FastAPI, httpx.AsyncClient], publisher: EventPublisher,
    credentials: dict[str, Any],
) -> None:
    app, client = audit
    await seed(app, publisher, 7, 4)
    client.headers.update(bearer(credentials["auditor"]))
    r = await client.get("/v1/audit/decisions", params={"kind": "triaged", "pathway": "police"})
    assert r.status_code == 200, r.text
    assert {d["call_id"] for d in r.json()["items"]} == {f"po-{n}" for n in range(4)}
    r = await client.get("/v1/audit/decisions", params={
        "kind": "assigned", "unit_type": "bcr", "district": "3", "tag": "bh",
        "rule_id": "bh.suicidal_no_means", "policy_version": "1", "fallback": "false",
        "from": "2026-11-25T14:00:00Z", "to": "2026-11-25T14:05:00Z"})
    assert sorted(d["call_id"] for d in r.json()["items"]) == [f"bh-{n}" for n in range(5)]
    pages, cursor = [], None
    while True:
        params: dict[str, Any] = {"limit": 4, "kind": "received"}
        if cursor:
            params["cursor"] = cursor
        body = (await client.get("/v1/audit/decisions", params=params)).json()
        pages.append([d["call_id"] for d in body["items"]])
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert [len(p) for p in pages] == [4, 4, 3] and len({c for p in pages for c in p}) == 11

    csv_resp = await client.get("/v1/audit/decisions/export",
                                params={"format": "csv", "kind": "triaged"})
    assert csv_resp.status_code == 200 and csv_resp.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(csv_resp.text)))
    assert len(rows) == 11 and rows[0]["pathway"] == "behavioral_health"
    assert rows[0]["rule_ids"] == "bh.suicidal_no_means" and "hurting" not in csv_resp.text
    jsonl = await client.get("/v1/audit/decisions/export", params={"kind": "triaged",
                                                                   "district": "5"})
    lines = [json.loads(line) for line in jsonl.text.splitlines()]
    assert len(lines) == 4 and lines[0]["payload"]["reasons"][0]["evidence"] == "[redacted]"
    revealed = await client.get("/v1/audit/decisions/export",
                                params={"kind": "triaged", "district": "5", "reason": REASON})
    assert json.loads(revealed.text.splitlines()[0])["payload"]["reasons"][0]["evidence"] == \
        "hurting himself"
    # Every one of those calls is in the chain, with its filters.
    with app.state.engine.connect() as conn:
        queries = [json.loads(p)["query"] for p in conn.execute(sa.text(
            "SELECT payload_json FROM audit_entry WHERE event_type = 'AuditAccessed'"))
            .scalars()]
    assert {"kind": "triaged", "pathway": "police"} in queries
    assert {"format": "csv", "kind": "triaged"} in queries


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"limit": 501}, 422),
        ({"limit": 0}, 422),
        ({"limit": "ten"}, 422),
        ({"unit_type": "tank"}, 422),
        ({"kind": "deleted"}, 422),
        ({"fallback": "maybe"}, 422),
        ({"from": "yesterday"}, 422),
        ({"from": "2026-11-26T00:00:00Z", "to": "2026-11-25T00:00:00Z"}, 422),
        ({"cursor": "bm90IGEgY3Vyc29y"}, 400),
        ({"pathway": ""}, 422),
        ({"pathway": "x" * 201}, 422),
        ({"sort": "seq"}, 400),
        ({"pathway'; DROP TABLE audit_entry; --": "1"}, 400),
    ],
)
async def test_bad_search_input_gets_problem_json(
    audit: tuple[FastAPI, httpx.AsyncClient], credentials: dict[str, Any],
    params: dict[str, Any], status: int,
) -> None:
    app, client = audit
    r = await client.get("/v1/audit/decisions", params=params,
                         headers=bearer(credentials["auditor"]))
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert count(app) >= 0  # the table is still there


async def test_only_auditors_and_admins_may_read_the_record(
    audit: tuple[FastAPI, httpx.AsyncClient], credentials: dict[str, Any],
) -> None:
    _, client = audit
    for path in ("/v1/audit/decisions", "/v1/audit/verify", "/v1/calls/x/timeline",
                 "/v1/audit/decisions/export"):
        assert (await client.get(path)).status_code == 401
        for role in ("cad", "public"):
            assert (await client.get(path, headers=bearer(credentials[role]))).status_code == 403
    # There is no way to change or remove an entry.
    for method in ("PUT", "PATCH", "DELETE", "POST"):
        r = await client.request(method, "/v1/audit/decisions",
                                 headers=bearer(credentials["admin"]))
        assert r.status_code == 405
    assert not [r for r in _routes(audit[0]) if r[1] & {"PUT", "PATCH", "DELETE", "POST"}]


def _routes(app: FastAPI) -> list[tuple[str, set[str]]]:
    return [(getattr(r, "path", ""), set(getattr(r, "methods", set()) or set()))
            for r in app.routes]


async def test_verify_names_a_row_altered_behind_the_services_back(
    audit: tuple[FastAPI, httpx.AsyncClient], publisher: EventPublisher,
    credentials: dict[str, Any], signing_key: Ed25519PrivateKey, tmp_path: Path,
) -> None:
    app, client = audit
    await seed(app, publisher, 3, 0)
    client.headers.update(bearer(credentials["auditor"]))
    ok = (await client.get("/v1/audit/verify")).json()
    assert ok["ok"] is True and ok["public_key"] == public_key_b64(signing_key.public_key())
    url = app.state.engine.url.render_as_string(hide_password=False)
    pk = public_key_b64(signing_key.public_key())
    assert cli_main(["audit", "verify", "--database-url", url, "--public-key", pk]) == 0
    export = tmp_path / "chain.jsonl"
    assert cli_main(["audit", "export", "--database-url", url, "--out", str(export)]) == 0
    assert cli_main(["audit", "verify", "--export", str(export), "--public-key", pk]) == 0

    with app.state.engine.begin() as conn:
        seq, event_id = conn.execute(sa.text(
            "SELECT seq, event_id FROM audit_entry WHERE event_type = 'CallTriaged' "
            "ORDER BY seq LIMIT 1")).one()
        conn.execute(sa.text("UPDATE audit_entry SET payload_json = "
                             "replace(payload_json, 'bcr', 'police') WHERE seq = :s"),
                     {"s": seq})
    bad = (await client.get("/v1/audit/verify")).json()
    assert bad["ok"] is False and bad["first_bad_seq"] == seq
    assert bad["first_bad_event_id"] == event_id
    assert cli_main(["audit", "verify", "--database-url", url, "--public-key", pk]) == 1

    lines = export.read_text().splitlines()
    record = json.loads(lines[1])
    record["call_id"] = "someone-else"
    lines[1] = json.dumps(record)
    export.write_text("\n".join(lines) + "\n")
    assert cli_main(["audit", "verify", "--export", str(export), "--public-key", pk,
                     "--json"]) == 1


def refresh_public_figures(app: FastAPI) -> None:
    refresh_rollups(app.state.engine, app.state.settings.zone(), app.state.districts)


async def test_public_metrics_need_no_login_and_neither_count_nor_name_small_groups(
    audit: tuple[FastAPI, httpx.AsyncClient], publisher: EventPublisher,
) -> None:
    app, client = audit
    await seed(app, publisher, 12, 3)
    refresh_public_figures(app)
    before = count(app, "kind = 'access'")
    week = T0.date().isoformat()
    r = await client.get("/v1/public/metrics", params={"from": week, "to": week})
    assert r.status_code == 200, r.text
    summary = r.json()["summary"]
    assert summary["calls"] == 15
    # The 3 police calls are neither counted nor named; "other" is not left small, so the
    # 12 others are folded with them, and no rate rests on them.
    assert [c["group"] for c in summary["pathway"]] == ["other"]
    assert [c["group"] for c in summary["response"]] == ["other"]
    assert summary["diversion_rate"] is None
    assert summary["intervals"]["dispatch"]["overall"] == {"p50_s": 2.0, "p90_s": 2.0}
    assert "bh-1" not in r.text and '"police"' not in json.dumps(r.json()["weeks"])
    assert (await client.get("/v1/public/metrics", params={"district": "3"})).status_code == 400
    assert count(app, "kind = 'access'") == before
    page = await client.get("/dashboard")
    assert page.status_code == 200 and "dashboard.js" in page.text
    assert (await client.get("/dashboard/assets/dashboard.js")).status_code == 200
    assert (await client.get("/dashboard/assets/..%2Fstore.py")).status_code == 404


def test_production_refuses_to_start_without_a_signing_key(tmp_path: Path) -> None:
    keys = tmp_path / "prod-keys.json"
    write_key_file(keys, [key_entry(new_token(Role.auditor), "ops-auditor", Role.auditor)])
    with pytest.raises(SigningKeyMissing):
        create_app(AuditSettings(environment="production", run_dir=tmp_path, key_file=keys))
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes_raw()
    app = create_app(AuditSettings(environment="production", run_dir=tmp_path, key_file=keys,
                                   signing_key=base64.b64encode(raw).decode()))
    assert public_key_b64(app.state.signing_key.public_key()) == \
        public_key_b64(key.public_key())
    dev = create_app(AuditSettings(run_dir=tmp_path / "dev"))
    key_file = tmp_path / "dev" / "audit_signing_key.pem"
    assert key_file.stat().st_mode & 0o777 == 0o600
    again = create_app(AuditSettings(run_dir=tmp_path / "dev"))
    assert public_key_b64(dev.state.signing_key.public_key()) == \
        public_key_b64(again.state.signing_key.public_key())


async def test_a_checkpoint_is_signed_every_t_seconds_while_entries_arrive(
    kafka_settings: ServiceSettings, publisher: EventPublisher,
) -> None:
    key = Ed25519PrivateKey.generate()
    settings = AuditSettings(**kafka_settings.model_dump(), checkpoint_every=1_000_000,
                             checkpoint_interval_s=0.2,
                             signing_key=base64.b64encode(key.private_bytes_raw()).decode())
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        await publish(publisher, call_flow("timer-1"))
        await recorded(app, 3)

        async def signed_head() -> bool:
            with app.state.engine.connect() as conn:
                return conn.execute(sa.text("SELECT max(seq) FROM audit_checkpoint")
                                    ).scalar() == 3
        await wait_for(signed_head, timeout_s=10, what="a checkpoint of the head")


async def test_public_metrics_are_reused_for_a_while_then_computed_afresh(
    audit: tuple[FastAPI, httpx.AsyncClient], publisher: EventPublisher,
) -> None:
    """The public endpoint needs no login: its answer for a range is reused for the TTL
    (60 s by default) instead of reading every decision again for each request."""
    app, client = audit
    now = [0.0]
    app.state.public_metrics.clock = lambda: now[0]
    await seed(app, publisher, 12, 0)
    refresh_public_figures(app)
    week = {"from": T0.date().isoformat(), "to": T0.date().isoformat()}
    first = (await client.get("/v1/public/metrics", params=week)).json()
    assert first["summary"]["calls"] == 12
    await seed(app, publisher, 0, 3)
    await recorded(app, 15, "event_type = 'CallTriaged'")
    refresh_public_figures(app)
    reused = (await client.get("/v1/public/metrics", params=week)).json()
    assert reused == first
    now[0] += app.state.settings.public_metrics_ttl_s + 1
    fresh = (await client.get("/v1/public/metrics", params=week)).json()
    assert fresh["summary"]["calls"] == 15
    assert fresh["generated_at"] > first["generated_at"]


async def test_public_metrics_compute_one_at_a_time_and_a_request_left_waiting_gets_503(
    kafka_settings: ServiceSettings, signing_key: Ed25519PrivateKey,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()
    real_figures = program_api.program_figures

    def slow_figures(*args: Any) -> Any:
        release.wait(timeout=20)
        return real_figures(*args)

    monkeypatch.setattr(program_api, "program_figures", slow_figures)
    settings = AuditSettings(
        **kafka_settings.model_dump(), public_metrics_wait_s=0.2,
        signing_key=base64.b64encode(signing_key.private_bytes_raw()).decode())
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://audit") as client:
            first = asyncio.create_task(client.get("/v1/public/metrics"))
            await wait_for(lambda: asyncio.sleep(0, app.state.public_metrics._computing
                                                 .locked()),
                           timeout_s=10, what="the first computation under way")
            other = await client.get("/v1/public/metrics", params={"from": "2026-01-01"})
            assert other.status_code == 503
            assert other.headers["content-type"].startswith("application/problem+json")
            assert other.headers["retry-after"] == "5"
            release.set()
            assert (await asyncio.wait_for(first, timeout=20)).status_code == 200


def floor_actions(call_id: str) -> list[Envelope]:
    """A call triage routed to a crisis team, which a dispatcher overrode for police and a
    clinician then handed to 988."""
    r = received(call_id)
    t = triaged(r)
    who = {"by_key": "dev-dispatcher", "by_role": "dispatcher", "acted_at": T0}
    prompted = make_event(FloorPrompted(
        state="awaiting_confirmation", reason="policy: behavioral_health waits",
        units=[UnitType.bcr]), producer="assignment", call_id=call_id, causation=t,
        occurred_at=T0 + timedelta(seconds=1))
    overridden = make_event(DecisionOverridden(
        **who, reason_code="safety_concern", note="caller mentions a knife",
        units=[UnitType.police], recommended=[UnitType.bcr]), producer="assignment",
        call_id=call_id, causation=t, occurred_at=T0 + timedelta(seconds=21))
    moved = make_event(CallTransferred(
        **{**who, "by_key": "dev-clinician", "by_role": "clinician"},
        reason_code="caller_request", to="988"), producer="assignment", call_id=call_id,
        causation=t, occurred_at=T0 + timedelta(seconds=40))
    return [r, t, prompted, overridden, moved]


async def test_an_auditor_finds_floor_actions_by_kind_and_reason_code_in_search_and_timeline(
    audit: tuple[FastAPI, httpx.AsyncClient], publisher: EventPublisher,
    credentials: dict[str, Any],
) -> None:
    app, client = audit
    await publisher.publish_many([
        (CALLS_ASSIGNED if e.producer == "assignment" else TOPIC_OF[e.event_type], e)
        for call_id in ("floor-1", "floor-2") for e in floor_actions(call_id)])
    await recorded(app, 10)
    client.headers.update(bearer(credentials["auditor"]))
    found = await client.get("/v1/audit/decisions", params={
        "kind": "overridden", "reason_code": "safety_concern", "unit_type": "police",
        "pathway": "behavioral_health"})
    assert found.status_code == 200, found.text
    items = found.json()["items"]
    assert sorted(d["call_id"] for d in items) == ["floor-1", "floor-2"]
    assert {d["reason_code"] for d in items} == {"safety_concern"}
    # The note is withheld without a stated reason.
    assert "knife" not in found.text
    none = await client.get("/v1/audit/decisions", params={
        "kind": "overridden", "reason_code": "caller_request"})
    assert none.json()["items"] == []
    moved = await client.get("/v1/audit/decisions", params={"kind": "transferred"})
    assert [d["reason_code"] for d in moved.json()["items"]] == ["caller_request"] * 2
    timeline = await client.get("/v1/calls/floor-1/timeline")
    assert [e["event_type"] for e in timeline.json()["events"]] == [
        "CallReceived", "CallTriaged", "FloorPrompted", "DecisionOverridden",
        "CallTransferred"]
    bad = await client.get("/v1/audit/decisions", params={"reason_code": "Not A Code"})
    assert bad.status_code == 422
