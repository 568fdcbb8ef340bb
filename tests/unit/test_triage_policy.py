"""The policy file: validated at load with a message naming the file and the field,
recorded on every decision (id, version, SHA-256), and able to change routing with no
code change."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from services.triage.engine import CallFacts, PolicyError, classify, load_policy
from services.triage.policy import DEFAULT_POLICY_PATH
from shared.events import UnitType
from tests.triage_support import write_policy


def default_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(DEFAULT_POLICY_PATH.read_text(encoding="utf-8"))
    return data


def write(tmp_path: Path, data: dict[str, Any], name: str = "policy.yaml") -> Path:
    return write_policy(tmp_path, data, name)


def test_default_policy_loads_and_records_its_hash() -> None:
    policy = load_policy()
    assert policy.policy_id == "rightresponse-default"
    reader = DEFAULT_POLICY_PATH.parent / "reader.json"
    assert policy.hash == hashlib.sha256(
        DEFAULT_POLICY_PATH.read_bytes() + b"\0reader\0" + reader.read_bytes()).hexdigest()
    assert policy.warnings == ()
    d = classify(CallFacts(call_type="THEFT"), policy)
    assert (d.policy_id, d.policy_version, d.policy_hash) == (
        policy.policy_id, policy.version, policy.hash)


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda d: d.pop(key)


def _set(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(d: dict[str, Any]) -> None:
        node = d
        for p in path[:-1]:
            node = node[p]
        node[path[-1]] = value
    return apply


@pytest.mark.parametrize(("mutate", "field", "words"), [
    (_drop("pathways"), "pathways", "field required"),
    (_drop("version"), "version", "field required"),
    (_set(["evidence", 0, "pattern"], "suicid(("), "evidence[0].pattern",
     "bad regular expression"),
    (_set(["call_types", 0, "match"], ["alarm["]), "call_types[0].match[0]",
     "bad regular expression"),
    (_set(["call_types", 1, "flags"], ["weapn"]), "call_types[1].flags[0]",
     "unknown safety flag 'weapn'"),
    (_set(["pathways", 1, "units"], ["bcr", "swat"]), "pathways[1].units[1]", "input should be"),
    (_set(["pathways", 1, "priority"], 9), "pathways[1].priority", "less than or equal to 5"),
    (_set(["pathways", 1, "adjustments", 0, "when_any"], ["domestik"]),
     "pathways[1].adjustments[0].when_any[0]", "'domestik' is no tag"),
    (_set(["pathways", 0, "tags_any"], ["flames"]), "pathways[0].tags_any[0]",
     "no rule of this policy sets tag 'flames'"),
    (_set(["call_types", 0, "pathway"], "nowhere"), "call_types[0].pathway",
     "unknown pathway 'nowhere'"),
    (_set(["call_types", 0, "colour"], "red"), "call_types[0].colour", "extra inputs"),
    (_set(["safety_overrides", 0, "id"], "override.nothing"), "safety_overrides[0].id",
     "unknown override"),
    (_set(["text", "negation", "window"], 50), "text.negation.window", "less than or equal"),
])
def test_invalid_policy_is_refused_naming_file_and_field(
    tmp_path: Path, mutate: Callable[[dict[str, Any]], None], field: str, words: str
) -> None:
    data = default_data()
    mutate(data)
    path = write(tmp_path, data)
    with pytest.raises(PolicyError) as err:
        load_policy(path)
    message = str(err.value)
    assert str(path) in message
    assert f": {field}:" in message
    assert words.lower() in message.lower()


def test_unreadable_or_malformed_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match=r"cannot read triage policy .*missing\.yaml"):
        load_policy(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("policy_id: x\n  version: [\n", encoding="utf-8")
    with pytest.raises(PolicyError, match="not valid YAML"):
        load_policy(bad)
    scalar = tmp_path / "scalar.yaml"
    scalar.write_text("just a string\n", encoding="utf-8")
    with pytest.raises(PolicyError, match=r"\(root\): expected a mapping"):
        load_policy(scalar)


def test_a_modified_copy_changes_decisions_without_code_change(tmp_path: Path) -> None:
    theft = CallFacts(call_type="THEFT", narrative="bike taken from the rack last week")
    prowl = CallFacts(call_type="CAR PROWL RPT")
    hoarding = CallFacts(call_type="HOARDING COMPLAINT")
    before = load_policy()
    assert classify(theft, before).units == [UnitType.cso]
    assert classify(hoarding, before).pathway == "police_default"

    data = default_data()
    data["version"] = "2.0.0-test"
    # 1. every after-the-fact property report goes to phone/online reporting
    prop = next(p for p in data["pathways"] if p["name"] == "property_report")
    prop["units"] = []
    # 2. a new call type of this city, routed to the crisis team
    data["call_types"].insert(0, {"id": "ct.city.hoarding", "match": ["hoarding"],
                                  "tags": ["welfare"]})
    after = load_policy(write(tmp_path, data))

    assert after.version == "2.0.0-test" and after.hash != before.hash
    assert classify(theft, after).units == []
    assert classify(prowl, after).units == []
    d = classify(hoarding, after)
    assert (d.pathway, d.units) == ("welfare_check", [UnitType.bcr])
    assert d.reasons[0].rule_id == "ct.city.hoarding"
    assert (d.policy_version, d.policy_hash) == ("2.0.0-test", after.hash)


def test_disabling_an_override_is_ignored_with_a_warning(tmp_path: Path) -> None:
    data = default_data()
    data["safety_overrides"][0]["enabled"] = False
    policy = load_policy(write(tmp_path, data))
    assert len(policy.warnings) == 1 and "override.weapon" in policy.warnings[0]
    assert UnitType.police in classify(CallFacts(narrative="he has a gun"), policy).units


def test_policy_is_immutable() -> None:
    policy = load_policy()
    with pytest.raises(AttributeError):
        policy.version = "x"  # type: ignore[misc]
