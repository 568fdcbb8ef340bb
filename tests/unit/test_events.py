"""The envelope and its one serializer: what consumers can rely on."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared import events
from shared.events import (
    CallReceived,
    CallTriaged,
    Envelope,
    EventRejected,
    Location,
    derive_id,
    make_event,
    parse_event,
    serialize,
    use_event_id_secret,
)
from tests.audit_support import received


def a_call() -> CallReceived:
    return CallReceived(
        agency="mpls", cad_incident_id="MP-1", call_type="EDP", narrative="denies SI",
        received_at=datetime(2026, 11, 25, 14, 3, tzinfo=UTC),
        location=Location(address="2633 Minnehaha Ave", lat=44.95, lon=-93.24),
    )


def test_round_trip_keeps_every_envelope_field_and_the_typed_payload() -> None:
    event = make_event(a_call(), producer="intake", call_id="c-1")
    envelope, payload = parse_event(serialize(event))
    assert envelope == event
    assert isinstance(payload, CallReceived)
    assert payload.location.lat == 44.95
    assert envelope.partition_key == b"c-1"


def test_derived_events_get_the_same_id_when_reprocessed() -> None:
    cause = make_event(a_call(), producer="intake", call_id="c-1")
    decision = CallTriaged(
        pathway="behavioral_health", units=["bcr"], priority=3, confidence=0.9,
        policy_id="p", policy_version="1", location=Location(lat=1, lon=1),
    )
    first = make_event(decision, producer="triage", call_id="c-1", causation=cause)
    again = make_event(decision, producer="triage", call_id="c-1", causation=cause)
    assert first.event_id == again.event_id
    assert first.causation_id == cause.event_id
    other = make_event(decision, producer="triage", call_id="c-1", causation=cause,
                       discriminator="bcr")
    assert other.event_id != first.event_id


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (None, "empty message value"),
        (b"not json", "invalid envelope"),
        (b'{"event_type": "CallReceived"}', "invalid envelope: event_id"),
    ],
)
def test_malformed_bytes_are_rejected_with_a_reason(raw: bytes | None, reason: str) -> None:
    with pytest.raises(EventRejected) as err:
        parse_event(raw)
    assert reason in err.value.reason


def test_unknown_type_future_version_and_bad_payload_are_rejected() -> None:
    event = json.loads(serialize(make_event(a_call(), producer="intake", call_id="c-1")))
    unknown = {**event, "event_type": "CallTeleported"}
    with pytest.raises(EventRejected, match="unknown event_type"):
        parse_event(json.dumps(unknown).encode())
    future = {**event, "schema_version": 99}
    with pytest.raises(EventRejected, match="unsupported schema_version 99"):
        parse_event(json.dumps(future).encode())
    broken = {**event, "payload": {**event["payload"], "received_at": "yesterday"}}
    with pytest.raises(EventRejected, match="received_at"):
        parse_event(json.dumps(broken).encode())


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999",
                                    "100000000000000000000000000000"])
def test_a_number_json_cannot_carry_is_rejected_at_the_edge_with_where_it_was(
        number: str) -> None:
    """Every consumer dead-letters it with the reason, rather than failing later on it (the
    audit chain has no canonical form for it)."""
    body = serialize(received("call-9")).decode()
    poisoned = body.replace('"flags":{}', f'"flags":{{"x":{number}}}', 1)
    assert poisoned != body
    with pytest.raises(EventRejected, match=r"payload\.flags\.x|number out of range"):
        parse_event(poisoned.encode())


def test_a_producer_cannot_send_a_number_json_cannot_carry() -> None:
    event = received("call-9")
    with pytest.raises(ValueError, match=r"payload\.flags\.x"):
        Envelope(**{**event.model_dump(), "payload": {**event.payload,
                                                      "flags": {"x": float("nan")}}})


# The scheme ids were derived with before they were keyed: a public namespace.
OLD_NAMESPACE = uuid.UUID("6f1c2b7e-3c4a-5d2e-9b1f-52a8e4f0c911")


def _old_scheme(*parts: object) -> uuid.UUID:
    return uuid.uuid5(OLD_NAMESPACE, "|".join(str(p) for p in parts))


def test_derived_ids_cannot_be_computed_without_the_deployment_secret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ours = derive_id("call", "mpls", "MP-1")
    assert ours == derive_id("call", "mpls", "MP-1")  # deterministic under one secret
    # What anyone who read the source could compute before: not the id used now.
    assert ours != _old_scheme("call", "mpls", "MP-1")
    assert derive_id(ours, "CallReceived") != _old_scheme(ours, "CallReceived")
    # Another deployment's secret (an attacker's guess) gives other ids.
    monkeypatch.setattr(events, "_ID_SECRET", b"another deployment's secret!!")
    assert derive_id("call", "mpls", "MP-1") != ours


def test_no_id_is_derived_before_the_secret_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(events, "_ID_SECRET", None)
    with pytest.raises(events.EventIdSecretMissing):
        derive_id("call", "mpls", "MP-1")
    with pytest.raises(ValueError, match="16 bytes"):
        use_event_id_secret(b"short")


_JSON_NUMBERS = (st.integers(min_value=-(2**70), max_value=2**70) | st.floats()
                 | st.booleans() | st.none() | st.text(max_size=3))
_JSON_VALUES = st.recursive(
    _JSON_NUMBERS, lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=3), inner, max_size=4), max_leaves=20)


@given(st.dictionaries(st.text(max_size=3), _JSON_VALUES, max_size=5))
def test_the_quick_number_check_agrees_with_the_one_that_names_where(
        payload: dict[str, object]) -> None:
    """Every event in and out takes the quick check; the one that names the path runs
    only once it failed, so the two must never disagree."""
    assert events._all_encodable(payload) == (events._unencodable_number(payload) is None)
