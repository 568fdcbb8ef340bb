"""One measured step, summarised: latencies from the 202 and from the POST sent, the
sustain verdict, the ratios to the floor and the CPU per call (pure, over what the load
client and the observer recorded)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from benchmarks.e2e.load import Sent
from benchmarks.e2e.observe import Observed
from benchmarks.e2e.stats import fmt, summary_ms
from benchmarks.process_cpu import cpu_per_call, format_cpu_table

# A step keeps up when calls went out on schedule, nearly all were accepted and decided,
# and what is left at its end is under one second's worth of calls.
ON_SCHEDULE = 0.95
ACCEPTED_AND_DECIDED = 0.99


def is_sustained(rate: float, achieved_send_rate: float, sent: int, accepted: int,
                 decided: int, backlog: int | None, lag_total: float) -> bool:
    """Whether a step at ``rate`` kept up: ≥ 95 % of the rate sent, ≥ 99 % of the sent
    accepted and of the accepted decided, and the backlog (accepted, not decided, once
    every POST answered; None when they never all did) and the consumer lag each at most
    one second of calls."""
    return (
        achieved_send_rate >= ON_SCHEDULE * rate
        and accepted >= ACCEPTED_AND_DECIDED * sent
        and decided >= ACCEPTED_AND_DECIDED * accepted
        and backlog is not None and backlog <= rate
        and lag_total <= rate
    )


def summarise_step(rate: float, duration_s: float, sent: Sequence[Sent], info: Mapping[str, Any],
                   observed: Observed, lag: Mapping[str, float], audit_lat: Sequence[float],
                   hops: Mapping[str, Sequence[float]], floor_p50: float | None,
                   paced_floor_p50: float | None) -> dict[str, Any]:
    """The report's record of one step."""
    decided_at = observed.decided_at
    accepted = [s for s in sent if s.accepted is not None]
    decided = [s for s in accepted if s.call_id in decided_at]
    from_accept = [decided_at[s.call_id] - s.accepted for s in decided if s.accepted is not None]
    from_send = [decided_at[s.call_id] - s.sent for s in decided]
    to_unit = [decided_at[s.call_id] - s.accepted for s in decided
               if s.accepted is not None and s.call_id in observed.first_assigned]
    http = [s.accepted - s.sent for s in accepted if s.accepted is not None]
    statuses: dict[str, int] = {}
    for s in sent:
        statuses[str(s.status)] = statuses.get(str(s.status), 0) + 1
    sustained = is_sustained(rate, info["achieved_send_rate"], len(sent), len(accepted),
                             len(decided), info["backlog_after_send"], sum(lag.values()))
    step: dict[str, Any] = {
        "rate": rate, "duration_s": duration_s, **info,
        "accepted": len(accepted), "decided": len(decided), "statuses": statuses,
        "e2e_accepted_to_decided_ms": summary_ms(from_accept),
        "e2e_sent_to_decided_ms": summary_ms(from_send),
        # The calls whose first decision was UnitAssigned (the rest were queued: no unit
        # of the type free at that moment).
        "e2e_accepted_to_unit_assigned_ms": summary_ms(to_unit),
        "first_decision_unit_assigned": len(to_unit),
        "http_post_ms": summary_ms(http),
        "audit_accepted_to_recorded_ms": summary_ms(audit_lat),
        # Of the same sample, by the events' timestamps (one clock: one machine).
        "hops_ms": {hop: summary_ms(values) for hop, values in hops.items()},
        "consumer_lag_after": dict(lag),
        "sustained": sustained,
        "cpu_per_call": cpu_per_call(info["resources"], len(accepted)),
    }
    if floor_p50:
        step["ratio_to_floor_p50"] = {
            k: (round(step[k]["p50"] / floor_p50, 2) if step[k]["p50"] else None)
            for k in ("e2e_accepted_to_decided_ms", "e2e_sent_to_decided_ms",
                      "audit_accepted_to_recorded_ms")}
    e2e_p50 = step["e2e_accepted_to_decided_ms"]["p50"]
    step["ratio_to_paced_floor_p50"] = (
        round(e2e_p50 / paced_floor_p50, 2) if paced_floor_p50 and e2e_p50 else None)
    return step


def print_step(step: Mapping[str, Any]) -> None:
    e2e = step["e2e_accepted_to_decided_ms"]
    # From the POST sent too: when intake's answers queue, a decision can be seen before
    # its 202 arrives (from the 202 it is then negative).
    e2e_sent = step["e2e_sent_to_decided_ms"]
    lag_total = sum(step["consumer_lag_after"].values())
    print(f" accepted {step['accepted']}/{step['sent']} decided {step['decided']}"
          f" (UnitAssigned first {step['first_decision_unit_assigned']})"
          f" p50 {fmt(e2e['p50'])} p99 {fmt(e2e['p99'])} ms"
          f" (from the POST sent: p50 {fmt(e2e_sent['p50'])}"
          f" p99 {fmt(e2e_sent['p99'])})"
          f" backlog {step['backlog_after_send']} lag {lag_total:.0f}"
          f" {'SUSTAINED' if step['sustained'] else 'not sustained'}", flush=True)
    print("      hops p50/p99 ms (audit sample): " + ", ".join(
        f"{hop.replace('_to_', '→')} {fmt(v['p50'])}/{fmt(v['p99'])}"
        for hop, v in step["hops_ms"].items()), flush=True)
    print(format_cpu_table(step["cpu_per_call"], "      CPU per call:"), flush=True)
