"""Dependency aliases for assignment's routes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from services.assignment.dispatcher import Dispatcher
from services.assignment.reports import StatusReports
from shared.auth import (
    RESPONDER_COOKIE,
    Principal,
    Role,
    require,
    require_crew,
)

SESSION_COOKIE = RESPONDER_COOKIE


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as session:
        yield session


async def get_dispatcher(request: Request) -> Dispatcher:
    # async: FastAPI runs a plain function dependency in a worker thread.
    dispatcher: Dispatcher = request.app.state.dispatcher
    return dispatcher


async def get_status_reports(request: Request) -> StatusReports:
    reports: StatusReports = request.app.state.status_reports
    return reports


SessionDep = Annotated[Session, Depends(get_session)]
DispatcherDep = Annotated[Dispatcher, Depends(get_dispatcher)]
StatusReportsDep = Annotated[StatusReports, Depends(get_status_reports)]
# A responder crew, by key or by the responder page's session.
CrewDep = Annotated[Principal, Depends(require_crew(Role.responder))]
UnitCrewDep = Annotated[Principal, Depends(require_crew(Role.admin, Role.responder,
                                                        own_unit=True))]
AdminDep = Annotated[Principal, Depends(require(Role.admin))]
AdminOrAuditorDep = Annotated[Principal, Depends(require(Role.admin, Role.auditor))]
