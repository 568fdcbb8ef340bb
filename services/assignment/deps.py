"""Dependency aliases for assignment's routes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from services.assignment.dispatcher import Dispatcher
from services.assignment.sessions import ResponderSessions
from shared.auth import (
    Principal,
    Role,
    require,
    require_crew,
    require_floor,
)


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as session:
        yield session


async def get_dispatcher(request: Request) -> Dispatcher:
    # async: FastAPI runs a plain function dependency in a worker thread.
    dispatcher: Dispatcher = request.app.state.dispatcher
    return dispatcher


async def get_responder_sessions(request: Request) -> ResponderSessions:
    sessions: ResponderSessions = request.app.state.responder_sessions
    return sessions


SessionDep = Annotated[Session, Depends(get_session)]
DispatcherDep = Annotated[Dispatcher, Depends(get_dispatcher)]
ResponderSessionsDep = Annotated[ResponderSessions, Depends(get_responder_sessions)]
# A unit's own crew (by key or by the responder page's session), or an admin.
UNIT_CREW = require_crew(Role.admin, Role.responder, own_unit=True)
UnitCrewDep = Annotated[Principal, Depends(UNIT_CREW)]
# The unit's own crew only: the page's own session.
OwnCrewDep = Annotated[Principal, Depends(require_crew(Role.responder, own_unit=True))]
AdminDep = Annotated[Principal, Depends(require(Role.admin))]
AdminOrAuditorDep = Annotated[Principal, Depends(require(Role.admin, Role.auditor))]
# The 911 floor: who reads a call's decision, and who may act on it (each action's own
# roles are checked by services/assignment/floor.py).
# A dispatcher's or clinician's key, or the console's session made with one, passes.
DecisionReadersDep = Annotated[Principal, Depends(require_floor(
    Role.cad, Role.dispatcher, Role.clinician, Role.auditor, Role.admin))]
FloorDep = Annotated[Principal, Depends(require_floor(Role.cad, Role.dispatcher,
                                                      Role.clinician))]
# The console's own session: people on the floor only.
FloorPeopleDep = Annotated[Principal, Depends(require_floor(Role.dispatcher, Role.clinician))]


async def get_console_sessions(request: Request) -> ResponderSessions:
    sessions: ResponderSessions = request.app.state.console_sessions_store
    return sessions


ConsoleSessionsDep = Annotated[ResponderSessions, Depends(get_console_sessions)]
