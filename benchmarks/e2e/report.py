"""The bench's output: the table of every step, the plot of latency against rate, and a
line per target (figure, target, met) after a target preset."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.e2e.stats import fmt
from benchmarks.e2e.targets import Verdict
from benchmarks.process_cpu import format_cpu_table


def plot(report: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 5))
    for config in report["configs"]:
        steps = [s for s in config["steps"] if s["duration_s"] < 60] or config["steps"]
        rates = [s["rate"] for s in steps]
        for q, style in (("p50", "-o"), ("p95", "--s"), ("p99", ":^")):
            ys = [s["e2e_accepted_to_decided_ms"][q] for s in steps]
            ax.plot(rates, ys, style, label=f"{config['instances']}x e2e {q}")
    floor = report["floor"]["single_hop_ms"]
    for q, style in (("p50", "-"), ("p99", ":")):
        if floor[q]:
            ax.axhline(floor[q], color="grey", linestyle=style, label=f"broker floor {q}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("offered load (calls/s)")
    ax.set_ylabel("latency, 202 accepted → decision on calls.assigned (ms)")
    ax.set_title("RightResponse end to end against the broker floor")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def print_table(report: dict[str, Any]) -> None:
    floor = report["floor"]["single_hop_ms"]
    print(f"\nbroker floor single hop: p50 {fmt(floor['p50'])} p95 {fmt(floor['p95'])} "
          f"p99 {fmt(floor['p99'])} ms back to back")
    for paced in report["floor_paced"]:
        hop = paced["single_hop_ms"]
        print(f"                         p50 {fmt(hop['p50'])} p95 {fmt(hop['p95'])} "
              f"p99 {fmt(hop['p99'])} ms at {paced['rate']:g}/s (xpaced: p50 over this)")
    header = (f"{'inst':>4} {'rate':>6} {'dur':>4} {'sent/s':>7} {'acc':>6} {'dec':>6} "
              f"{'p50':>7} {'p95':>7} {'p99':>7} {'xfloor':>6} {'xpaced':>6} {'aud p50':>8} "
              f"{'aud p99':>8} "
              f"{'http p99':>8} {'backlog':>7} {'unit%':>5} {'ok':>3}")
    print(header)
    for config in report["configs"]:
        for s in config["steps"]:
            e2e, aud, http = (s["e2e_accepted_to_decided_ms"], s["audit_accepted_to_recorded_ms"],
                              s["http_post_ms"])
            ratio = (s.get("ratio_to_floor_p50") or {}).get("e2e_accepted_to_decided_ms")
            print(f"{config['instances']:>4} {s['rate']:>6.0f} {s['duration_s']:>4.0f} "
                  f"{s['achieved_send_rate']:>7.0f} {s['accepted']:>6} {s['decided']:>6} "
                  f"{fmt(e2e['p50']):>7} {fmt(e2e['p95']):>7} {fmt(e2e['p99']):>7} "
                  f"{fmt(ratio):>6} {fmt(s.get('ratio_to_paced_floor_p50')):>6} "
                  f"{fmt(aud['p50']):>8} {fmt(aud['p99']):>8} "
                  f"{fmt(http['p99']):>8} {s['backlog_after_send']!s:>7} "
                  f"{100 * s['first_decision_unit_assigned'] / max(s['decided'], 1):>5.0f} "
                  f"{'yes' if s['sustained'] else 'no':>3}")
        print(f"     highest rate sustained 60 s: {config['highest_sustained_rate']}")
        print(f"     units cleared by the bench's crews {config['units_cleared_by_crews']}, "
              f"reports refused {config['crew_reports_refused']} "
              "(unit%: calls whose first decision was UnitAssigned)")
        for s in config["steps"]:
            print(format_cpu_table(s["cpu_per_call"], f"     CPU at {s['rate']:g}/s for "
                                   f"{s['duration_s']:g} s ({s['accepted']} calls accepted; "
                                   "the step's drain included)"))
        last = config["steps"][-1]["resources"] if config["steps"] else {}
        for name, r in last.items():
            print(f"     {name:<18} cpu {r['cpu_percent']:>6}%  peak rss {r['peak_rss_mb']:>7} MB")



def print_verdicts(preset: str | None, verdicts: Sequence[Verdict]) -> None:
    if not verdicts:
        return
    print(f"\ntargets of --preset {preset}:")
    for verdict in verdicts:
        print(verdict.line())
