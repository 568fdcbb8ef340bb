"""The policy archive end to end on the real broker: a call triaged under a policy, and
that policy's full text retrievable by the hash the decision records; on SQLite and
PostgreSQL, versions kept once each, listed in order and compared with the one before."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import Engine

from services.audit.main import create_app as audit_app
from services.audit.policy_api import policy_router
from services.audit.policy_versions import archivable, archive
from services.audit.settings import AuditSettings
from services.audit.store import append_entries, entry_from_envelope
from services.triage.main import create_app as triage_app
from services.triage.policy import DEFAULT_POLICY_PATH, load_policy
from services.triage.policy_archive import policy_version_used
from services.triage.settings import TriageSettings
from shared.events import CallReceived, Envelope, Location, make_event
from shared.http import install_problem_handlers
from shared.kafka import EventPublisher
from shared.policy_contracts import PolicyVersionUsed, policy_digest
from shared.settings import ServiceSettings
from shared.topics import CALLS_RECEIVED, POLICY_VERSIONS
from tests.audit_support import STORES, store_engine
from tests.conftest import bearer, wait_for

READER = DEFAULT_POLICY_PATH.parent / "reader.json"


def a_call(n: int) -> Envelope:
    return make_event(CallReceived(
        agency="mpls", cad_incident_id=f"ARCH-{n}", call_type="EDP",
        narrative="Adult son in crisis, yelling, no weapons, not violent",
        received_at=datetime.now(UTC),
        location=Location(address="Lake St", lat=44.9485, lon=-93.247, district="3")),
        producer="intake", call_id=str(uuid.uuid4()))


@pytest.fixture
async def stack(kafka_settings: ServiceSettings) -> AsyncIterator[tuple[httpx.AsyncClient,
                                                                       EventPublisher]]:
    """Triage and audit in process on the real broker, and a publisher standing in for
    intake."""
    audit = audit_app(AuditSettings(**kafka_settings.model_dump()))
    triage = triage_app(TriageSettings(**kafka_settings.model_dump()))
    publisher = EventPublisher(kafka_settings)
    await publisher.start()
    try:
        async with audit.router.lifespan_context(audit), \
                triage.router.lifespan_context(triage):
            transport = httpx.ASGITransport(app=audit)
            async with httpx.AsyncClient(transport=transport, base_url="http://audit") as http:
                yield http, publisher
    finally:
        await publisher.stop()


async def decision_of(http: httpx.AsyncClient, call_id: str,
                      headers: dict[str, str]) -> dict[str, Any] | None:
    response = await http.get(f"/v1/calls/{call_id}/timeline", headers=headers)
    if response.status_code != 200:
        return None
    triaged = [e["payload"] for e in response.json()["events"]
               if e["event_type"] == "CallTriaged"]
    return triaged[0] if triaged else None


@pytest.mark.kafka
async def test_a_triaged_calls_policy_text_is_retrievable_by_the_hash_in_its_decision(
    stack: tuple[httpx.AsyncClient, EventPublisher], credentials: dict[str, Any],
) -> None:
    http, publisher = stack
    auditor = bearer(credentials["auditor"])
    first, second = a_call(1), a_call(2)
    await publisher.publish(CALLS_RECEIVED, first)
    decision = await wait_for(lambda: decision_of(http, str(first.call_id), auditor),
                              timeout_s=30, what="the call's decision in the record")

    async def archived() -> httpx.Response | None:
        response = await http.get(f"/v1/public/policies/{decision['policy_hash']}")
        return response if response.status_code == 200 else None

    version = (await wait_for(archived, timeout_s=30, what="the policy archived")).json()
    assert version["policy_text"] == DEFAULT_POLICY_PATH.read_text(encoding="utf-8")
    assert (version["policy_id"], version["policy_version"]) == (
        decision["policy_id"], decision["policy_version"])
    reader = await http.get(f"/v1/public/policies/{decision['policy_hash']}/reader")
    assert reader.status_code == 200 and reader.content == READER.read_bytes()
    assert policy_digest(version["policy_text"].encode(), reader.content) == \
        decision["policy_hash"]

    # more calls under the same version: still one version, one announcement recorded
    await publisher.publish(CALLS_RECEIVED, second)
    await wait_for(lambda: decision_of(http, str(second.call_id), auditor), timeout_s=30,
                   what="the second call's decision")
    listed = (await http.get("/v1/public/policies")).json()["versions"]
    assert [v["policy_hash"] for v in listed] == [decision["policy_hash"]]
    assert listed[0]["previous_hash"] is None
    diff = (await http.get(f"/v1/public/policies/{decision['policy_hash']}/diff")).json()
    assert diff["previous_hash"] is None and diff["diff"] == ""


# --- the archive's store and routes, on SQLite and PostgreSQL ------------------------

@pytest.fixture(params=STORES)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with store_engine(request.param, tmp_path) as engine:
        yield engine


def version_event(used: PolicyVersionUsed, at: datetime) -> Envelope:
    return make_event(used, producer="triage", call_id=None, key=used.policy_hash,
                      occurred_at=at)


def edited(base: PolicyVersionUsed, version: str, old: str, new: str) -> PolicyVersionUsed:
    text = base.policy_text.replace("version: ", f"version: {version}  # was ", 1)
    text = text.replace(old, new, 1)
    return PolicyVersionUsed(**{**base.model_dump(), "policy_version": version,
                                "policy_text": text, "reader_file": None,
                                "reader_sha256": None, "reader_gzip_base64": None,
                                "policy_hash": policy_digest(text.encode())})


def routes(engine: Engine) -> httpx.AsyncClient:
    app = FastAPI()
    install_problem_handlers(app)
    app.include_router(policy_router)
    app.state.engine = engine
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://audit")


async def test_versions_are_kept_once_listed_in_order_and_compared_with_the_one_before(
        engine: Engine) -> None:
    v1 = policy_version_used(load_policy())
    v2 = edited(v1, "2", "\npathways:", "\n# crisis teams first\npathways:")
    t0 = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
    events = [version_event(v1, t0), version_event(v2, t0 + timedelta(days=1)),
              # a restarted triage's copy, a day late: the first stays
              version_event(v1, t0 + timedelta(days=2)).model_copy(
                  update={"event_id": uuid.uuid4()})]
    async with routes(engine) as http:
        empty = await http.get("/v1/public/policies")
        assert empty.status_code == 200 and empty.json() == {"versions": []}
    for batch in (events[:1], events, events[1:]):
        entries = [entry_from_envelope(e, POLICY_VERSIONS) for e in batch]
        append_entries(engine, entries)
        archive(engine, archivable(entries))
    async with routes(engine) as http:
        listed = (await http.get("/v1/public/policies")).json()["versions"]
        assert [(v["policy_version"], v["previous_hash"]) for v in listed] == [
            (v1.policy_version, None), ("2", v1.policy_hash)]
        assert listed[0]["first_used_at"] == "2026-11-24T15:00:00.000000Z"
        diff = (await http.get(f"/v1/public/policies/{v2.policy_hash}/diff")).json()
        assert diff["previous_hash"] == v1.policy_hash
        assert "+# crisis teams first\n" in diff["diff"] and diff["lines_added"] == 2
        assert diff["lines_removed"] == 1 and diff["reader_changed"]
        text = (await http.get(f"/v1/public/policies/{v2.policy_hash}")).json()
        assert text["policy_text"] == v2.policy_text and text["reader_file"] is None
        missing = await http.get(f"/v1/public/policies/{'0' * 64}")
        assert missing.status_code == 404
        assert missing.headers["content-type"] == "application/problem+json"
        bad = await http.get("/v1/public/policies/not-a-hash")
        assert bad.status_code == 422
        assert bad.headers["content-type"] == "application/problem+json"
        no_reader = await http.get(f"/v1/public/policies/{v2.policy_hash}/reader")
        assert no_reader.status_code == 404
        unknown = await http.get("/v1/public/policies", params={"from": "2026-01-01"})
        assert unknown.status_code == 400
