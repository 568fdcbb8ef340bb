"""Realistic EIDO documents (NENA-STA-021 JSON) for intake's tests."""

from __future__ import annotations

import copy
from typing import Any

AGENCY = {"$ref": "urn:nena:agency:psap.mpls.mn.us"}
TS = "2026-11-25T14:04:10-06:00"

CIVIC_AND_POINT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<presence xmlns="urn:ietf:params:xml:ns:pidf"'
    ' xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10"'
    ' xmlns:ca="urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr"'
    ' xmlns:gml="http://www.opengis.net/gml"'
    ' entity="pres:cad@psap.mpls.mn.us">'
    '<tuple id="loc-civic"><status><gp:geopriv><gp:location-info>'
    '<ca:civicAddress xml:lang="en-US">'
    '<ca:country>US</ca:country><ca:A1>MN</ca:A1><ca:A2>Hennepin</ca:A2>'
    '<ca:A3>Minneapolis</ca:A3><ca:PRD>E</ca:PRD><ca:HNO>2633</ca:HNO>'
    '<ca:RD>Minnehaha</ca:RD><ca:STS>Ave</ca:STS><ca:UNIT>4</ca:UNIT>'
    '<ca:PC>55406</ca:PC></ca:civicAddress>'
    '</gp:location-info><gp:usage-rules/><gp:method>Manual</gp:method></gp:geopriv>'
    '</status><timestamp>2026-11-25T20:03:05Z</timestamp></tuple>'
    '<tuple id="loc-geo"><status><gp:geopriv><gp:location-info>'
    '<gml:Point srsName="urn:ogc:def:crs:EPSG::4326">'
    '<gml:pos>44.9537 -93.2471</gml:pos></gml:Point>'
    '</gp:location-info><gp:usage-rules/></gp:geopriv></status></tuple>'
    '</presence>'
)

# A wireless call: only a circle of uncertainty around a point, no civic address.
WIRELESS_CIRCLE = (
    '<presence xmlns="urn:ietf:params:xml:ns:pidf"'
    ' xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10"'
    ' xmlns:gs="http://www.opengis.net/pidflo/1.0"'
    ' xmlns:gml="http://www.opengis.net/gml" entity="pres:+16125550188@carrier.example">'
    '<tuple id="wireless"><status><gp:geopriv><gp:location-info>'
    '<gs:Circle srsName="urn:ogc:def:crs:EPSG::4326">'
    '<gml:pos>44.9480 -93.2620</gml:pos>'
    '<gs:radius uom="urn:ogc:def:uom:EPSG::9001">45</gs:radius></gs:Circle>'
    '</gp:location-info><gp:usage-rules/><gp:method>Hybrid A-GPS</gp:method></gp:geopriv>'
    '</status></tuple></presence>'
)

XXE = (
    '<?xml version="1.0"?><!DOCTYPE presence [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    '<presence xmlns="urn:ietf:params:xml:ns:pidf"><tuple id="x"><status>&xxe;</status>'
    '</tuple></presence>'
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    '<presence xmlns="urn:ietf:params:xml:ns:pidf">&lol2;</presence>'
)


def prologue(id_: str, ts: str = TS) -> dict[str, Any]:
    return {"$id": id_, "lastUpdateTimeStamp": ts, "updatedByAgencyReference": AGENCY}


def welfare_check(incident_id: str = "MP-2026-004300") -> dict[str, Any]:
    """A landline call: civic address and point, two notes, a callback number."""
    return {
        **prologue("urn:emergency:uid:eido:2f6a7c1e-0b8e-4d42-9a0d-6f3e1a7b9c10"),
        "eidoVersion": "1.0",
        "issuingElementIdentification": "cad.psap.mpls.mn.us",
        "agencyComponent": [{
            **prologue("urn:nena:agency:psap.mpls.mn.us"),
            "agencyRoleDescriptionRegistryText": ["PSAP"], "agencyType": ["police"],
            "incidentOwningAgencyIndicator": True}],
        "agentComponent": [{**prologue("urn:nena:agent:ct14@psap.mpls.mn.us"),
                            "agentRoleRegistryText": ["Call Taker"]}],
        "incidentComponent": {
            **prologue(f"urn:emergency:uid:incidentid:{incident_id}:psap.mpls.mn.us"),
            "incidentTypeCommonRegistryText": "Law Enforcement",
            "incidentTypeInternalCode": "WELF",
            "incidentTypeInternalText": "WELFARE CHECK",
            "incidentStatusCommonRegistryText": ["Open"],
            "internalIncidentId": incident_id,
            "incidentPriorityInternalText": "3",
            "beatOrDispatchGroupText": "3",
            "locationReference": [{"$ref": "urn:emergency:uid:location:1"}],
            "notesReference": [{"$ref": "urn:emergency:uid:notes:1"},
                               {"$ref": "urn:emergency:uid:notes:2"}],
        },
        "callComponent": [{
            **prologue("urn:emergency:uid:callid:8c2f:psap.mpls.mn.us"),
            "callStateRegistryText": "callEnd",
            "standardPrimaryCallType": "emergency",
            "direction": "incoming",
            "priorityIdentifier": "normal",
            "callStartTimestamp": "2026-11-25T14:03:00-06:00",
            "answerDate": "2026-11-25T14:03:04-06:00",
            "callBackReference": {"$ref": "urn:emergency:uid:callback:1"},
            "sipIdentity": "<sip:+16125550147@carrier.example>",
        }],
        "callbackComponent": [{
            **prologue("urn:emergency:uid:callback:1"),
            "callBackInformationUri": ["tel:+16125550147"],
        }],
        "notesComponent": [
            {**prologue("urn:emergency:uid:notes:2", "2026-11-25T14:03:50-06:00"),
             "notesActionComments": "<p>Resident is 84 &amp; lives alone.</p>",
             "agentReference": {"$ref": "urn:nena:agent:ct14@psap.mpls.mn.us"}},
            {**prologue("urn:emergency:uid:notes:1", "2026-11-25T14:03:40-06:00"),
             "notesActionComments": "Neighbor has not seen resident in 3 days.<br>No "
                                    "answer at the door."},
        ],
        "locationComponent": [{
            **prologue("urn:emergency:uid:location:1"),
            "locationTypeDescriptionRegistryText": "residence",
            "locationDescriptionText": "Apartment building, rear entrance",
            "locationByValue": CIVIC_AND_POINT,
        }],
        "personComponent": [{**prologue("urn:emergency:uid:person:1"),
                             "personRoleRegistryText": ["reporting party"]}],
    }


def wireless_no_type(incident_id: str = "MP-2026-004301") -> dict[str, Any]:
    """A wireless call still being worked: no incident type yet, a circle location."""
    return {
        **prologue("urn:emergency:uid:eido:7b1d"),
        "eidoVersion": "1.0",
        "issuingElementIdentification": "cad.psap.mpls.mn.us",
        "agencyComponent": [{**prologue("urn:nena:agency:psap.mpls.mn.us"),
                             "agencyRoleDescriptionRegistryText": ["PSAP"],
                             "agencyType": ["police"]}],
        "incidentComponent": {
            **prologue(f"urn:emergency:uid:incidentid:{incident_id}:psap.mpls.mn.us"),
            "internalIncidentId": incident_id,
        },
        "callComponent": [{
            **prologue("urn:emergency:uid:callid:9d3a"),
            "callStateRegistryText": "callAnswered", "standardPrimaryCallType": "emergency",
            "direction": "incoming", "callStartTimestamp": "2026-11-25T14:10:00-06:00",
            "locationReference": [{"$ref": "urn:emergency:uid:location:w"}],
        }],
        "locationComponent": [{
            **prologue("urn:emergency:uid:location:w"),
            "locationTypeDescriptionRegistryText": "unknown",
            "locationByValue": WIRELESS_CIRCLE,
        }],
    }


def with_location_xml(doc: dict[str, Any], xml: str) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    doc["locationComponent"][0]["locationByValue"] = xml
    return doc
