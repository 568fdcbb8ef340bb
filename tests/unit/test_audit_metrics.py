"""Public metrics, pure: per-call facts, aggregates, percentiles and suppression."""

from __future__ import annotations

from typing import Any

from services.audit.metrics import aggregate, call_facts, percentile, suppress


def rows_for(call_id: str, *, police: bool = False, wait_s: int = 30, pathway: str = "bh",
             version: str = "1", district: str = "3", fallback: bool = False,
             tags: tuple[str, ...] = ("bh",), day: int = 25) -> list[dict[str, Any]]:
    return [
        {"call_id": call_id, "kind": "received", "occurred_at": f"2026-11-{day}T14:00:00.000000Z",
         "district": district},
        {"call_id": call_id, "kind": "triaged", "occurred_at": f"2026-11-{day}T14:00:00.100000Z",
         "policy_version": version, "pathway": pathway, "district": district, "police": police,
         "tags": list(tags)},
        {"call_id": call_id, "kind": "assigned",
         "occurred_at": f"2026-11-{day}T14:00:{wait_s:02d}.000000Z", "police": police,
         "fallback": fallback},
    ]


def test_call_facts_follow_the_latest_triage_and_police_assignments() -> None:
    rows = rows_for("a", wait_s=12)
    rows.append({"call_id": "a", "kind": "assigned", "occurred_at": "2026-11-25T14:00:40Z",
                 "police": True, "fallback": True})
    rows.append({"call_id": "a", "kind": "queued", "occurred_at": "2026-11-25T14:00:41Z",
                 "fallback": True})
    [facts] = call_facts(rows)
    assert facts.triaged and facts.police_sent and not facts.diverted
    assert facts.seconds_to_assign == 12.0 and facts.fallbacks == 2
    assert facts.day == "2026-11-25" and facts.district == "3"


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 11)]
    assert percentile(values, 50) == 5.0 and percentile(values, 90) == 9.0
    assert percentile([], 50) is None and percentile([7.0], 90) == 7.0


def test_small_counts_are_suppressed_but_zero_is_not() -> None:
    assert suppress(0, 10) == 0 and suppress(1, 10) is None and suppress(9, 10) is None
    assert suppress(10, 10) == 10


def test_aggregates_by_policy_version_with_diversion_and_waits() -> None:
    rows: list[dict[str, Any]] = []
    for n in range(12):
        rows += rows_for(f"d{n}", wait_s=10 + n)            # diverted, bh
    for n in range(10):
        rows += rows_for(f"p{n}", police=True, pathway="police", tags=("violence",),
                         wait_s=50, fallback=True)
    for n in range(3):
        rows += rows_for(f"v2-{n}", version="2")
    data = aggregate(call_facts(rows), min_count=10)
    v1, v2 = data["policies"]
    assert v1["policy_version"] == "1" and v2["policy_version"] == "2"
    overall = v1["overall"]
    assert overall["triaged"] == 22 and overall["diverted"] == 12
    assert overall["diversion_rate"] == round(12 / 22, 4)
    assert overall["fallbacks"] == 10 and overall["suppressed"] is False
    assert overall["time_to_assign_p50_s"] == 20.0 and overall["time_to_assign_p90_s"] == 50.0
    by_pathway = {g["pathway"]: g for g in v1["by_pathway"]}
    assert by_pathway["bh"]["diversion_rate"] == 1.0
    assert by_pathway["police"]["diverted"] == 0 and by_pathway["police"]["diversion_rate"] == 0
    assert {g["tag"] for g in v1["by_tag"]} == {"bh", "violence"}
    assert [g["day"] for g in v1["by_day"]] == ["2026-11-25"]
    # Version 2 has 3 calls: everything about it is suppressed, nothing leaks.
    small = v2["overall"]
    assert small["suppressed"] is True
    assert small["triaged"] is None and small["diverted"] is None
    assert small["diversion_rate"] is None and small["time_to_assign_p50_s"] is None


def test_a_rate_built_on_a_small_numerator_is_suppressed() -> None:
    rows: list[dict[str, Any]] = []
    for n in range(20):
        rows += rows_for(f"c{n}", police=n >= 3)   # 3 diverted of 20
    overall = aggregate(call_facts(rows))["policies"][0]["overall"]
    assert overall["triaged"] == 20 and overall["diverted"] is None
    assert overall["diversion_rate"] is None and overall["suppressed"] is True
    assert overall["fallbacks"] == 0


def test_no_aggregate_names_a_call() -> None:
    rows = [r for n in range(15) for r in rows_for(f"secret-call-{n}")]
    assert "secret-call" not in repr(aggregate(call_facts(rows)))


def floor_rows(call_id: str, kind: str, *, answer_s: int = 20, reason: str = "safety_concern",
               pathway: str = "bh") -> list[dict[str, Any]]:
    rows = rows_for(call_id, pathway=pathway)
    rows.append({"call_id": call_id, "kind": "floor_prompted",
                 "occurred_at": "2026-11-25T14:00:01.000000Z"})
    rows.append({"call_id": call_id, "kind": kind, "reason_code": reason,
                 "transferred_to": "988" if kind == "transferred" else None,
                 "occurred_at": f"2026-11-25T14:00:{1 + answer_s:02d}.000000Z"})
    return rows


def test_the_floor_figures_override_rate_by_pathway_and_reason_phone_988_and_confirm_time(
) -> None:
    rows: list[dict[str, Any]] = []
    for n in range(12):
        rows += floor_rows(f"o{n}", "overridden", answer_s=10 + n)
    for n in range(8):
        rows += floor_rows(f"c{n}", "confirmed", answer_s=5)
    for n in range(10):
        rows += floor_rows(f"p{n}", "phone_resolved")
        rows += floor_rows(f"t{n}", "transferred")
    rows += floor_rows("x", "overridden", reason="other", pathway="police")
    policy = aggregate(call_facts(rows))["policies"][0]
    overall = policy["overall"]
    assert overall["floor_decided"] == 21 and overall["overridden"] == 13
    assert overall["override_rate"] == round(13 / 21, 4)
    assert overall["resolved_by_phone"] == 10 and overall["transferred_988"] == 10
    assert overall["time_to_confirm_p50_s"] == 12.0  # 5 s eight times, 10..21 s, 20 s
    assert overall["time_to_confirm_p90_s"] == 20.0
    assert policy["overrides_by_reason"] == [
        {"reason_code": "other", "overridden": None, "suppressed": True},
        {"reason_code": "safety_concern", "overridden": 12, "suppressed": False}]
    # Under ten: the police pathway's single override is suppressed, its rate too.
    [bh, police] = policy["by_pathway"]
    assert bh["override_rate"] == round(12 / 20, 4)
    assert police["overridden"] is None and police["override_rate"] is None
    assert police["suppressed"]
