"""Dependency aliases for audit's routes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Header, HTTPException, Query, Request
from sqlalchemy import Connection, Engine

from services.audit.public_cache import PublicMetricsCache
from services.audit.settings import AuditSettings
from services.audit.store import access_entry, append_entries
from shared.auth import Principal, Role, require


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def get_conn(request: Request) -> Iterator[Connection]:
    with get_engine(request).connect() as conn:
        yield conn


def get_public_metrics(request: Request) -> PublicMetricsCache[dict[str, Any]]:
    cache: PublicMetricsCache[dict[str, Any]] = request.app.state.public_metrics
    return cache


def get_settings(request: Request) -> AuditSettings:
    settings: AuditSettings = request.app.state.settings
    return settings


def reject_unknown_params(request: Request) -> None:
    """A query parameter the route does not declare is a mistake the caller must hear of."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    allowed: set[str] = set()
    stack = [dependant]
    while stack:
        current = stack.pop()
        allowed.update(p.alias for p in current.query_params)
        stack.extend(current.dependencies)
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise HTTPException(400, "Unknown query parameters: " + ", ".join(unknown)
                            + (f"; allowed: {', '.join(sorted(allowed))}" if allowed else ""))


@dataclass(frozen=True)
class Access:
    """The recorded access of the current request; ``reveal`` when a reason was given."""

    principal: Principal
    reveal: bool
    reason: str | None


def record_access(
    request: Request,
    principal: Annotated[Principal, Depends(require(Role.auditor, Role.admin))],
    engine: Annotated[Engine, Depends(get_engine)],
    settings: Annotated[AuditSettings, Depends(get_settings)],
    reason: Annotated[str | None, Query(
        max_length=500, description="Why you need narratives and caller details; "
        "given, they are shown and the access is recorded with it.")] = None,
    x_access_reason: Annotated[str | None, Header(max_length=500)] = None,
) -> Access:
    """Record who called what (and why) in the chain before answering."""
    given = (reason or x_access_reason or "").strip() or None
    if given is not None and len(given) < settings.reason_min_length:
        raise HTTPException(422, f"A reason must be at least "
                            f"{settings.reason_min_length} characters")
    query = {k: v for k, v in request.query_params.items() if k != "reason"}
    append_entries(engine, [access_entry({
        "key_id": principal.key_id, "role": principal.role.value,
        "method": request.method, "path": request.url.path, "query": query,
        "reason": given, "revealed": given is not None,
    })], signing_key=request.app.state.signing_key,
        checkpoint_every=settings.checkpoint_every, anchor=request.app.state.anchor)
    return Access(principal=principal, reveal=given is not None, reason=given)


ConnDep = Annotated[Connection, Depends(get_conn)]
EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[AuditSettings, Depends(get_settings)]
PublicMetricsDep = Annotated[PublicMetricsCache[dict[str, Any]], Depends(get_public_metrics)]
AccessDep = Annotated[Access, Depends(record_access)]
