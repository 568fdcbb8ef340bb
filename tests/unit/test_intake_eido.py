"""EIDO → native call and PIDF-LO parsing, without I/O."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from services.intake.eido import (
    EIDO_EXAMPLE,
    EidoDocument,
    EidoInvalid,
    eido_to_call,
    html_to_text,
    parse_pidf_lo,
)
from tests.intake_eido_examples import (
    BILLION_LAUGHS,
    CIVIC_AND_POINT,
    WIRELESS_CIRCLE,
    XXE,
    welfare_check,
    wireless_no_type,
    with_location_xml,
)


def mapped(raw: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    return eido_to_call(EidoDocument.model_validate(raw), raw)


def test_pidf_lo_civic_address_and_point() -> None:
    assert parse_pidf_lo(CIVIC_AND_POINT) == {
        "address": "2633 E Minnehaha Ave Unit 4, Minneapolis, MN 55406",
        "lat": 44.9537, "lon": -93.2471,
    }


def test_pidf_lo_wireless_circle_gives_its_centre() -> None:
    assert parse_pidf_lo(WIRELESS_CIRCLE) == {"lat": 44.948, "lon": -93.262}


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ("<presence><tuple>", "malformed XML"),
        (XXE, "forbidden XML construct"),
        (BILLION_LAUGHS, "forbidden XML construct"),
        ('<presence xmlns="urn:ietf:params:xml:ns:pidf"/>', "no civic address"),
        ('<p xmlns:gml="http://www.opengis.net/gml"><gml:pos>44.9</gml:pos></p>',
         "latitude and a longitude"),
        ('<p xmlns:gml="http://www.opengis.net/gml"><gml:pos>144.9 3</gml:pos></p>',
         "outside WGS84"),
    ],
)
def test_bad_pidf_lo_is_refused_with_the_reason(xml: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_pidf_lo(xml)


def test_notes_html_becomes_text() -> None:
    assert html_to_text("<p>Resident is 84 &amp; lives alone.</p><p>Door <b>locked</b></p>") \
        == "Resident is 84 & lives alone.\nDoor locked"


def test_a_full_eido_maps_to_the_native_call() -> None:
    call, unmapped = mapped(welfare_check())
    assert call.cad_incident_id == "MP-2026-004300"
    assert call.call_type == "WELF" and call.call_type_description == "WELFARE CHECK"
    assert call.cad_priority == "3"
    assert call.received_at == datetime(2026, 11, 25, 20, 3, tzinfo=UTC)
    assert call.location.address == "2633 E Minnehaha Ave Unit 4, Minneapolis, MN 55406"
    assert (call.location.lat, call.location.lon, call.location.district) == \
        (44.9537, -93.2471, "3")
    # Notes in the order they were written, whatever their order in the document.
    assert call.narrative == ("Neighbor has not seen resident in 3 days.\n"
                              "No answer at the door.\nResident is 84 & lives alone.")
    assert call.caller is not None and call.caller.callback == "+16125550147"
    # What has no native place is kept verbatim.
    assert unmapped["agencyComponent"] == welfare_check()["agencyComponent"]
    assert unmapped["personComponent"] == welfare_check()["personComponent"]
    assert unmapped["incidentComponent"]["incidentStatusCommonRegistryText"] == ["Open"]
    assert unmapped["callComponent"][0]["sipIdentity"].startswith("<sip:")
    assert unmapped["locationComponent"][0]["locationDescriptionText"].startswith("Apartment")
    assert "locationByValue" not in unmapped["locationComponent"][0]


def test_an_eido_without_incident_type_is_an_unknown_call() -> None:
    call, _ = mapped(wireless_no_type())
    assert call.call_type == "unknown" and call.call_type_description is None
    assert (call.location.lat, call.location.lon) == (44.948, -93.262)
    assert call.narrative == ""


def test_the_openapi_example_maps() -> None:
    call, _ = mapped(EIDO_EXAMPLE)
    assert call.cad_incident_id == "MP-2026-004300"


@pytest.mark.parametrize("xml", ["<presence><tuple>", XXE])
def test_bad_xml_is_refused_naming_location_by_value(xml: str) -> None:
    with pytest.raises(EidoInvalid) as err:
        mapped(with_location_xml(welfare_check(), xml))
    assert err.value.errors[0]["field"] == "locationComponent.0.locationByValue"


def test_a_dangling_location_reference_is_named() -> None:
    raw = welfare_check()
    raw["incidentComponent"]["locationReference"] = [{"$ref": "urn:nope"}]
    with pytest.raises(EidoInvalid) as err:
        mapped(raw)
    assert err.value.errors[0]["field"] == "incidentComponent.locationReference"


def test_an_eido_without_a_location_by_value_is_refused() -> None:
    raw = welfare_check()
    raw["locationComponent"][0].pop("locationByValue")
    raw["locationComponent"][0]["locationByReferenceUrl"] = "https://lis.example/loc/1"
    raw["incidentComponent"]["locationReference"] = []
    with pytest.raises(EidoInvalid) as err:
        mapped(raw)
    assert err.value.errors[0]["field"] == "locationComponent"


def test_a_native_limit_is_named_by_its_eido_field() -> None:
    raw = welfare_check()
    raw["incidentComponent"]["incidentTypeInternalCode"] = "X" * 300
    with pytest.raises(EidoInvalid) as err:
        mapped(raw)
    assert [e["field"] for e in err.value.errors] == ["incidentComponent.incidentTypeInternalCode"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"eidoVersion": "2.0"}, "eidoVersion"),
        ({"agencyComponent": []}, "agencyComponent"),
        ({"issuingElementIdentification": None}, "issuingElementIdentification"),
    ],
)
def test_the_parts_relied_on_are_validated(change: dict[str, Any], field: str) -> None:
    raw = {**welfare_check(), **change}
    raw = {k: v for k, v in raw.items() if v is not None}
    with pytest.raises(ValidationError) as err:
        EidoDocument.model_validate(raw)
    assert field in {str(e["loc"][0]) for e in err.value.errors()}


def test_a_call_without_start_time_is_refused() -> None:
    raw = welfare_check()
    del raw["callComponent"][0]["callStartTimestamp"]
    with pytest.raises(ValidationError) as err:
        EidoDocument.model_validate(raw)
    assert err.value.errors()[0]["loc"][:3] == ("callComponent", 0, "callStartTimestamp")
