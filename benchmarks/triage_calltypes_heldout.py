"""Call types of cities triage was never tuned on: property and behavioral_health tags.

    .venv/bin/python -m benchmarks.triage_calltypes_heldout [--csv PATH] [--show-misses]

Reads ``tests/triage_corpus/calltypes_other_cities.csv`` (strings taken verbatim from
public calls-for-service data of New York, San Diego, New Orleans, Detroit, Las Vegas,
Milwaukee and St. Louis, labelled from the string alone by a writer who never saw the
triage code) and prints, per city and overall, precision and recall of the two tags
from the call type alone, unweighted (the sources carry no call counts).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from services.triage.engine import CallFacts, classify, load_policy  # noqa: E402
from services.triage.evaluation import Score  # noqa: E402

DEFAULT_CSV = REPO / "tests" / "triage_corpus" / "calltypes_other_cities.csv"


def _label(value: str) -> bool | None:
    return {"1": True, "0": False}.get(value.strip())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args(argv)
    policy = load_policy()
    tallies: dict[tuple[str, str], Score] = defaultdict(Score)
    misses: list[str] = []
    with args.csv.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            tags = set(classify(CallFacts(call_type=row["call_type"]), policy).tags)
            for tag, column in (("property", "property"),
                                ("behavioral_health", "behavioral_health")):
                expected = _label(row[column])
                predicted = tag in tags
                for city in (row["city"], "all"):
                    tallies[city, tag].add(expected, predicted)
                if expected is not None and expected != predicted:
                    misses.append(f"  {row['city']:<12} {tag:<18} expected {expected!s:<5} "
                                  f"{row['call_type']!r}")
    print(f"policy {policy.policy_id} v{policy.version} ({policy.hash[:12]})")
    for (city, tag), t in sorted(tallies.items(), key=lambda kv: (kv[0][0] != "all", kv[0])):
        print(f"  {city:<12} {tag:<18} precision {t.precision:.3f}  recall {t.recall:.3f}  "
              f"(tp {t.tp:.0f}, fp {t.fp:.0f}, fn {t.fn:.0f})")
    if args.show_misses:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
