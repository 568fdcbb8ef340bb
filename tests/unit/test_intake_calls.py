"""Intake's pure decisions: agency scoping, repeated posts, updates."""

from __future__ import annotations

import pytest

from services.intake.calls import (
    Outcome,
    Seen,
    apply_patch,
    body_hash,
    call_id_for,
    decide_submit,
    may_touch,
    resolve_agency,
    to_payload,
)
from services.intake.errors import AgencyNotAllowed
from services.intake.models import CallCreate, CallPatch
from services.intake.problems import http_status
from shared.auth import Principal, Role

CAD = Principal(key_id="k1", role=Role.cad, agency="mpls")
ADMIN = Principal(key_id="k2", role=Role.admin)
BODY = {"cad_incident_id": "MP-1", "call_type": "EDP", "received_at": "2026-11-25T14:03:00Z",
        "location": {"address": "2633 Minnehaha Ave"}}


def test_a_cad_key_posts_for_its_own_agency_only() -> None:
    assert resolve_agency(CAD, None, "default") == "mpls"
    assert resolve_agency(CAD, "mpls", "default") == "mpls"
    with pytest.raises(AgencyNotAllowed) as err:
        resolve_agency(CAD, "stlp", "default")
    assert http_status(err.value) == 403 and err.value.field == "body.agency"


def test_an_admin_key_posts_for_any_agency_and_defaults() -> None:
    assert resolve_agency(ADMIN, "stlp", "default") == "stlp"
    assert resolve_agency(ADMIN, None, "default") == "default"


def test_a_cad_key_without_agency_is_bound_to_the_default() -> None:
    unbound = Principal(key_id="k3", role=Role.cad)
    assert resolve_agency(unbound, None, "default") == "default"
    assert may_touch(unbound, "default", "default")
    assert not may_touch(unbound, "mpls", "default")


def test_only_the_owning_agency_may_touch_a_call() -> None:
    assert may_touch(CAD, "mpls", "default")
    assert not may_touch(CAD, "stlp", "default")
    assert may_touch(ADMIN, "stlp", "default")


def test_call_ids_are_deterministic_per_agency() -> None:
    assert call_id_for("mpls", "MP-1") == call_id_for("mpls", "MP-1")
    assert call_id_for("mpls", "MP-1") != call_id_for("stlp", "MP-1")


def test_the_hash_ignores_key_order() -> None:
    assert body_hash({"a": 1, "b": [1, 2]}) == body_hash({"b": [1, 2], "a": 1})
    assert body_hash({"a": 1}) != body_hash({"a": 2})


def seen(call_id: str = "c1", digest: str = "h1", version: int = 0,
         pending: bool = False) -> Seen:
    return Seen(call_id=call_id, body_hash=digest, version=version, pending=pending)


@pytest.mark.parametrize(
    ("existing", "keyed", "update", "expected"),
    [
        (None, None, False, Outcome.create),
        (seen(), None, False, Outcome.duplicate),
        (seen(), seen(), False, Outcome.duplicate),
        (seen(digest="other"), None, False, Outcome.conflict_body),
        (seen(digest="other"), None, True, Outcome.update),
        (None, seen(call_id="c2"), False, Outcome.conflict_key),
        (seen(), seen(digest="other"), False, Outcome.conflict_key),
        (seen(pending=True), None, False, Outcome.republish),
        (seen(digest="other", pending=True), None, False, Outcome.replace_pending),
        # An update whose publish never completed does not make the call itself pending.
        (seen(version=2, pending=True), None, False, Outcome.duplicate),
    ],
)
def test_what_a_repeated_post_means(
    existing: Seen | None, keyed: Seen | None, update: bool, expected: Outcome
) -> None:
    assert decide_submit(call_id="c1", digest="h1", existing=existing, keyed=keyed,
                         update_on_change=update) is expected


def state() -> dict[str, object]:
    return to_payload(CallCreate.model_validate({**BODY, "narrative": "first",
                                                 "flags": {"weapons": False}}),
                      "mpls").model_dump(mode="json")


def test_a_patch_appends_narrative_and_merges_flags() -> None:
    new, changed = apply_patch(state(), CallPatch.model_validate(
        {"narrative_append": "now has a knife", "flags": {"weapons": True, "injuries": False}}))
    assert new["narrative"] == "first\nnow has a knife"
    assert new["flags"] == {"weapons": True, "injuries": False}
    assert changed == ["narrative", "flags"]


def test_a_patch_replaces_the_location() -> None:
    new, changed = apply_patch(state(), CallPatch.model_validate(
        {"location": {"lat": 44.9, "lon": -93.2}}))
    assert new["location"] == {"address": None, "lat": 44.9, "lon": -93.2, "district": None}
    assert changed == ["location"]


def test_a_patch_that_changes_nothing_lists_nothing() -> None:
    new, changed = apply_patch(state(), CallPatch.model_validate(
        {"flags": {"weapons": False}, "call_type": "EDP", "unknown_field": 1,
         "narrative": None}))
    assert changed == [] and new == state()


def test_a_description_alone_becomes_the_call_type() -> None:
    call = CallCreate.model_validate({**{k: v for k, v in BODY.items() if k != "call_type"},
                                      "call_type_description": "WELFARE CHECK"})
    payload = to_payload(call, "mpls")
    assert payload.call_type == "WELFARE CHECK"
    assert payload.call_type_description == "WELFARE CHECK"


def test_a_call_needs_a_call_type_or_description() -> None:
    with pytest.raises(ValueError, match="call_type"):
        CallCreate.model_validate({k: v for k, v in BODY.items() if k != "call_type"})


@pytest.mark.parametrize("flags", [{"Weapons!": True}, {f"f{i}": True for i in range(40)}])
def test_flags_are_capped(flags: dict[str, bool]) -> None:
    with pytest.raises(ValueError, match="flag"):
        CallCreate.model_validate({**BODY, "flags": flags})


def test_every_intake_error_has_its_status() -> None:
    from services.intake import errors

    statuses = {name: http_status(cls("detail")) for name, cls in vars(errors).items()
                if isinstance(cls, type) and issubclass(cls, errors.IntakeError)
                and cls is not errors.IntakeError}
    assert statuses == {"AgencyNotAllowed": 403, "CallNotFound": 404, "CallConflict": 409,
                        "IdempotencyKeyReused": 409, "IncidentAcceptedBefore": 409,
                        "CallIsCancelled": 409, "CallKeptChanging": 409, "CallNotAcknowledged": 504}
