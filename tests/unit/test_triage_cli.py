"""``rightresponse triage classify``, run in-process on temporary files."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path
from typing import Any

import yaml

from services.triage import cli
from services.triage.policy import DEFAULT_POLICY_PATH
from tests.triage_support import write_policy

CALLS = [
    {"call_type": "EDP",
     "narrative": "Caller's brother talking about hurting himself, no weapons."},
    {"call_type": "130B_Theft Past",
     "narrative": "bike stolen overnight, wants an online report for insurance"},
    {"narrative": "man has a gun and is yelling"},
    {"call_type": "WELFARE CHECK", "flags": {"injuries": True}, "extra": "ignored"},
]


def run(*argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="rightresponse")
    cli.add_subparsers(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["triage", "classify", *argv])
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(args, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def jsonl(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "calls.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_gives_one_decision_per_line_in_order(tmp_path: Path) -> None:
    path = jsonl(tmp_path, [json.dumps(c) for c in CALLS])
    code, out, _ = run("--input", str(path))
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 3, 4]
    assert [r["pathway"] for r in rows] == [
        "behavioral_health", "property_report", "police", "welfare_check"]
    assert rows[0]["units"] == ["bcr"]
    assert rows[1]["units"] == []
    assert rows[2]["units"] == ["police"] and "weapon" in rows[2]["safety_flags"]
    assert "ems" in rows[3]["units"]
    for r in rows:
        assert {"tags", "safety_flags", "pathway", "units", "priority", "reasons",
                "confidence", "policy_id", "policy_version", "policy_hash"} <= set(r)
        assert all({"rule_id", "evidence"} <= set(reason) for reason in r["reasons"])


def test_bad_lines_give_an_error_object_and_the_run_goes_on(tmp_path: Path) -> None:
    path = jsonl(tmp_path, [json.dumps(CALLS[0]), "{not json", "", "[1, 2]",
                            json.dumps({"call_type": 7}), json.dumps(CALLS[2])])
    code, out, _ = run("--input", str(path))
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 4, 5, 6]
    assert "invalid JSON" in rows[1]["error"]
    assert "JSON object" in rows[2]["error"]
    assert rows[3]["error"].startswith("call_type:")
    assert rows[4]["pathway"] == "police"


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    code, out, err = run("--input", str(tmp_path / "nope.jsonl"))
    assert code == 2 and out == "" and "cannot read" in err


def test_csv_with_column_mappings(tmp_path: Path) -> None:
    path = tmp_path / "cad.csv"
    path.write_text(
        "Problem,Notes,Weapon\n"
        "121C_Mental Disordr NonViolent,pacing and crying,no\n"
        "\"SIMPLE CRIMINAL DAMA\",\"mailbox knocked over, overnight\",\n"
        "127D_Suicide Threat,says he will jump,yes\n"
        "THEFT,wallet taken,maybe\n",
        encoding="utf-8",
    )
    code, out, _ = run("--input", str(path), "--column", "call_type=Problem",
                       "--column", "narrative=Notes", "--column", "flags.weapons=Weapon")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r.get("pathway") for r in rows[:3]] == [
        "behavioral_health", "property_report", "behavioral_health"]
    assert rows[0]["units"] == ["bcr"] and rows[1]["units"] == ["cso"]
    assert "police" in rows[2]["units"] and "weapon" in rows[2]["safety_flags"]
    assert rows[3] == {"line": 5, "error": "Weapon: 'maybe' is not true/false"}


def test_csv_missing_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cad.csv"
    path.write_text("Problem\nTHEFT\n", encoding="utf-8")
    code, _, err = run("--input", str(path), "--column", "call_type=Type")
    assert code == 2 and "no column 'Type'" in err


def test_summary_counts_pathways_tags_and_diversion(tmp_path: Path) -> None:
    path = jsonl(tmp_path, [json.dumps(c) for c in CALLS] + ["oops"])
    code, out, _ = run("--input", str(path), "--summary", "--json")
    assert code == 0
    s = json.loads(out)["summary"]
    assert s["calls"] == 4 and s["errors"] == 1
    assert s["diverted_from_police"] == 3 and s["diverted_share"] == 0.75
    assert s["pathways"]["behavioral_health"] == 1
    assert s["tags"]["property"] == 1 and s["tags"]["behavioral_health"] == 1
    code, text, _ = run("--input", str(path), "--summary")
    assert "diverted from police: 3 (75.0%)" in text
    assert "behavioral_health" in text


def _policy_copy(tmp_path: Path, **changes: Any) -> Path:
    data = yaml.safe_load(DEFAULT_POLICY_PATH.read_text(encoding="utf-8"))
    data["version"] = "9.9.9"
    bh = next(p for p in data["pathways"] if p["name"] == "behavioral_health")
    bh["units"] = ["bcr", "police"]  # a stricter city: police on every crisis call
    path = write_policy(tmp_path, data, "other.yaml")
    return path


def test_compare_reports_what_a_policy_change_would_change(tmp_path: Path) -> None:
    path = jsonl(tmp_path, [json.dumps(c) for c in CALLS])
    other = _policy_copy(tmp_path)
    code, out, _ = run("--input", str(path), "--compare", str(other), "--json")
    assert code == 0
    c = json.loads(out)["compare"]
    assert c["calls"] == 4 and c["changed"] == 1
    assert c["transitions"] == {"behavioral_health -> behavioral_health": 1}
    assert c["diverted_current"] == 3 and c["diverted_other"] == 2
    [example] = c["examples"]
    assert example["line"] == 1 and example["other"]["units"] == ["bcr", "police"]
    assert "units: +police" in example["changes"]
    code, text, _ = run("--input", str(path), "--compare", str(other))
    assert "decisions that differ: 1 of 4" in text and "v9.9.9" in text


def test_bad_policy_exits_2_with_the_reason(tmp_path: Path) -> None:
    path = jsonl(tmp_path, [json.dumps(CALLS[0])])
    bad = tmp_path / "bad.yaml"
    bad.write_text("policy_id: x\n", encoding="utf-8")
    code, out, err = run("--input", str(path), "--policy", str(bad))
    assert code == 2 and out == "" and "bad.yaml" in err and "version" in err
