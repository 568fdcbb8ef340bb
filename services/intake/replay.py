"""``rightresponse replay FILE``: post historical calls to intake at a chosen pace.

Reads JSONL (one call per line) or CSV (one call per row; ``--column field=HEADER`` maps a
header onto a field of the native call, dotted for nested ones: ``location.lat=Latitude``).
Pace: ``--rate N`` calls a second, or ``--speed X`` times real time from the gaps between
``received_at`` values. A progress bar goes to stderr, the summary to stdout: sent,
accepted (202), duplicates (200), rejected (grouped by reason). 429, 503 and 504 (a call
Kafka has not acknowledged yet) are retried after their Retry-After. Narratives are never
printed: reasons name fields, not values.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

import httpx

DEFAULT_URL = "http://127.0.0.1:8001"
FLOAT_FIELDS = frozenset({"location.lat", "location.lon"})
TRUE = frozenset({"1", "true", "t", "yes", "y"})
FALSE = frozenset({"0", "false", "f", "no", "n"})


# --- rows → calls (pure) ------------------------------------------------------------


def parse_mapping(specs: Sequence[str]) -> dict[str, str]:
    """``["field=HEADER", ...]`` → {field: header}; ValueError names a bad one."""
    mapping: dict[str, str] = {}
    for spec in specs:
        name, sep, header = spec.partition("=")
        if not sep or not name.strip() or not header:
            raise ValueError(f"--column wants FIELD=HEADER, got {spec!r}")
        mapping[name.strip()] = header
    return mapping


def _convert(name: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if name in FLOAT_FIELDS:
        try:
            return float(value)
        except ValueError:
            return value  # intake names the field
    if name.startswith("flags."):
        low = value.strip().lower()
        if low in TRUE:
            return True
        if low in FALSE:
            return False
    return value


def _set(target: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, leaf = dotted.split(".")
    for part in parents:
        nested = target.setdefault(part, {})
        if not isinstance(nested, dict):
            return
        target = nested
    target[leaf] = value


def row_to_call(row: dict[str, Any], mapping: dict[str, str] | None = None) -> dict[str, Any]:
    """One row → the body to post. Without a mapping, keys are (dotted) field names."""
    pairs = ([(name, row.get(header)) for name, header in mapping.items()] if mapping
             else list(row.items()))
    call: dict[str, Any] = {}
    for name, value in pairs:
        if value is None or (isinstance(value, str) and not value.strip()):
            continue  # an empty cell is a field left out
        _set(call, name, _convert(name, value.strip() if isinstance(value, str) else value))
    return call


@dataclass
class Row:
    number: int
    call: dict[str, Any] | None
    error: str | None = None


def read_rows(path: Path, fmt: str, mapping: dict[str, str] | None) -> Iterator[Row]:
    with path.open(newline="", encoding="utf-8") as handle:
        if fmt == "csv":
            for number, record in enumerate(csv.DictReader(handle), start=2):
                yield Row(number, row_to_call(record, mapping))
            return
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError:
                yield Row(number, None, "unreadable row: not JSON")
                continue
            if not isinstance(data, dict):
                yield Row(number, None, "unreadable row: not a JSON object")
                continue
            yield Row(number, row_to_call(data, mapping) if mapping else data)


def _received_at(call: dict[str, Any] | None) -> float | None:
    value = (call or {}).get("received_at")
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def schedule(calls: Sequence[dict[str, Any] | None], *, rate: float | None = None,
             speed: float | None = None) -> list[float]:
    """Seconds after the start at which each call is sent.

    ``rate``: evenly spaced. ``speed``: the gaps between received_at values divided by
    ``speed`` (a call without a readable time, or earlier than the one before, goes with
    the one before). Neither: as fast as possible.
    """
    if rate is not None and rate > 0:
        return [i / rate for i in range(len(calls))]
    if speed is None or speed <= 0:
        return [0.0] * len(calls)
    offsets: list[float] = []
    first: float | None = None
    last = 0.0
    for call in calls:
        at = _received_at(call)
        if at is not None and first is None:
            first = at
        if at is not None and first is not None:
            last = max(last, (at - first) / speed)
        offsets.append(last)
    return offsets


# --- results ------------------------------------------------------------------------


@dataclass
class Summary:
    sent: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: Counter[str] = field(default_factory=Counter)

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    @property
    def done(self) -> int:
        return self.accepted + self.duplicates + self.rejected_total

    def record(self, status: int | None, problem: dict[str, Any] | None = None,
               reason: str | None = None) -> None:
        if status == 202:
            self.accepted += 1
        elif status == 200:
            self.duplicates += 1
        else:
            self.rejected[reason or problem_reason(status, problem)] += 1

    def render(self) -> str:
        lines = [f"replay: sent {self.sent}, accepted {self.accepted}, "
                 f"duplicates {self.duplicates}, rejected {self.rejected_total}"]
        if self.rejected:
            lines.append("rejected by reason:")
            lines += [f"  {n:>6}  {why}" for why, n in self.rejected.most_common()]
        return "\n".join(lines)


def problem_reason(status: int | None, problem: dict[str, Any] | None) -> str:
    """A reason fit for grouping: status, title and the fields named (never values)."""
    problem = problem or {}
    title = str(problem.get("title") or "error")
    fields = sorted({str(e.get("field")) for e in problem.get("errors", [])
                     if isinstance(e, dict) and e.get("field")})
    if not fields and problem.get("field"):
        fields = [str(problem["field"])]
    where = f": {', '.join(fields)}" if fields else ""
    return f"{status} {title}{where}"


class Progress:
    """A text progress bar on stderr, redrawn at most ten times a second."""

    def __init__(self, total: int, stream: TextIO = sys.stderr, width: int = 30) -> None:
        self.total, self.stream, self.width = total, stream, width
        self._drawn = 0.0

    def update(self, summary: Summary, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._drawn < 0.1:
            return
        self._drawn = now
        done = summary.done
        filled = int(self.width * done / self.total) if self.total else self.width
        pct = 100 * done // self.total if self.total else 100
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{self.total} {pct:>3}% "
            f"accepted {summary.accepted} dup {summary.duplicates} "
            f"rejected {summary.rejected_total}")
        if force:
            self.stream.write("\n")
        self.stream.flush()


# --- sending ------------------------------------------------------------------------


def _backoff_s(attempt: int) -> float:
    return min(0.2 * 2 ** attempt, 5.0)


def _retry_after(response: httpx.Response, attempt: int) -> float:
    try:
        return min(float(response.headers.get("retry-after", "")), 10.0)
    except ValueError:
        return _backoff_s(attempt)


async def send_call(
    client: httpx.AsyncClient, endpoint: str, call: dict[str, Any], retries: int,
    retried: Counter[str] | None = None,
) -> tuple[int | None, dict[str, Any] | None, str | None]:
    """Post one call as a CAD should: the same call again on no answer, 429, 503 or 504
    (pending: the same post resolves it).

    Intake recognises a resent call (200), so a retry after an answer lost on the wire
    never makes a second call. Returns (status, JSON body: the call or the problem,
    connection error); ``retried`` counts each retry by its reason.
    """
    attempt = 0
    while True:
        try:
            response = await client.post(endpoint, json=call)
        except httpx.HTTPError as err:
            if attempt >= retries:
                return None, None, f"connection error: {type(err).__name__}"
            if retried is not None:
                retried[f"connection error: {type(err).__name__}"] += 1
            await asyncio.sleep(_backoff_s(attempt))
            attempt += 1
            continue
        try:
            parsed = response.json()
        except ValueError:
            parsed = None
        body = parsed if isinstance(parsed, dict) else None
        if response.status_code in (429, 503, 504) and attempt < retries:
            if retried is not None:
                retried[problem_reason(response.status_code, body)] += 1
            await asyncio.sleep(_retry_after(response, attempt))
            attempt += 1
            continue
        return response.status_code, body, None


def _token(args: argparse.Namespace) -> str:
    if args.token:
        return str(args.token)
    path: Path = args.credentials or Path(".run/credentials.json")
    try:
        credentials = json.loads(path.read_text())
    except (OSError, ValueError) as err:
        raise SystemExit(f"replay: cannot read credentials from {path}: "
                         f"{type(err).__name__}") from err
    token = credentials.get(args.role)
    if not isinstance(token, str):
        raise SystemExit(f"replay: no {args.role!r} token in {path}")
    return token


async def replay(args: argparse.Namespace, *,
                 transport: httpx.AsyncBaseTransport | None = None,
                 progress_stream: TextIO | None = None) -> Summary:
    """Post every row of ``args.file``; returns the summary (also printed)."""
    path: Path = args.file
    fmt = args.format or ("csv" if path.suffix.lower() == ".csv" else "jsonl")
    mapping = parse_mapping(args.column) if args.column else None
    rows = list(read_rows(path, fmt, mapping))
    if args.limit is not None:
        rows = rows[: args.limit]
    offsets = schedule([r.call for r in rows], rate=args.rate, speed=args.speed)
    summary = Summary()
    progress = Progress(len(rows), progress_stream or sys.stderr)
    gate = asyncio.Semaphore(max(1, args.concurrency))
    headers = {"Authorization": f"Bearer {_token(args)}"}

    async with httpx.AsyncClient(base_url=args.url, headers=headers, transport=transport,
                                 timeout=httpx.Timeout(30.0)) as client:

        async def one(row: Row) -> None:
            async with gate:
                if row.call is None:
                    summary.record(None, reason=row.error)
                else:
                    summary.record(*await send_call(client, args.endpoint, row.call,
                                                    args.retries))
            progress.update(summary)

        start = time.monotonic()
        tasks = []
        for row, offset in zip(rows, offsets, strict=True):
            delay = start + offset - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            summary.sent += 1
            tasks.append(asyncio.create_task(one(row)))
        await asyncio.gather(*tasks)
    progress.update(summary, force=True)
    print(summary.render())
    return summary


def main(args: argparse.Namespace) -> int:
    try:
        summary = asyncio.run(replay(args))
    except ValueError as err:
        print(f"replay: {err}", file=sys.stderr)
        return 2
    return 1 if summary.rejected_total else 0


def add_subparsers(subparsers: Any) -> None:
    """Add ``replay`` to the ``rightresponse`` command."""
    p = subparsers.add_parser(
        "replay", help="post historical calls (JSONL or CSV) to intake at a chosen pace",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", type=Path, help="a .jsonl or .csv file of calls")
    p.add_argument("--format", choices=["jsonl", "csv"], default=None,
                   help="file format (default: from the extension)")
    p.add_argument("--column", action="append", default=[], metavar="FIELD=HEADER",
                   help="map a CSV header (or JSONL key) onto a call field; repeatable, "
                   "e.g. --column cad_incident_id='Incident No' --column location.lat=Lat")
    p.add_argument("--url", default=DEFAULT_URL, help=f"intake base URL ({DEFAULT_URL})")
    auth = p.add_mutually_exclusive_group()
    auth.add_argument("--token", help="API key (cad or admin)")
    auth.add_argument("--credentials", type=Path,
                      help="credentials file written by `make run` (.run/credentials.json)")
    p.add_argument("--role", default="cad", help="which token of the credentials file")
    pace = p.add_mutually_exclusive_group()
    pace.add_argument("--rate", type=float, help="calls a second")
    pace.add_argument("--speed", type=float,
                      help="times real time, from the gaps between received_at values")
    p.add_argument("--concurrency", type=int, default=32, help="requests in flight at most")
    p.add_argument("--retries", type=int, default=5, help="retries on 429, 503, 504, no answer")
    p.add_argument("--endpoint", default="/v1/calls", help="path to post to")
    p.add_argument("--limit", type=int, default=None, help="post only the first N rows")
    p.set_defaults(func=main)
