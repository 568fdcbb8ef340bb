"""Every triage decision on every text we have, as canonical JSON, to diff before and after.

    .venv/bin/python benchmarks/triage_decisions_snapshot.py --out /tmp/before.jsonl
    .venv/bin/python benchmarks/triage_decisions_snapshot.py --out /tmp/after.jsonl
    cmp /tmp/before.jsonl /tmp/after.jsonl

A change meant only to make :func:`classify` faster must leave every line identical. The
calls: each case of every corpus split (``tests/triage_corpus/split_*.yaml``, call type,
narrative and screening answers as written); the call types the benchmarks read
(``calltypes_dev.csv`` beside the repository, ``calltypes_other_cities.csv``), alone;
the unit-test narratives (``tests/unit/triage_narratives.yaml``, with their flags), and
every string literal of the triage unit tests, once as a call type and once as a
narrative; and the throughput benchmark's calls in its three modes. Each decision is
printed whole (units, tags, pathway, reasons, review flag, confidence ...), one JSON
object a line with sorted keys.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.triage_throughput import build_calls  # noqa: E402
from services.triage.corpus import CORPUS_DIR, read_cases  # noqa: E402
from services.triage.engine import CallFacts, classify, load_policy  # noqa: E402
from services.triage.evaluation import read_rows  # noqa: E402

DEV_CSV = REPO.parent / "shared" / "data" / "calltypes" / "calltypes_dev.csv"
OTHER_CITIES_CSV = CORPUS_DIR / "calltypes_other_cities.csv"
UNIT_TESTS = REPO / "tests" / "unit"


def _test_strings() -> list[str]:
    """Every distinct string literal of the triage unit tests, in a fixed order."""
    seen: dict[str, None] = {}
    for path in sorted(UNIT_TESTS.glob("test_triage_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if node.value.strip():
                    seen[node.value] = None
    return list(seen)


def calls() -> Iterator[tuple[str, CallFacts]]:
    for case in read_cases(sorted(CORPUS_DIR.glob("split_*.yaml"))):
        yield f"corpus:{case.id}", CallFacts(call_type=case.call_type, narrative=case.narrative,
                                             screening=case.screening)
    if DEV_CSV.exists():
        for row in read_rows(DEV_CSV):
            yield "calltypes_dev", CallFacts(call_type=row.call_type)
    with OTHER_CITIES_CSV.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            yield "calltypes_other_cities", CallFacts(call_type=r["call_type"])
    data = yaml.safe_load((UNIT_TESTS / "triage_narratives.yaml").read_text(encoding="utf-8"))
    for case in data["cases"]:
        yield f"unit_narratives:{case['id']}", CallFacts(
            call_type=case.get("call_type"), narrative=case.get("narrative"),
            flags=case.get("flags_in", {}))
    for text in _test_strings():
        yield "unit_strings:call_type", CallFacts(call_type=text)
        yield "unit_strings:narrative", CallFacts(narrative=text)
    for i, call in enumerate(build_calls(DEV_CSV, 3000)):
        yield f"throughput:{i}:call_type", CallFacts(call_type=call.call_type)
        yield f"throughput:{i}:narrative", CallFacts(narrative=f"{call.narrative} n")
        yield f"throughput:{i}:both", call


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    policy = load_policy()
    n = 0
    with args.out.open("w", encoding="utf-8") as fh:
        for source, call in calls():
            decision = classify(call, policy).model_dump(mode="json")
            fh.write(json.dumps({"source": source, "call": call.model_dump(mode="json"),
                                 "decision": decision}, sort_keys=True) + "\n")
            n += 1
    print(f"{n:,} decisions written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
