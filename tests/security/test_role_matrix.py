"""Role by endpoint over every service: authentication everywhere but the public routes,
and each role limited to what it needs. Routes are read from the apps themselves, so a
new endpoint without a role check fails here until someone decides who may call it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import iter_route_contexts

from shared.auth import Role, RoleRequirement
from shared.settings import ServiceSettings
from tests.conftest import bearer

pytestmark = pytest.mark.kafka

# Routes anyone may call, reviewed one by one. Anything else must name its roles.
PUBLIC_ROUTES: dict[str, set[str]] = {
    "intake": set(),
    "triage": set(),
    # The responder page itself, and signing in to it (the key is in the body). Signing
    # out is the unit's own crew's (DELETE /v1/units/{unit_id}/session). The same for the
    # 911 floor's console (signing out: DELETE /v1/floor/session).
    "assignment": {"/responder", "/responder/session", "/console", "/console/session"},
    # The public transparency dashboard, its bundled assets, its aggregates, the district
    # outlines its map draws, and the archive of policy versions.
    "audit": {"/dashboard", "/dashboard/assets/{name}", "/v1/public/metrics",
              "/v1/public/districts",
              "/policies", "/policies/assets/{name}", "/v1/public/policies",
              "/v1/public/policies/{policy_hash}", "/v1/public/policies/{policy_hash}/diff",
              "/v1/public/policies/{policy_hash}/reader"},
}
ALWAYS_PUBLIC = {"/healthz", "/readyz", "/docs", "/docs/oauth2-redirect", "/redoc",
                 "/openapi.json"}

# Who must never reach what, whatever the code says today.
NEVER: dict[str, set[Role]] = {
    "POST /v1/calls": {Role.responder, Role.auditor, Role.public, Role.dispatcher,
                       Role.clinician},
    "GET /v1/calls/{call_id}/timeline": {Role.cad, Role.responder, Role.public},
    # The 911 floor's decisions: people on the floor and the CAD that relays them.
    "POST /v1/calls/{call_id}/actions": {Role.responder, Role.auditor, Role.public},
    "GET /v1/calls/{call_id}/decision": {Role.responder, Role.public},
    # The console's queue and session: the floor's people (and the CAD's queue read).
    "GET /v1/floor/queue": {Role.responder, Role.auditor, Role.public},
    "GET /v1/floor/queue/stream": {Role.responder, Role.auditor, Role.public},
    "GET /v1/floor/session": {Role.cad, Role.responder, Role.auditor, Role.public},
    "DELETE /v1/floor/session": {Role.cad, Role.responder, Role.auditor, Role.public},
}


def app_factory(service: str) -> Callable[..., FastAPI]:
    module = __import__(f"services.{service}.main", fromlist=["create_app"])
    settings_module = __import__(f"services.{service}.settings", fromlist=["x"])
    settings_cls = next(v for k, v in vars(settings_module).items()
                        if k.endswith("Settings") and k != "ServiceSettings")

    def make(base: ServiceSettings, **overrides: Any) -> FastAPI:
        app: FastAPI = module.create_app(settings_cls(**{**base.model_dump(), **overrides}))
        return app

    return make


def role_requirement(dependant: Dependant) -> RoleRequirement | None:
    for dep in dependant.dependencies:
        if isinstance(dep.call, RoleRequirement):
            return dep.call
        found = role_requirement(dep)
        if found is not None:
            return found
    return None


def sample_path(path: str) -> str:
    def value(match: re.Match[str]) -> str:
        return "BCR-1" if match.group(1) == "unit_id" else "00000000-0000-0000-0000-000000000000"

    return re.sub(r"{(\w+)(?::\w+)?}", value, path)


def token_for(role: Role, credentials: dict[str, Any]) -> str:
    if role == Role.responder:
        return str(credentials["responders"]["BCR-1"])
    return str(credentials[role.value])


@pytest.mark.parametrize("service", ["intake", "triage", "assignment", "audit"])
async def test_every_route_checks_roles_and_each_role_gets_only_what_it_needs(
    service: str, kafka_settings: ServiceSettings, credentials: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = app_factory(service)(kafka_settings)
    rows = []
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
            for route in iter_route_contexts(app.routes):
                dependant = getattr(route, "dependant", None)
                if not isinstance(dependant, Dependant) or route.path in ALWAYS_PUBLIC:
                    continue
                requirement = role_requirement(dependant)
                if route.path in PUBLIC_ROUTES[service]:
                    assert requirement is None or Role.public in requirement.allowed
                    continue
                assert requirement is not None, f"{service} {route.path} checks no role"
                # The scraper's key reads the metrics and nothing else.
                assert (Role.metrics in requirement.allowed) == (route.path == "/metrics"), (
                    f"{service} {route.path}: only /metrics admits the metrics role")
                for method in sorted((route.methods or set()) - {"HEAD", "OPTIONS"}):
                    name = f"{method} {route.path}"
                    url = sample_path(str(route.path))
                    anonymous = await client.request(method, url, json={})
                    assert anonymous.status_code == 401, name
                    outcome: dict[str, object] = {}
                    for role in Role:
                        allowed = role in requirement.allowed
                        if allowed and route.path.endswith("/stream"):
                            # An allowed stream never ends; the feed's own test reads it.
                            outcome[role.value] = "stream"
                            continue
                        response = await client.request(
                            method, url, json={}, headers=bearer(token_for(role, credentials)))
                        assert response.status_code < 500, f"{name} as {role}: 5xx"
                        if allowed:
                            assert response.status_code not in (401, 403), f"{name} as {role}"
                        else:
                            assert response.status_code == 403, f"{name} as {role}"
                        assert not (allowed and role in NEVER.get(name, set())), name
                        outcome[role.value] = response.status_code
                    rows.append(f"{service:<10} {name:<55} " + " ".join(
                        f"{r}={c}" for r, c in outcome.items()))
    assert rows, f"{service} has no protected routes"
    with capsys.disabled():
        print("\n" + "\n".join(rows))
