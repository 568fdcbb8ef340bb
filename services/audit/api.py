"""Audit's routes: the auditor API and the transparency dashboard's page (its figures and
the auditors' export of them are :mod:`services.audit.program_api`'s)."""

from __future__ import annotations

import base64
import binascii
import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path as FsPath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import FileResponse, StreamingResponse
from pydantic import BaseModel

from services.audit.chain import public_key_b64
from services.audit.deps import (
    AccessDep,
    ConnDep,
    SettingsDep,
    reject_unknown_params,
)
from services.audit.queries import (
    DecisionFilters,
    call_timeline,
    iter_decisions,
    search_decisions,
    to_public,
)
from services.audit.signing import load_pinned_public_key
from services.audit.tables import AuditDecisionPublic, AuditEntryPublic
from services.audit.verification import verify_service_store
from shared.events import UnitType
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
