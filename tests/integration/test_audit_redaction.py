"""A full EIDO with the people in it, posted through intake and read back from audit: an
auditor without a stated reason sees none of their names, dates of birth or conditions
(nor the cancellation's reason); with a reason they are shown, and that access is itself
recorded in the chain."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from services.audit.main import create_app
from services.audit.settings import AuditSettings
from shared.contracts import DecisionConfirmed
from shared.events import UnitType, make_event
from shared.settings import ServiceSettings
from shared.topics import CALLS_ASSIGNED
from tests.conftest import bearer, wait_for
from tests.intake_eido_examples import prologue, welfare_check
from tests.integration.assignment_support import send
from tests.integration.intake_helpers import client_for, intake_app

pytestmark = pytest.mark.kafka

# What must never reach an auditor who gave no reason.
PERSONAL = ["Margaret", "Okonkwo", "1942-03-17", "dementia", "insulin", "Hallberg",
            "1961-09-30", "schizophrenia", "+16125550147", "not seen resident",
            "daughter called back"]


def eido_with_people() -> dict[str, Any]:
    """The welfare check with its people described as NENA EIDO's NIEM person type has
    them (name, birth date, physical and medical details), and a caution about one."""
    doc = welfare_check("MP-2026-009911")
    doc["personComponent"] = [
        {**prologue("urn:emergency:uid:person:1"),
         "personIncidentRoleRegistryText": ["subject"],
         "ncPersonComponent": {
             "PersonName": {"PersonGivenName": "Margaret", "PersonSurName": "Okonkwo",
                            "PersonFullName": "Margaret A. Okonkwo"},
             "PersonBirthDate": {"Date": "1942-03-17"},
             "PersonSexText": "F",
             "PersonMedicalConditionText": "dementia; insulin-dependent diabetes"},
         "locationReference": [{"$ref": "urn:emergency:uid:location:1"}]},
        {**prologue("urn:emergency:uid:person:2"),
         "personIncidentRoleRegistryText": ["reporting party"],
         "ncPersonComponent": {
             "PersonName": {"PersonFullName": "Dale Hallberg"},
             "PersonBirthDate": {"Date": "1961-09-30"}},
         "callBackReference": {"$ref": "urn:emergency:uid:callback:1"}},
    ]
    doc["cautionComponent"] = [{**prologue("urn:emergency:uid:caution:1"),
                                "cautionText": "Son at address has schizophrenia"}]
    return doc


@pytest.fixture
async def services(
    kafka_settings: ServiceSettings, credentials: dict[str, Any],
) -> AsyncIterator[tuple[httpx.AsyncClient, FastAPI, httpx.AsyncClient]]:
    audit = create_app(AuditSettings(**kafka_settings.model_dump()))
    async for intake in client_for(intake_app(kafka_settings)):
        intake.headers.update(bearer(credentials["cad"]))
        async for auditor in client_for(audit):
            auditor.headers.update(bearer(credentials["auditor"]))
            yield intake, audit, auditor


def recorded(app: FastAPI, where: str) -> int:
    with app.state.engine.connect() as conn:
        sql = f"SELECT count(*) FROM audit_entry WHERE {where}"  # noqa: S608 (test constants)
        return int(conn.execute(sa.text(sql)).scalar_one())


async def test_people_in_an_eido_are_withheld_from_auditors_without_a_reason(
    services: tuple[httpx.AsyncClient, FastAPI, httpx.AsyncClient],
) -> None:
    intake, audit, auditor = services
    posted = await intake.post("/v1/eido", json=eido_with_people())
    assert posted.status_code == 202, posted.text
    call_id = posted.json()["call_id"]
    cancelled = await intake.post(
        f"/v1/calls/{call_id}/cancel",
        json={"reason": "daughter called back: Margaret Okonkwo is with her"})
    assert cancelled.status_code == 202, cancelled.text

    async def both_recorded() -> bool:
        return recorded(audit, f"call_id = '{call_id}' AND event_type IN "
                               "('CallReceived', 'CallCancelled')") == 2
    await wait_for(both_recorded, timeout_s=20, what="the call and its cancellation")

    views = [await auditor.get(f"/v1/calls/{call_id}/timeline"),
             await auditor.get("/v1/audit/decisions", params={"call_id": call_id}),
             await auditor.get("/v1/audit/decisions/export", params={"call_id": call_id})]
    for view in views:
        assert view.status_code == 200, view.text
        assert not [p for p in PERSONAL if p in view.text], view.text
    timeline = views[0].json()
    assert timeline["revealed"] is False
    received = next(e for e in timeline["events"] if e["event_type"] == "CallReceived")
    # The call's classification is there; what it says about people is withheld by name.
    assert received["payload"]["cad_incident_id"] == "MP-2026-009911"
    assert received["payload"]["location"]["district"] == "3"
    assert received["payload"]["eido_unmapped"] == "[redacted]"
    assert received["payload"]["caller"] == "[redacted]"
    cancel = next(e for e in timeline["events"] if e["event_type"] == "CallCancelled")
    assert cancel["payload"]["reason"] == "[redacted]"

    accesses = recorded(audit, "kind = 'access'")
    reason = "Complaint 2026-118 review of this welfare check"
    shown = await auditor.get(f"/v1/calls/{call_id}/timeline", params={"reason": reason})
    assert shown.status_code == 200 and shown.json()["revealed"] is True
    assert all(p in shown.text for p in ("Okonkwo", "1942-03-17", "dementia",
                                         "daughter called back"))
    # The reasoned access is in the chain, with who asked and why.
    assert recorded(audit, "kind = 'access'") == accesses + 1
    with audit.state.engine.connect() as conn:
        last = conn.execute(sa.text("SELECT payload_json FROM audit_entry "
                                    "WHERE kind = 'access' ORDER BY seq DESC LIMIT 1")
                            ).scalar_one()
    access = json.loads(last)
    assert access["reason"] == reason and access["revealed"] is True
    assert access["role"] == "auditor" and access["path"].endswith("/timeline")


async def test_a_floor_action_is_audited_with_who_when_and_why_but_its_note_withheld(
    kafka_settings: ServiceSettings, credentials: dict[str, Any],
) -> None:
    call_id = str(uuid.uuid4())
    note = "caller Dale Hallberg says his son stopped his medication"
    confirmed = DecisionConfirmed(by_key="dev-dispatcher", by_role="dispatcher",
                                  acted_at=datetime(2026, 12, 6, 16, 1, tzinfo=UTC),
                                  reason_code="agrees_with_recommendation", note=note,
                                  units=[UnitType.bcr])
    audit = create_app(AuditSettings(**kafka_settings.model_dump()))
    async for auditor in client_for(audit):
        auditor.headers.update(bearer(credentials["auditor"]))
        await send(kafka_settings, [(CALLS_ASSIGNED, make_event(
            confirmed, producer="assignment", call_id=call_id))])

        async def audited() -> bool:
            return recorded(audit, f"call_id = '{call_id}'") == 1
        await wait_for(audited, timeout_s=20, what="the floor's action audited")
        timeline = await auditor.get(f"/v1/calls/{call_id}/timeline")
        assert timeline.status_code == 200, timeline.text
        assert "Hallberg" not in timeline.text
        [event] = timeline.json()["events"]
        assert event["payload"] == {
            "by_key": "dev-dispatcher", "by_role": "dispatcher",
            "acted_at": "2026-12-06T16:01:00Z", "reason_code": "agrees_with_recommendation",
            "note": "[redacted]", "units": ["bcr"]}
        shown = await auditor.get(f"/v1/calls/{call_id}/timeline",
                                  params={"reason": "Complaint 2026-131 review"})
        assert shown.json()["events"][0]["payload"]["note"] == note
