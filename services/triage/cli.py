"""``rightresponse triage classify``: run the triage engine over a file of calls.

    rightresponse triage classify --input calls.jsonl
    rightresponse triage classify --input calls.csv --column call_type=Problem \\
        --column narrative=Notes --column flags.weapons=Weapon
    rightresponse triage classify --input calls.jsonl --summary
    rightresponse triage classify --input calls.jsonl --compare proposed.yaml

Input: JSON Lines (one call object per line: ``call_type``, ``narrative``,
``cad_priority``, ``flags``; partial calls are fine) or CSV (``--column FIELD=HEADER``,
repeatable; headers already named like the fields need no mapping; ``flags.NAME``
fields take true/false, yes/no, 1/0). The format follows the file suffix (``.csv``) or
``--format``.

Output (stdout): one JSON decision per input record, in input order, with its ``line``
number; a record that cannot be read gives ``{"line": n, "error": "..."}`` instead and
the run goes on. Blank lines are skipped. ``--summary`` prints counts per pathway, tag
and unit and the share of calls diverted from police (no ``police`` in units) instead of
the decisions; ``--compare OTHER_POLICY`` prints what switching from ``--policy`` (default:
the repository's) to OTHER_POLICY would change. ``--json`` makes those two reports JSON.
Exit status: 0, or 2 when the input or a policy cannot be read.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from services.triage.engine import (
    CallFacts,
    Decision,
    Policy,
    PolicyError,
    classify,
    explain_change,
    load_policy,
)
from shared.events import UnitType

TRUE = {"1", "true", "t", "yes", "y"}
FALSE = {"0", "false", "f", "no", "n", ""}
EXAMPLES = 5


class InputError(Exception):
    """The input file as a whole cannot be read."""


@dataclass
class Record:
    line: int
    call: CallFacts | None = None
    raw: dict[str, Any] | None = None
    error: str | None = None


def add_subparsers(subparsers: Any) -> None:
    """Register ``triage classify`` on an argparse subparsers object."""
    triage = subparsers.add_parser("triage", help="Triage tools (classify calls offline).",
                                   description="Triage tools.")
    tsub = triage.add_subparsers(dest="triage_command", metavar="COMMAND", required=True)
    c = tsub.add_parser(
        "classify", help="Classify calls from a JSONL or CSV file.",
        description=(__doc__ or "").split("\n\n", 2)[-1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    c.add_argument("--input", required=True, type=Path, metavar="FILE",
                   help="JSONL or CSV file of calls ('-' reads JSONL from stdin).")
    c.add_argument("--format", choices=["auto", "jsonl", "csv"], default="auto",
                   help="Input format (default: from the file suffix).")
    c.add_argument("--column", action="append", default=[], metavar="FIELD=HEADER",
                   help="CSV: read FIELD (call_type, narrative, cad_priority, flags.NAME) "
                        "from column HEADER. Repeatable.")
    c.add_argument("--policy", type=Path, default=None, metavar="FILE",
                   help="Policy file (default: the repository's default policy).")
    c.add_argument("--summary", action="store_true",
                   help="Print counts per pathway and tag and the diversion share.")
    c.add_argument("--compare", type=Path, default=None, metavar="OTHER_POLICY",
                   help="Print what OTHER_POLICY would change relative to --policy.")
    c.add_argument("--json", action="store_true", help="Summary / comparison as JSON.")
    c.set_defaults(func=run)


# ---- input ----------------------------------------------------------------------------


def _parse_columns(specs: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for spec in specs:
        field, sep, header = spec.partition("=")
        field, header = field.strip(), header.strip()
        if not sep or not field or not header:
            raise InputError(f"--column {spec!r}: expected FIELD=HEADER")
        if field not in {"call_type", "narrative", "cad_priority"} and not (
            field.startswith("flags.") and len(field) > len("flags.")
        ):
            raise InputError(f"--column {spec!r}: unknown field {field!r} (call_type, "
                             "narrative, cad_priority or flags.NAME)")
        mapping[field] = header
    return mapping


def _facts(data: dict[str, Any], line: int) -> Record:
    try:
        return Record(line, call=CallFacts.model_validate(data), raw=data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(record)"
        return Record(line, error=f"{where}: {first['msg']}")


def _read_jsonl(fh: TextIO) -> Iterator[Record]:
    for n, text in enumerate(fh, start=1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            yield Record(n, error=f"invalid JSON: {err.msg} (column {err.colno})")
            continue
        if not isinstance(data, dict):
            yield Record(n, error=f"expected a JSON object, got {type(data).__name__}")
            continue
        yield _facts(data, n)


def _read_csv(fh: TextIO, columns: dict[str, str]) -> Iterator[Record]:
    reader = csv.DictReader(fh)
    headers = reader.fieldnames or []
    if not headers:
        return
    mapping = dict(columns)
    for field in ("call_type", "narrative", "cad_priority"):
        if field not in mapping and field in headers:
            mapping[field] = field
    missing = [h for h in mapping.values() if h not in headers]
    if missing:
        raise InputError(f"CSV has no column {missing[0]!r} (columns: {', '.join(headers)})")
    if not mapping:
        raise InputError("CSV: no column maps to a call field; use --column "
                         "call_type=HEADER and/or --column narrative=HEADER")
    for row in reader:
        n = reader.line_num
        data: dict[str, Any] = {}
        flags: dict[str, bool] = {}
        error = None
        for field, header in mapping.items():
            value = (row.get(header) or "").strip()
            if field.startswith("flags."):
                low = value.lower()
                if low in TRUE:
                    flags[field[len("flags."):]] = True
                elif low in FALSE:
                    flags[field[len("flags."):]] = False
                else:
                    error = f"{header}: {value!r} is not true/false"
            elif value:
                data[field] = value
        if error:
            yield Record(n, error=error)
            continue
        data["flags"] = flags
        yield _facts(data, n)


def read_records(path: Path, fmt: str, columns: dict[str, str]) -> list[Record]:
    if fmt == "auto":
        fmt = "csv" if path.suffix.lower() == ".csv" or columns else "jsonl"
    try:
        if str(path) == "-":
            return list(_read_jsonl(sys.stdin) if fmt == "jsonl" else _read_csv(sys.stdin,
                                                                                columns))
        with path.open(encoding="utf-8", newline="") as fh:
            return list(_read_jsonl(fh) if fmt == "jsonl" else _read_csv(fh, columns))
    except OSError as err:
        raise InputError(f"cannot read {path}: {err.strerror or err}") from err
    except UnicodeDecodeError as err:
        raise InputError(f"cannot read {path}: not UTF-8 text ({err.reason})") from err
    except csv.Error as err:
        raise InputError(f"cannot read {path} as CSV: {err}") from err


# ---- reports --------------------------------------------------------------------------


def summarize(decisions: list[Decision], errors: int) -> dict[str, Any]:
    pathways = Counter(d.pathway for d in decisions)
    tags = Counter(t for d in decisions for t in d.tags)
    units = Counter(u.value for d in decisions for u in d.units)
    diverted = sum(1 for d in decisions if UnitType.police not in d.units)
    return {
        "calls": len(decisions),
        "errors": errors,
        "diverted_from_police": diverted,
        "diverted_share": round(diverted / len(decisions), 4) if decisions else 0.0,
        "pathways": dict(pathways.most_common()),
        "tags": dict(tags.most_common()),
        "units": dict(units.most_common()),
    }


def _key(d: Decision) -> tuple[Any, ...]:
    return (d.pathway, tuple(d.units), d.priority, tuple(d.tags), tuple(d.safety_flags))


def compare(records: list[Record], current: list[Decision], other: list[Decision],
            a: Policy, b: Policy) -> dict[str, Any]:
    transitions: Counter[str] = Counter()
    examples: list[dict[str, Any]] = []
    changed = 0
    for rec, old, new in zip(records, current, other, strict=True):
        if _key(old) == _key(new):
            continue
        changed += 1
        transitions[f"{old.pathway} -> {new.pathway}"] += 1
        if len(examples) < EXAMPLES:
            assert rec.call is not None
            examples.append({
                "line": rec.line,
                "call_type": rec.call.call_type,
                "current": {"pathway": old.pathway, "units": [u.value for u in old.units],
                            "priority": old.priority},
                "other": {"pathway": new.pathway, "units": [u.value for u in new.units],
                          "priority": new.priority},
                "changes": explain_change(old, new),
            })
    diverted_a = sum(1 for d in current if UnitType.police not in d.units)
    diverted_b = sum(1 for d in other if UnitType.police not in d.units)
    return {
        "current_policy": f"{a.policy_id} v{a.version} ({a.hash[:12]})",
        "other_policy": f"{b.policy_id} v{b.version} ({b.hash[:12]})",
        "calls": len(current),
        "changed": changed,
        "diverted_current": diverted_a,
        "diverted_other": diverted_b,
        "transitions": dict(transitions.most_common()),
        "examples": examples,
    }


def _print_summary(s: dict[str, Any], out: TextIO) -> None:
    print(f"calls: {s['calls']}  (unreadable records: {s['errors']})", file=out)
    print(f"diverted from police: {s['diverted_from_police']} "
          f"({s['diverted_share']:.1%})", file=out)
    for title in ("pathways", "tags", "units"):
        print(f"{title}:", file=out)
        for name, n in s[title].items():
            print(f"  {name:<22} {n:>7}", file=out)


def _print_compare(c: dict[str, Any], out: TextIO) -> None:
    print(f"current: {c['current_policy']}", file=out)
    print(f"other:   {c['other_policy']}", file=out)
    print(f"decisions that differ: {c['changed']} of {c['calls']}", file=out)
    print(f"diverted from police: {c['diverted_current']} -> {c['diverted_other']}", file=out)
    if c["transitions"]:
        print("pathway transitions:", file=out)
        for name, n in c["transitions"].items():
            print(f"  {name:<44} {n:>6}", file=out)
    if c["examples"]:
        print("examples:", file=out)
        for ex in c["examples"]:
            cur, oth = ex["current"], ex["other"]
            print(f"  line {ex['line']} {ex['call_type']!r}: {cur['pathway']} "
                  f"{cur['units']} -> {oth['pathway']} {oth['units']}", file=out)
            for change in ex["changes"]:
                print(f"      {change}", file=out)


# ---- entry point ----------------------------------------------------------------------


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        policy = load_policy(args.policy)
        other = load_policy(args.compare) if args.compare is not None else None
        records = read_records(args.input, args.format, _parse_columns(args.column))
    except (PolicyError, InputError) as e:
        print(f"rightresponse triage classify: {e}", file=err)
        return 2
    for w in policy.warnings + (other.warnings if other else ()):
        print(f"warning: {w}", file=err)

    good = [r for r in records if r.call is not None]
    decisions = [classify(r.call, policy) for r in good if r.call is not None]
    errors = len(records) - len(good)
    if not args.summary and other is None:
        it = iter(decisions)
        for rec in records:
            if rec.call is None:
                out.write(json.dumps({"line": rec.line, "error": rec.error}) + "\n")
            else:
                body = next(it).model_dump(mode="json")
                out.write(json.dumps({"line": rec.line, **body}) + "\n")
        return 0
    if args.summary:
        summary = summarize(decisions, errors)
        if args.json:
            out.write(json.dumps({"summary": summary}) + "\n")
        else:
            _print_summary(summary, out)
    if other is not None:
        other_decisions = [classify(r.call, other) for r in good if r.call is not None]
        comparison = compare(good, decisions, other_decisions, policy, other)
        if args.json:
            out.write(json.dumps({"compare": comparison}) + "\n")
        else:
            _print_compare(comparison, out)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry (``python -m services.triage.cli classify ...``)."""
    parser = argparse.ArgumentParser(prog="rightresponse")
    add_subparsers(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["triage", *(argv if argv is not None else sys.argv[1:])])
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
