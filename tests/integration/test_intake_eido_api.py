"""POST /v1/eido on the real broker: realistic EIDOs in, native calls out."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from shared.events import CallReceived, CallUpdated
from shared.settings import ServiceSettings
from shared.topics import CALLS_RECEIVED
from tests.conftest import bearer
from tests.intake_eido_examples import XXE, welfare_check, wireless_no_type, with_location_xml
from tests.integration.intake_helpers import client_for, events_on, intake_app

pytestmark = pytest.mark.kafka


@pytest.fixture
async def intake(
    kafka_settings: ServiceSettings, credentials: dict[str, Any]
) -> AsyncIterator[httpx.AsyncClient]:
    async for client in client_for(intake_app(kafka_settings)):
        client.headers.update(bearer(credentials["cad"]))
        yield client


async def test_an_eido_becomes_a_call_with_what_it_could_not_map_kept(
    intake: httpx.AsyncClient, kafka_settings: ServiceSettings
) -> None:
    response = await intake.post("/v1/eido", json=welfare_check())
    assert response.status_code == 202, response.text
    [(envelope, payload)] = await events_on(kafka_settings, CALLS_RECEIVED)
    assert isinstance(payload, CallReceived)
    assert envelope.call_id == response.json()["call_id"]
    assert payload.agency == "default" and payload.cad_incident_id == "MP-2026-004300"
    assert payload.call_type == "WELF" and payload.cad_priority == "3"
    assert payload.location.address == "2633 E Minnehaha Ave Unit 4, Minneapolis, MN 55406"
    assert payload.location.lat == 44.9537 and payload.location.district == "3"
    assert payload.caller is not None and payload.caller.callback == "+16125550147"
    assert payload.narrative is not None and "not seen resident" in payload.narrative
    assert payload.eido_unmapped is not None
    assert payload.eido_unmapped["personComponent"] == welfare_check()["personComponent"]


async def test_the_same_eido_again_is_a_duplicate_and_a_newer_one_an_update(
    intake: httpx.AsyncClient, kafka_settings: ServiceSettings
) -> None:
    first = await intake.post("/v1/eido", json=welfare_check())
    again = await intake.post("/v1/eido", json=welfare_check())
    assert again.status_code == 200 and again.json()["call_id"] == first.json()["call_id"]
    newer = welfare_check()
    newer["notesComponent"].append({
        "$id": "urn:emergency:uid:notes:3", "lastUpdateTimeStamp": "2026-11-25T14:06:00-06:00",
        "updatedByAgencyReference": {"$ref": "urn:nena:agency:psap.mpls.mn.us"},
        "notesActionComments": "<p>Neighbor hears someone calling for help inside.</p>"})
    updated = await intake.post("/v1/eido", json=newer)
    assert updated.status_code == 202 and updated.json()["changed_fields"] == [
        "narrative", "eido_unmapped"]
    events = await events_on(kafka_settings, CALLS_RECEIVED)
    assert [e.event_type for e, _ in events] == ["CallReceived", "CallUpdated"]
    update = events[1][1]
    assert isinstance(update, CallUpdated) and update.narrative is not None
    assert update.narrative.endswith("calling for help inside.")


async def test_an_eido_without_incident_type_is_accepted_as_unknown(
    intake: httpx.AsyncClient, kafka_settings: ServiceSettings
) -> None:
    response = await intake.post("/v1/eido", json=wireless_no_type())
    assert response.status_code == 202, response.text
    [(_, payload)] = await events_on(kafka_settings, CALLS_RECEIVED)
    assert isinstance(payload, CallReceived) and payload.call_type == "unknown"
    assert (payload.location.lat, payload.location.lon) == (44.948, -93.262)


@pytest.mark.parametrize("xml", ["<presence><tuple>", XXE])
async def test_bad_pidf_lo_is_a_422_naming_location_by_value(
    intake: httpx.AsyncClient, xml: str
) -> None:
    response = await intake.post("/v1/eido", json=with_location_xml(welfare_check(), xml))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["field"] == "locationComponent.0.locationByValue"
    assert "passwd" not in response.text


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d.pop("eidoVersion"), "body.eidoVersion"),
        (lambda d: d.__setitem__("agencyComponent", []), "body.agencyComponent"),
        (lambda d: d["callComponent"][0].__setitem__("callStartTimestamp", "soon"),
         "body.callComponent.0.callStartTimestamp"),
        (lambda d: d["locationComponent"][0].pop("$id"), "body.locationComponent.0.$id"),
    ],
)
async def test_an_invalid_eido_is_a_422_naming_what_is_wrong(
    intake: httpx.AsyncClient, mutate: Any, field: str
) -> None:
    doc = copy.deepcopy(welfare_check())
    mutate(doc)
    response = await intake.post("/v1/eido", json=doc)
    assert response.status_code == 422
    assert field in [e["field"] for e in response.json()["errors"]]
    assert "not seen resident" not in response.text


async def test_a_cad_key_cannot_send_an_eido_for_another_agency(
    intake: httpx.AsyncClient, credentials: dict[str, Any]
) -> None:
    response = await intake.post("/v1/eido", params={"agency": "stlp"}, json=welfare_check())
    assert response.status_code == 403
    admin = await intake.post("/v1/eido", params={"agency": "stlp"}, json=welfare_check(),
                              headers=bearer(credentials["admin"]))
    assert admin.status_code == 202
