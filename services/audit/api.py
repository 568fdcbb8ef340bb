"""Audit's routes: the auditor API, the public metrics and the transparency dashboard."""

from __future__ import annotations

import base64
import binascii
import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path as FsPath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import FileResponse, Response, StreamingResponse
from pydantic import BaseModel, Field

from services.audit.chain import public_key_b64
from services.audit.deps import (
    AccessDep,
    ConnDep,
    EngineDep,
    PublicMetricsDep,
    SettingsDep,
    reject_unknown_params,
)
from services.audit.disclosure import percentile
from services.audit.districts import outlines
from services.audit.program import RangeRefused, WeekRange, parse_day, program_figures, week_range
from services.audit.public_cache import PublicMetricsBusy
from services.audit.queries import (
    DecisionFilters,
    call_timeline,
    iter_decisions,
    search_decisions,
    to_public,
)
from services.audit.rollups import read_rollups
from services.audit.settings import AuditSettings
from services.audit.signing import load_pinned_public_key
from services.audit.tables import AuditDecisionPublic, AuditEntryPublic
from services.audit.verification import verify_service_store
from shared.events import UnitType, utcnow
from shared.field_contracts import Outcome

PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
STATIC = FsPath(__file__).parent / "static"
MAX_LIMIT = 500

router = APIRouter(prefix="/v1", tags=["audit"], dependencies=[Depends(reject_unknown_params)],
                   responses={400: PROBLEM, 401: PROBLEM, 403: PROBLEM, 422: PROBLEM})
public_router = APIRouter(tags=["public"], dependencies=[Depends(reject_unknown_params)],
                          responses={400: PROBLEM, 422: PROBLEM})


class TimelineEntry(AuditEntryPublic):
    fallback: bool | None = None


class Timeline(BaseModel):
    call_id: str
    revealed: bool
    events: list[TimelineEntry]


@router.get("/calls/{call_id}/timeline", response_model=Timeline, responses={404: PROBLEM})
def get_timeline(
    conn: ConnDep, access: AccessDep,
    call_id: str = Path(max_length=64, pattern=r"^[A-Za-z0-9-]+$"),
) -> Timeline:
    """Every recorded event of one call, in the order it happened."""
    rows = call_timeline(conn, call_id)
    if not rows:
        raise HTTPException(404, f"No events recorded for call {call_id}")
    events = [TimelineEntry(**to_public(r, access.reveal).model_dump(), fallback=r["fallback"])
              for r in rows]
    return Timeline(call_id=call_id, revealed=access.reveal, events=events)


def _utc(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


class DecisionKind(StrEnum):
    received = "received"
    updated = "updated"
    cancelled = "cancelled"
    triaged = "triaged"
    assigned = "assigned"
    queued = "queued"
    floor_prompted = "floor_prompted"
    confirmed = "confirmed"
    overridden = "overridden"
    phone_resolved = "phone_resolved"
    transferred = "transferred"
    held = "held"
    police_now = "police_now"
    floor_timed_out = "floor_timed_out"
    backup_requested = "backup_requested"
    cleared = "cleared"
    en_route = "en_route"
    on_scene = "on_scene"


Text = Annotated[str | None, Query(min_length=1, max_length=200)]


def decision_filters(
    occurred_from: Annotated[datetime | None, Query(alias="from")] = None,
    occurred_to: Annotated[datetime | None, Query(alias="to")] = None,
    kind: DecisionKind | None = None,
    tag: Text = None,
    pathway: Text = None,
    unit_type: UnitType | None = None,
    district: Text = None,
    rule_id: Text = None,
    policy_version: Text = None,
    fallback: bool | None = None,
    call_id: Annotated[str | None, Query(max_length=64, pattern=r"^[A-Za-z0-9-]+$")] = None,
    reason_code: Annotated[str | None, Query(
        max_length=64, pattern=r"^[a-z0-9_]+$",
        description="A floor action's or backup request's reason code (with kind: "
                    "confirmed, overridden, backup_requested, ...)."
    )] = None,
    outcome: Annotated[Outcome | None, Query(
        description="A clearing's coded outcome (kind cleared).")] = None,
) -> DecisionFilters:
    start, end = _utc(occurred_from), _utc(occurred_to)
    if start and end and start > end:
        raise HTTPException(422, "'from' must not be after 'to'")
    return DecisionFilters(
        occurred_from=start, occurred_to=end, kind=kind.value if kind else None, tag=tag,
        pathway=pathway, unit_type=unit_type.value if unit_type else None, district=district,
        rule_id=rule_id, policy_version=policy_version, fallback=fallback, call_id=call_id,
        reason_code=reason_code, outcome=outcome.value if outcome else None)


FiltersDep = Annotated[DecisionFilters, Depends(decision_filters)]


def encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"v": 1, "after": seq}).encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        after = data["after"]
        if data.get("v") != 1 or not isinstance(after, int) or isinstance(after, bool) \
                or after < 0:
            raise ValueError
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError) as err:
        raise HTTPException(400, "Malformed cursor: pass back next_cursor unchanged") from err
    return after


class DecisionPage(BaseModel):
    items: list[AuditDecisionPublic]
    next_cursor: str | None
    revealed: bool


@router.get("/audit/decisions", response_model=DecisionPage)
def list_decisions(
    conn: ConnDep, access: AccessDep, filters: FiltersDep,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> DecisionPage:
    """Routing decisions matching the filters, oldest first, a page at a time."""
    after = decode_cursor(cursor) if cursor else 0
    items, nxt = search_decisions(conn, filters, after_seq=after, limit=limit,
                                  reveal=access.reveal)
    return DecisionPage(items=items, next_cursor=encode_cursor(nxt) if nxt else None,
                        revealed=access.reveal)


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"


CSV_COLUMNS = ("seq", "event_id", "event_type", "kind", "call_id", "occurred_at", "pathway",
               "policy_version", "district", "unit_type", "unit_id", "priority", "police",
               "fallback", "tags", "rule_ids", "units", "reason_code", "outcome")


def _csv_cell(value: Any) -> str:
    text = ";".join(value) if isinstance(value, list) else "" if value is None else str(value)
    # A cell starting with these is a formula to a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_lines(items: Iterator[AuditDecisionPublic]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for item in items:
        data = item.model_dump()
        writer.writerow([_csv_cell(data[c]) for c in CSV_COLUMNS])
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    yield buf.getvalue()


@router.get("/audit/decisions/export", responses={200: {"content": {
    "text/csv": {}, "application/x-ndjson": {}}}})
def export_decisions(
    request: Request, access: AccessDep, filters: FiltersDep,
    format: ExportFormat = ExportFormat.jsonl,
) -> StreamingResponse:
    """Every decision matching the filters as CSV (no payloads) or JSONL (with them)."""
    engine = request.app.state.engine

    def rows() -> Iterator[str]:
        with engine.connect() as conn:
            items = iter_decisions(conn, filters, reveal=access.reveal)
            if format is ExportFormat.csv:
                yield from _csv_lines(items)
            else:
                for item in items:
                    yield item.model_dump_json() + "\n"

    media = "text/csv" if format is ExportFormat.csv else "application/x-ndjson"
    name = f"decisions.{format.value}"
    return StreamingResponse(rows(), media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})


class Verification(BaseModel):
    ok: bool
    entries: int
    checkpoints: int
    head_seq: int
    head_hash: str
    first_bad_seq: int | None
    first_bad_event_id: str | None
    reason: str | None
    public_key: str


@router.get("/audit/verify", response_model=Verification)
def verify(request: Request, access: AccessDep, settings: SettingsDep) -> Verification:
    """Check the hash chain, its signed checkpoints (database and anchor directory) with
    the pinned public key, the freshness of its head and the decision index; names the
    first bad entry."""
    result = verify_service_store(request.app.state.engine, settings)
    pinned = load_pinned_public_key(settings.public_key_path())
    return Verification(**result.as_dict(),
                        public_key=public_key_b64(pinned) if pinned is not None else "")


class PublicFigures(BaseModel):
    generated_at: datetime
    time_zone: str
    range_from: date = Field(description="The first local day covered (a Monday).")
    range_to: date = Field(description="The last local day covered (a Sunday).")
    snapped: bool = Field(description="True when the range asked for was widened to whole "
                          "weeks or cut at the last settled week.")
    min_count: int
    weeks: list[dict[str, Any]]
    summary: dict[str, Any]
    response_families: dict[str, str]


def _range_or_problem(start: str | None, end: str | None, settings: AuditSettings) -> WeekRange:
    today = utcnow().astimezone(settings.zone()).date()
    try:
        return week_range(start, end, today, max_weeks=settings.public_max_weeks,
                          settle_days=settings.public_settle_days,
                          open_week=settings.public_include_open_week)
    except RangeRefused as err:
        raise HTTPException(422, str(err)) from None

@public_router.get("/v1/public/metrics", response_model=PublicFigures)
def public_metrics(
    engine: EngineDep, settings: SettingsDep, cache: PublicMetricsDep,
    day_from: Annotated[str | None, Query(alias="from", max_length=32,
                                          description="First local day, YYYY-MM-DD.")] = None,
    day_to: Annotated[str | None, Query(alias="to", max_length=32,
                                        description="Last local day, YYYY-MM-DD.")] = None,
) -> PublicFigures:
    """The program figures, by whole local weeks of the daily rollups; small groups are
    neither counted nor named (docs/PROGRAM_EVALUATION.md)."""
    weeks = _range_or_problem(day_from, day_to, settings)

    def compute() -> dict[str, Any]:
        with engine.connect() as conn:
            rows = read_rollups(conn, weeks.first, weeks.last)
        return {"generated_at": utcnow(),
                **program_figures(rows, weeks, settings.min_public_count)}

    try:
        data = cache.get((weeks.first, weeks.last), compute)
    except PublicMetricsBusy:
        raise HTTPException(503, "Public metrics are being computed for another request; "
                            "retry shortly.", headers={"Retry-After": "5"}) from None
    return PublicFigures(time_zone=settings.agency_timezone, range_from=weeks.first,
                         range_to=weeks.last, snapped=weeks.snapped,
                         min_count=settings.min_public_count, **data)


@public_router.get("/v1/public/districts")
def public_districts(request: Request) -> dict[str, Any]:
    """The agency's district outlines (GeoJSON, names only) that the dashboard's map draws."""
    return outlines(request.app.state.districts)


class ProgramExportFormat(StrEnum):
    csv = "csv"
    json = "json"


EXPORT_COLUMNS = ("day", "figure", "key", "count", "p50_s", "p90_s")


def _export_row(row: dict[str, Any]) -> dict[str, Any]:
    values = json.loads(row["values_json"]) if row["values_json"] else None
    return {"day": row["day"], "figure": row["figure"], "key": row["key"],
            "count": row["count"],
            "p50_s": percentile(values, 50) if values else None,
            "p90_s": percentile(values, 90) if values else None}


@router.get("/audit/program/export", responses={200: {"content": {
    "text/csv": {}, "application/json": {}}}})
def export_program(
    conn: ConnDep, access: AccessDep, settings: SettingsDep,
    day_from: Annotated[str, Query(alias="from", max_length=32,
                                   description="First local day, YYYY-MM-DD.")],
    day_to: Annotated[str, Query(alias="to", max_length=32,
                                 description="Last local day, YYYY-MM-DD.")],
    format: ProgramExportFormat = ProgramExportFormat.json,
) -> Response:
    """The daily rollups behind the public figures, unsuppressed (aggregates only, no call
    is named): each local day's count per figure and key, and the median and 90th
    percentile of the intervals; definitions in docs/PROGRAM_EVALUATION.md."""
    try:
        first, last = parse_day(day_from, "from"), parse_day(day_to, "to")
    except RangeRefused as err:
        raise HTTPException(422, str(err)) from None
    if first > last or (last - first).days >= 7 * settings.public_max_weeks:
        raise HTTPException(422, f"'from' must not be after 'to', and a range may cover at "
                            f"most {settings.public_max_weeks} weeks")
    rows = [_export_row(r) for r in sorted(read_rollups(conn, first, last),
                                           key=lambda r: (r["day"], r["figure"], r["key"]))]
    if format is ProgramExportFormat.csv:
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(EXPORT_COLUMNS)
        for row in rows:
            writer.writerow([_csv_cell(row[c]) for c in EXPORT_COLUMNS])
        return Response(buf.getvalue(), media_type="text/csv", headers={
            "Content-Disposition": 'attachment; filename="program.csv"'})
    body = {"time_zone": settings.agency_timezone, "from": first.isoformat(),
            "to": last.isoformat(), "definitions": "docs/PROGRAM_EVALUATION.md", "rows": rows}
    return Response(json.dumps(body), media_type="application/json")


ASSETS = {"dashboard.js": "text/javascript", "dashboard.css": "text/css"}


@public_router.get("/dashboard", include_in_schema=False)
def dashboard(
    day_from: Annotated[str | None, Query(alias="from", max_length=32)] = None,
    day_to: Annotated[str | None, Query(alias="to", max_length=32)] = None,
) -> FileResponse:
    """The public transparency dashboard (no login; aggregates only). A link may name
    the range it opens on; the page passes it to the public figures."""
    return FileResponse(STATIC / "dashboard.html", media_type="text/html")


@public_router.get("/dashboard/assets/{name}", include_in_schema=False)
def dashboard_asset(name: str) -> FileResponse:
    """The dashboard's bundled script and style (no CDN)."""
    if name not in ASSETS:
        raise HTTPException(404, "No such asset")
    return FileResponse(STATIC / name, media_type=ASSETS[name])
