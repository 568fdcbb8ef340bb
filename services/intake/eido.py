"""EIDO (NENA-STA-021, JSON) → the native call. Pure: no I/O.

Only the parts intake relies on are validated (pydantic models derived from the EIDO
OpenAPI schema in shared/data/eido/openapi.yaml): the document prologue, the incident,
call, notes, location and callback components. Everything else, and every field of those
components that has no place in the native call, is kept verbatim in ``eido_unmapped``.

Locations come as PIDF-LO XML in ``locationByValue``: a civic address becomes the address
string, a geodetic ``gml:pos`` becomes lat/lon. The XML is parsed with defusedxml with
DTDs forbidden: a PIDF-LO never needs a DTD, and refusing them rules out entity expansion
("billion laughs") and external entity (XXE) reads on input from outside.
"""

from __future__ import annotations

import html.parser
import json
from datetime import datetime
from typing import Any, Literal
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from services.intake.models import CallCreate

S = 500  # a cap for identifiers and short texts
LONG = 20_000  # a cap for notes and PIDF-LO documents


class EidoInvalid(ValueError):
    """The EIDO cannot become a call; ``errors`` name the EIDO fields at fault."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


class Ref(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    ref: str = Field(alias="$ref", min_length=1, max_length=S)


class Component(BaseModel):
    """The prologue every EIDO data component starts with."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    id: str = Field(alias="$id", min_length=1, max_length=S,
                    description="Globally unique identifier of the data component.")
    lastUpdateTimeStamp: datetime | None = None
    updatedByAgencyReference: Ref | None = None


class EidoIncident(Component):
    incidentTypeCommonRegistryText: str | None = Field(default=None, max_length=S)
    incidentTypeInternalCode: str | None = Field(default=None, max_length=S)
    incidentTypeInternalText: str | None = Field(default=None, max_length=S)
    internalIncidentId: str | None = Field(default=None, max_length=S)
    incidentPriorityInternalText: str | None = Field(default=None, max_length=S)
    incidentCommonPriorityNumber: int | None = None
    beatOrDispatchGroupText: str | None = Field(default=None, max_length=S)
    locationReference: list[Ref] = Field(default_factory=list, max_length=50)
    notesReference: list[Ref] = Field(default_factory=list, max_length=500)


class EidoCall(Component):
    callStartTimestamp: datetime = Field(description="When the call was received.")
    direction: Literal["incoming", "outgoing", "internal"] | None = None
    priorityIdentifier: Literal["highest", "high", "normal", "low", "lowest"] | None = None
    callBackReference: Ref | None = None
    locationReference: list[Ref] = Field(default_factory=list, max_length=50)
    notesReference: list[Ref] = Field(default_factory=list, max_length=500)


class EidoNotes(Component):
    notesActionComments: str = Field(max_length=LONG, description="A note, in HTML5.")


class EidoLocation(Component):
    locationTypeDescriptionRegistryText: str | None = Field(default=None, max_length=S)
    locationByValue: str | None = Field(default=None, max_length=LONG,
                                        description="PIDF-LO XML.")
    locationByReferenceUrl: str | None = Field(default=None, max_length=2000)


class EidoAdditionalData(Component):
    additionalDataByValue: str | None = Field(default=None, max_length=LONG)
    urlPurpose: str | None = Field(default=None, max_length=S)


# The purpose that marks an additional-data component as the call-taker's screening
# answers: its additionalDataByValue is a JSON object of ScreeningIn fields.
SCREENING_PURPOSE = "urn:rightresponse:screening"


class EidoUpdatedCbn(BaseModel):
    model_config = ConfigDict(extra="allow")

    updatedCbnIdentifierUri: str = Field(max_length=S)


class EidoCallback(Component):
    callBackInformationUri: list[str] = Field(default_factory=list, max_length=20)
    updatedCbn: EidoUpdatedCbn | None = None


class EidoDocument(Component):
    """An Emergency Incident Data Object (NENA-STA-021), as much as intake reads of it."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, json_schema_extra={
        "examples": []})  # filled in below

    lastUpdateTimeStamp: datetime
    eidoVersion: Literal["1.0"]
    issuingElementIdentification: str = Field(min_length=1, max_length=S)
    agencyComponent: list[dict[str, Any]] = Field(min_length=1, max_length=50)
    incidentComponent: EidoIncident | None = None
    callComponent: list[EidoCall] = Field(default_factory=list, max_length=50)
    callbackComponent: list[EidoCallback] = Field(default_factory=list, max_length=50)
    notesComponent: list[EidoNotes] = Field(default_factory=list, max_length=500)
    locationComponent: list[EidoLocation] = Field(default_factory=list, max_length=50)
    additionalDataComponent: list[EidoAdditionalData] = Field(default_factory=list,
                                                              max_length=50)


# --- PIDF-LO ------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _first(root: Element, name: str) -> Element | None:
    for el in root.iter():
        if isinstance(el.tag, str) and _local(el.tag) == name:
            return el
    return None


def _civic_address(civic: Element) -> str | None:
    parts: dict[str, str] = {}
    for child in civic:
        if isinstance(child.tag, str) and child.text and child.text.strip():
            parts.setdefault(_local(child.tag), " ".join(child.text.split()))
    street = " ".join(p for p in (parts.get(k) for k in
                                   ("HNO", "HNS", "PRD", "RD", "STS", "POD")) if p)
    if not street:
        street = parts.get("LMK") or parts.get("NAM") or ""
    if "UNIT" in parts and street:
        street = f"{street} Unit {parts['UNIT']}"
    state = " ".join(p for p in (parts.get("A1"), parts.get("PC")) if p)
    line = ", ".join(p for p in (street, parts.get("A3"), state) if p)
    return line or None


def parse_pidf_lo(xml: str) -> dict[str, Any]:
    """PIDF-LO XML → {"address"?, "lat"?, "lon"?}; ValueError says what is wrong."""
    try:
        root = fromstring(xml, forbid_dtd=True)
    except DefusedXmlException as err:
        raise ValueError(f"forbidden XML construct ({type(err).__name__})") from err
    except ParseError as err:
        raise ValueError(f"malformed XML ({err})") from err
    out: dict[str, Any] = {}
    civic = _first(root, "civicAddress")
    if civic is not None:
        address = _civic_address(civic)
        if address:
            out["address"] = address[:500]
    pos = _first(root, "pos")
    if pos is not None:
        numbers = (pos.text or "").split()
        try:
            lat, lon = float(numbers[0]), float(numbers[1])
        except (IndexError, ValueError) as err:
            raise ValueError("gml:pos must hold a latitude and a longitude") from err
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError("gml:pos is outside WGS84 latitude/longitude ranges")
        out["lat"], out["lon"] = lat, lon
    if not out:
        raise ValueError("no civic address and no geodetic position in the PIDF-LO")
    return out


# --- notes --------------------------------------------------------------------------


class _Text(html.parser.HTMLParser):
    BREAKS = frozenset({"br", "p", "div", "li", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(fragment: str) -> str:
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


# --- mapping ------------------------------------------------------------------------

_MAPPED_TOP = {"$id", "lastUpdateTimeStamp", "eidoVersion", "incidentComponent",
               "callComponent", "notesComponent", "locationComponent", "callbackComponent",
               "additionalDataComponent"}
_MAPPED = {
    "incidentComponent": {"$id", "internalIncidentId", "incidentTypeInternalCode",
                          "incidentTypeInternalText", "incidentTypeCommonRegistryText",
                          "incidentPriorityInternalText", "incidentCommonPriorityNumber",
                          "beatOrDispatchGroupText", "locationReference", "notesReference"},
    "callComponent": {"callStartTimestamp", "callBackReference", "locationReference",
                      "notesReference"},
    "notesComponent": {"notesActionComments"},
    "locationComponent": {"locationByValue"},
    "callbackComponent": {"callBackInformationUri", "updatedCbn"},
}
# Where a native field came from, to name the EIDO field when the native call refuses it.
_SOURCE = {
    "cad_incident_id": "incidentComponent.internalIncidentId",
    "call_type": "incidentComponent.incidentTypeInternalCode",
    "call_type_description": "incidentComponent.incidentTypeInternalText",
    "cad_priority": "incidentComponent.incidentPriorityInternalText",
    "narrative": "notesComponent",
    "location": "locationComponent",
    "caller": "callbackComponent",
    "screening": "additionalDataComponent.additionalDataByValue",
    "received_at": "callComponent.callStartTimestamp",
}


def _leftovers(raw: dict[str, Any], mapped: set[str]) -> dict[str, Any]:
    return {k: v for k, v in raw.items() if k not in mapped}


def _unmapped(raw: dict[str, Any], location_index: int | None) -> dict[str, Any]:
    out: dict[str, Any] = {k: v for k, v in raw.items() if k not in _MAPPED_TOP}
    if isinstance(raw.get("incidentComponent"), dict):
        left = _leftovers(raw["incidentComponent"], _MAPPED["incidentComponent"])
        if left:
            out["incidentComponent"] = left
    for name in ("callComponent", "notesComponent", "callbackComponent", "locationComponent",
                 "additionalDataComponent"):
        items = raw.get(name) or []
        kept = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            if name == "additionalDataComponent":
                if item.get("urlPurpose") != SCREENING_PURPOSE:
                    kept.append(item)  # not ours to read: whole
                continue
            if name == "locationComponent" and i != location_index:
                kept.append(item)  # a location we did not use: whole
                continue
            left = _leftovers(item, _MAPPED[name] | {"$id"})
            if left:
                kept.append({"$id": item.get("$id"), **left})
        if kept:
            out[name] = kept
    return out


def _pick_location(doc: EidoDocument) -> int | None:
    refs: list[tuple[str, Ref]] = []
    if doc.incidentComponent is not None:
        refs += [("incidentComponent.locationReference", r)
                 for r in doc.incidentComponent.locationReference]
    for call in doc.callComponent:
        refs += [("callComponent.locationReference", r) for r in call.locationReference]
    by_id = {loc.id: i for i, loc in enumerate(doc.locationComponent)}
    for field, ref in refs:
        if ref.ref not in by_id:
            raise EidoInvalid([{"field": field,
                                "message": "refers to no locationComponent $id"}])
        if doc.locationComponent[by_id[ref.ref]].locationByValue:
            return by_id[ref.ref]
    for i, loc in enumerate(doc.locationComponent):
        if loc.locationByValue:
            return i
    return None


def _screening(doc: EidoDocument) -> dict[str, Any] | None:
    """The screening answers an additional-data component carries by value, if any."""
    for i, item in enumerate(doc.additionalDataComponent):
        if item.urlPurpose != SCREENING_PURPOSE:
            continue
        where = f"additionalDataComponent.{i}.additionalDataByValue"
        try:
            answers = json.loads(item.additionalDataByValue or "")
        except ValueError as err:
            raise EidoInvalid([{"field": where, "message": "screening answers must be a "
                                "JSON object"}]) from err
        if not isinstance(answers, dict):
            raise EidoInvalid([{"field": where,
                                "message": "screening answers must be a JSON object"}])
        return answers
    return None


def eido_to_call(doc: EidoDocument, raw: dict[str, Any], *,
                 agency: str | None = None) -> tuple[CallCreate, dict[str, Any]]:
    """The native call an EIDO describes, and what of the EIDO it could not map."""
    incident = doc.incidentComponent
    location_index = _pick_location(doc)
    if location_index is None:
        raise EidoInvalid([{"field": "locationComponent",
                            "message": "no location with a locationByValue (PIDF-LO); "
                            "location references are not dereferenced"}])
    location = doc.locationComponent[location_index]
    try:
        where = parse_pidf_lo(location.locationByValue or "")
    except ValueError as err:
        raise EidoInvalid([{"field": f"locationComponent.{location_index}.locationByValue",
                            "message": str(err)}]) from err
    if incident is not None and incident.beatOrDispatchGroupText:
        where["district"] = incident.beatOrDispatchGroupText[:100]

    calls = sorted(doc.callComponent, key=lambda c: c.callStartTimestamp)
    received_at = calls[0].callStartTimestamp if calls else (
        incident.lastUpdateTimeStamp if incident is not None and incident.lastUpdateTimeStamp
        else doc.lastUpdateTimeStamp)

    notes = sorted(doc.notesComponent,
                   key=lambda n: n.lastUpdateTimeStamp or doc.lastUpdateTimeStamp)
    narrative = "\n".join(t for t in (html_to_text(n.notesActionComments) for n in notes) if t)

    callback: str | None = None
    callbacks = {c.id: c for c in doc.callbackComponent}
    chosen = None
    if calls and calls[0].callBackReference is not None:
        chosen = callbacks.get(calls[0].callBackReference.ref)
    chosen = chosen or (doc.callbackComponent[0] if doc.callbackComponent else None)
    if chosen is not None:
        uri = (chosen.updatedCbn.updatedCbnIdentifierUri if chosen.updatedCbn
               else next(iter(chosen.callBackInformationUri), None))
        callback = uri.removeprefix("tel:") if uri else None

    code = incident.incidentTypeInternalCode if incident else None
    text = (incident.incidentTypeInternalText or incident.incidentTypeCommonRegistryText
            if incident else None)
    priority = None
    if incident is not None:
        priority = incident.incidentPriorityInternalText or (
            str(incident.incidentCommonPriorityNumber)
            if incident.incidentCommonPriorityNumber is not None else None)
    if priority is None and calls and calls[0].priorityIdentifier:
        priority = calls[0].priorityIdentifier

    native: dict[str, Any] = {
        "agency": agency,
        "cad_incident_id": (incident.internalIncidentId or incident.id) if incident else doc.id,
        "received_at": received_at,
        "call_type": code or (None if text else "unknown"),
        "call_type_description": text,
        "cad_priority": priority,
        "narrative": narrative,
        "location": where,
        "caller": {"callback": callback} if callback else None,
        "screening": _screening(doc),
    }
    try:
        call = CallCreate.model_validate(native)
    except ValidationError as err:
        errors = []
        for e in err.errors():
            head = str(e["loc"][0]) if e["loc"] else ""
            errors.append({"field": _SOURCE.get(head, head or "(root)"),
                           "message": str(e.get("msg", "invalid"))})
        raise EidoInvalid(errors) from err
    return call, _unmapped(raw, location_index)


EIDO_EXAMPLE: dict[str, Any] = {
    "$id": "urn:emergency:uid:eido:2f6a7c1e-0b8e-4d42-9a0d-6f3e1a7b9c10",
    "lastUpdateTimeStamp": "2026-11-25T14:04:10-06:00",
    "updatedByAgencyReference": {"$ref": "urn:nena:agency:psap.mpls.mn.us"},
    "eidoVersion": "1.0",
    "issuingElementIdentification": "cad.psap.mpls.mn.us",
    "agencyComponent": [{
        "$id": "urn:nena:agency:psap.mpls.mn.us",
        "lastUpdateTimeStamp": "2026-11-25T14:04:10-06:00",
        "updatedByAgencyReference": {"$ref": "urn:nena:agency:psap.mpls.mn.us"},
        "agencyRoleDescriptionRegistryText": ["PSAP"], "agencyType": ["police"],
        "incidentOwningAgencyIndicator": True}],
    "incidentComponent": {
        "$id": "urn:emergency:uid:incidentid:MP-2026-004300:psap.mpls.mn.us",
        "lastUpdateTimeStamp": "2026-11-25T14:04:10-06:00",
        "updatedByAgencyReference": {"$ref": "urn:nena:agency:psap.mpls.mn.us"},
        "incidentTypeCommonRegistryText": "Law Enforcement",
        "incidentTypeInternalCode": "WELF", "incidentTypeInternalText": "WELFARE CHECK",
        "internalIncidentId": "MP-2026-004300", "incidentPriorityInternalText": "3",
        "beatOrDispatchGroupText": "3",
        "locationReference": [{"$ref": "urn:emergency:uid:location:1"}]},
    "callComponent": [{
        "$id": "urn:emergency:uid:callid:8c2f:psap.mpls.mn.us",
        "lastUpdateTimeStamp": "2026-11-25T14:04:10-06:00",
        "updatedByAgencyReference": {"$ref": "urn:nena:agency:psap.mpls.mn.us"},
        "callStateRegistryText": "callEnd", "standardPrimaryCallType": "emergency",
        "direction": "incoming", "callStartTimestamp": "2026-11-25T14:03:00-06:00"}],
    "notesComponent": [{
        "$id": "urn:emergency:uid:notes:1",
        "lastUpdateTimeStamp": "2026-11-25T14:03:40-06:00",
        "updatedByAgencyReference": {"$ref": "urn:nena:agency:psap.mpls.mn.us"},
        "notesActionComments": "<p>Neighbor has not seen elderly resident in 3 days.</p>"}],
    "locationComponent": [{
        "$id": "urn:emergency:uid:location:1",
        "lastUpdateTimeStamp": "2026-11-25T14:03:05-06:00",
        "updatedByAgencyReference": {"$ref": "urn:nena:agency:psap.mpls.mn.us"},
        "locationTypeDescriptionRegistryText": "residence",
        "locationByValue": (
            '<presence xmlns="urn:ietf:params:xml:ns:pidf" '
            'xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10" '
            'xmlns:ca="urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr" '
            'xmlns:gml="http://www.opengis.net/gml" entity="pres:cad@psap.mpls.mn.us">'
            '<tuple id="loc1"><status><gp:geopriv><gp:location-info>'
            '<ca:civicAddress><ca:country>US</ca:country><ca:A1>MN</ca:A1>'
            '<ca:A3>Minneapolis</ca:A3><ca:HNO>2633</ca:HNO><ca:RD>Minnehaha</ca:RD>'
            '<ca:STS>Ave</ca:STS><ca:PC>55406</ca:PC></ca:civicAddress>'
            '<gml:Point srsName="urn:ogc:def:crs:EPSG::4326">'
            '<gml:pos>44.9537 -93.2471</gml:pos></gml:Point>'
            '</gp:location-info></gp:geopriv></status></tuple></presence>')}],
}
EidoDocument.model_config["json_schema_extra"] = {"examples": [EIDO_EXAMPLE]}
EidoDocument.model_rebuild(force=True)
