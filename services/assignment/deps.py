"""Dependency aliases for assignment's routes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlmodel import Session

from services.assignment.dispatcher import Dispatcher
from shared.auth import Principal, Role, get_key_store

SESSION_COOKIE = "rr_responder"


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as session:
        yield session


def get_dispatcher(request: Request) -> Dispatcher:
    dispatcher: Dispatcher = request.app.state.dispatcher
    return dispatcher


def crew_principal(request: Request) -> Principal:
    """The caller by bearer token, or by the responder page's cookie (EventSource cannot
    set headers); never by a token in the URL, which would end up in logs."""
    header = request.headers.get("authorization", "")
    token = None
    if header[:7].lower() == "bearer ":
        token = header[7:].strip()
    elif request.cookies.get(SESSION_COOKIE):
        token = request.cookies[SESSION_COOKIE]
    if not token:
        raise HTTPException(401, "Missing bearer token or responder session",
                            headers={"WWW-Authenticate": "Bearer"})
    principal = get_key_store(request).authenticate(token)
    if principal is None:
        raise HTTPException(401, "Invalid or revoked API key",
                            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
    return principal


def unit_principal(unit_id: str, principal: Annotated[Principal, Depends(crew_principal)]
                   ) -> Principal:
    """Only the unit's own crew (or an admin) may act for a unit."""
    if principal.role == Role.admin:
        return principal
    if principal.role == Role.responder and principal.unit_id == unit_id:
        return principal
    raise HTTPException(403, "Only this unit's own crew or an admin may do this")


def admin_principal(principal: Annotated[Principal, Depends(crew_principal)]) -> Principal:
    """Admins only (403 for the others)."""
    if principal.role != Role.admin:
        raise HTTPException(403, f"Role {principal.role.value} may not do this; needs admin")
    return principal


def reader_principal(principal: Annotated[Principal, Depends(crew_principal)]) -> Principal:
    """Admins and auditors (403 for the others)."""
    if principal.role not in (Role.admin, Role.auditor):
        raise HTTPException(403, f"Role {principal.role.value} may not do this; needs one "
                                 "of: admin, auditor")
    return principal


SessionDep = Annotated[Session, Depends(get_session)]
DispatcherDep = Annotated[Dispatcher, Depends(get_dispatcher)]
CrewDep = Annotated[Principal, Depends(crew_principal)]
UnitCrewDep = Annotated[Principal, Depends(unit_principal)]
AdminDep = Annotated[Principal, Depends(admin_principal)]
AdminOrAuditorDep = Annotated[Principal, Depends(reader_principal)]
