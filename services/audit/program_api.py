"""The program figures' routes: the public figures and district outlines (no login) and
the auditors' export of the daily rollups behind them."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from services.audit.api import PROBLEM, _csv_cell
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
from services.audit.rollups import read_rollups
from services.audit.settings import AuditSettings
from shared.events import utcnow

public_program_router = APIRouter(tags=["public"], dependencies=[Depends(reject_unknown_params)],
                                  responses={400: PROBLEM, 422: PROBLEM})
auditor_program_router = APIRouter(prefix="/v1", tags=["audit"],
                                   dependencies=[Depends(reject_unknown_params)],
                                   responses={400: PROBLEM, 401: PROBLEM, 403: PROBLEM,
                                              422: PROBLEM})


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


@public_program_router.get("/v1/public/metrics", response_model=PublicFigures)
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


@public_program_router.get("/v1/public/districts")
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


@auditor_program_router.get("/audit/program/export", responses={200: {"content": {
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
