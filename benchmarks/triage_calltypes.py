"""Precision and recall of triage tags on real CAD call types.

    .venv/bin/python benchmarks/triage_calltypes.py [--csv PATH] [--policy FILE]
        [--adjudications FILE] [--top N]

Reads ``../shared/data/calltypes/calltypes_dev.csv`` (beside the repository) and
compares the ``behavioral_health`` tag with the reference category "Behavioral Health"
and the ``property`` tag with "Property Crime", weighted by call count and unweighted,
raw and after the adjudications in ``benchmarks/triage_adjudications.yaml`` (strings
where we judge the reference label wrong for routing, each with its reason). Lists the
largest disagreements, marking those adjudicated.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from services.triage.engine import load_policy  # noqa: E402
from services.triage.evaluation import (  # noqa: E402
    Score,
    evaluate,
    read_adjudications,
    read_rows,
)

DEFAULT_CSV = REPO.parent / "shared" / "data" / "calltypes" / "calltypes_dev.csv"
DEFAULT_ADJ = REPO / "benchmarks" / "triage_adjudications.yaml"


def _fmt(s: Score) -> str:
    return f"precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--policy", type=Path, default=None)
    ap.add_argument("--adjudications", type=Path, default=DEFAULT_ADJ)
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args(argv)

    policy = load_policy(args.policy)
    rows = read_rows(args.csv)
    adjudications = read_adjudications(args.adjudications)
    reports = evaluate(rows, policy, adjudications)
    print(f"policy {policy.policy_id} v{policy.version} ({policy.hash[:12]}), "
          f"{len(rows)} call types, {sum(r.count for r in rows):,} calls")
    for rep in reports.values():
        n_adj = len(adjudications.get(rep.tag, {}))
        print(f"\n== tag {rep.tag!r} vs category {rep.category!r}")
        print(f"  weighted   raw        : {_fmt(rep.weighted)}")
        print(f"  weighted   adjudicated: {_fmt(rep.weighted_adj)}  ({n_adj} strings adjudicated)")
        print(f"  unweighted raw        : {_fmt(rep.unweighted)}")
        print(f"  unweighted adjudicated: {_fmt(rep.unweighted_adj)}")
        print(f"  ({rep.unlabelled} call types without a reference category not scored)")
        print(f"  top disagreements (of {len(rep.disagreements)}):")
        for d in rep.disagreements[: args.top]:
            kind = "we tag, they don't" if d.predicted else "they label, we don't"
            note = f"  [adjudicated: {d.adjudicated}]" if d.adjudicated else ""
            print(f"    {d.count:>7,}  {kind:<20} {d.call_type!r} ({d.category or 'no category'})"
                  f"{note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
