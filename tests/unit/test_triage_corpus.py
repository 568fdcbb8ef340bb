"""Triage against the blind-written corpus (tests/triage_corpus): the cases parse, and
the tuning split keeps the figures it reached, so a rule change that breaks calls nobody
tuned a rule to is caught. The held-back split's figure is reported by
benchmarks/triage_narratives.py and in docs/TRIAGE.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.triage.corpus import Case, Report, grade, read_cases
from services.triage.engine import CallFacts, classify, load_policy
from shared.events import UnitType

CORPUS = Path(__file__).resolve().parents[1] / "triage_corpus"
TUNING = [CORPUS / "split_a1.yaml", CORPUS / "split_a2.yaml"]
# fresh splits measured once while held back, then tuned on (docs/TRIAGE.md)
MEASURED = [CORPUS / "split_fresh.yaml", CORPUS / "split_fresh2.yaml",
            CORPUS / "split_fresh3.yaml", CORPUS / "split_fresh4.yaml",
            CORPUS / "split_fresh5.yaml"]
# later fresh splits, tuned on by family after their first measurement: every needed
# police, EMS or fire unit is sent; their diversions are not yet at the target
LATER = [CORPUS / "split_fresh6.yaml", CORPUS / "split_fresh7.yaml",
         CORPUS / "split_fresh8.yaml", CORPUS / "split_fresh9.yaml",
         CORPUS / "split_fresh10.yaml", CORPUS / "split_fresh11.yaml"]


@pytest.fixture(scope="module")
def tuning() -> Report:
    return grade(read_cases(TUNING), load_policy())


def test_the_corpus_and_its_brief_are_there() -> None:
    assert (CORPUS / "BRIEF.md").read_text(encoding="utf-8").startswith("# Brief")
    tuning, fresh = read_cases(TUNING), read_cases(MEASURED)
    assert len(tuning) >= 400 and len(fresh) >= 500
    ids = [c.id for c in tuning + fresh]
    assert len(ids) == len(set(ids))
    assert sum(c.call_type is None for c in tuning) > len(tuning) / 3


def test_a_case_naming_an_unknown_unit_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {id: X1, narrative: x, must_send: [swat]}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="X1"):
        read_cases([bad])


def test_tuning_split_never_leaves_out_police_or_fire(tuning: Report) -> None:
    missing = [(o.case.id, sorted(o.safety_missing)) for o in tuning.safety_misses]
    assert not [m for m in missing if {"police", "fire"} & set(m[1])], missing
    assert len(missing) <= 1, missing


def test_the_measured_fresh_splits_never_leave_out_police_ems_or_fire() -> None:
    report = grade(read_cases(MEASURED), load_policy())
    assert [o.case.id for o in report.safety_misses] == []
    assert len(report.diversion_misses) / report.diversion_cases <= 0.05
    assert report.bh.recall >= 0.95 and report.prop.recall >= 0.95


def test_the_later_fresh_splits_never_leave_out_police_ems_or_fire() -> None:
    report = grade(read_cases(LATER), load_policy())
    assert [o.case.id for o in report.safety_misses] == []
    # where they stand today (docs/TRIAGE.md): a floor against going back, not the target
    assert len(report.diversion_misses) / report.diversion_cases <= 0.15


def test_tuning_split_tags_crises_and_property_crimes(tuning: Report) -> None:
    assert tuning.bh.precision >= 0.95 and tuning.bh.recall >= 0.95
    assert tuning.prop.precision >= 0.95 and tuning.prop.recall >= 0.88


def test_tuning_split_diverts_what_should_be_diverted(tuning: Report) -> None:
    assert len(tuning.diversion_misses) / tuning.diversion_cases <= 0.08


def test_confidence_means_something(tuning: Report) -> None:
    bands = {band: (n, right) for band, n, right, _ in tuning.calibration()}
    low_n, low_right = bands["0.0-0.4"]
    high_n, high_right = bands["0.8-1.0"]
    assert high_n and low_n
    assert high_right / high_n > low_right / low_n


def test_a_diversion_on_one_word_of_evidence_is_flagged_for_review() -> None:
    case = Case("T1", "crisis_plain", None, "son really upset and crying", True, False,
                frozenset({"bcr"}), frozenset({"police"}))
    d = classify(CallFacts(narrative=case.narrative), load_policy())
    assert d.units == [UnitType.bcr]
    assert d.review and d.review_reason is not None
    sure = classify(CallFacts(call_type="EDP", narrative="son hearing voices, pacing, has "
                              "not slept in days, no weapons, not violent"), load_policy())
    assert sure.units == [UnitType.bcr] and not sure.review
    assert sure.confidence > d.confidence
