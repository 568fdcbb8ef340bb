"""A crew's status report over HTTP, on assignment's app (no broker): a report by the
crew's key is answered without FastAPI solving the route's dependencies (about half the
CPU of a report's request), and every answer, refusals included, is what the route as
declared gives: for a page session's cookie, and for any request it does not take."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from shared.auth import CrewRoleRequirement, Principal
from tests.conftest import bearer
from tests.integration.test_assignment_page_sessions import (
    COOKIE,
    SITE,
    Service,
    serving,
    sign_in,
)

JSON = {"Content-Type": "application/json"}
# A JSON body the shortcut leaves to the route as declared (its content type is not the
# plain one): the reference every shortcut answer is compared with.
DECLARED = {"Content-Type": "application/json; charset=utf-8"}


@pytest.fixture
async def service(tmp_path: Path, credentials: dict[str, Any]) -> AsyncIterator[Service]:
    async for running in serving(tmp_path, credentials):
        yield running


@pytest.fixture
def role_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The unit ids the crews' role dependency was solved for, from now on."""
    checked: list[str] = []
    check = CrewRoleRequirement.__call__

    @functools.wraps(check)  # FastAPI reads the dependency's parameters from it
    async def counted(self: CrewRoleRequirement, request: Any, principal: Principal
                      ) -> Principal:
        checked.append(request.path_params.get("unit_id"))
        return await check(self, request, principal)

    monkeypatch.setattr(CrewRoleRequirement, "__call__", counted)
    return checked


async def report(service: Service, unit_id: str, body: str, headers: dict[str, str]
                 ) -> httpx.Response:
    return await service.client.post(f"/v1/units/{unit_id}/status", content=body,
                                     headers=headers)


async def test_a_crews_report_by_its_key_solves_no_dependency(
    service: Service, role_checks: list[str],
) -> None:
    call_id = service.assign_a_call("1 Lake St")
    key = bearer(service.credentials["responders"]["BCR-1"])

    on_scene = await report(service, "BCR-1",
                            f'{{"status": "on_scene", "call_id": "{call_id}"}}',
                            {**key, **JSON})

    assert on_scene.status_code == 200, on_scene.text
    assert on_scene.json() == {"unit_id": "BCR-1", "status": "on_scene",
                               "previous_status": "dispatched"}
    assert role_checks == []
    # The page's session (a cookie, no key) goes the declared way, to the same effect.
    session = await sign_in(service)
    service.client.cookies.set(COOKIE, session)
    cleared = await report(service, "BCR-1",
                           f'{{"status": "available", "call_id": "{call_id}"}}',
                           {**SITE, **JSON})
    assert cleared.status_code == 200, cleared.text
    assert cleared.json() == {"unit_id": "BCR-1", "status": "available",
                              "previous_status": "on_scene"}
    assert role_checks == ["BCR-1"]


@pytest.mark.parametrize(("who", "unit_id", "body", "status"), [
    ("crew", "P3-31", '{"status": "out_of_service"}', 200),
    ("admin", "NOPE-1", '{"status": "available"}', 404),
    ("crew", "P3-31", '{"status": "en_route"}', 409),
    ("crew", "P3-31", '{"status": "dispatched"}', 409),
    ("crew", "BCR-1", '{"status": "out_of_service"}', 403),
    ("crew", "P3-31", '{"status": "flying"}', 422),
    ("crew", "P3-31", '{"status": "out_of_service", "location": {"lat": 123}}', 422),
    ("crew", "P3-31", '["out_of_service"]', 422),
    ("crew", "P3-31", "", 422),
    ("nobody", "P3-31", '{"status": "out_of_service"}', 401),
    ("a wrong key", "P3-31", '{"status": "out_of_service"}', 401),
])
async def test_every_answer_is_the_declared_routes(
    service: Service, who: str, unit_id: str, body: str, status: int,
) -> None:
    creds = service.credentials
    headers = {"crew": bearer(creds["responders"]["P3-31"]), "admin": bearer(creds["admin"]),
               "nobody": {}, "a wrong key": bearer("rr_responder_not-a-key")}[who]

    direct = await report(service, unit_id, body, {**headers, **JSON})
    declared = await report(service, unit_id, body, {**headers, **DECLARED})

    assert direct.status_code == status, direct.text
    if status == 200:  # the second report repeats the first: no change, same answer
        assert direct.json() == {"unit_id": "P3-31", "status": "out_of_service",
                                 "previous_status": "available"}
        assert declared.json() == {"unit_id": "P3-31", "status": "out_of_service",
                                   "previous_status": "out_of_service"}
    else:
        assert (declared.status_code, declared.json()) == (status, direct.json())
    assert direct.headers["content-type"] == declared.headers["content-type"]
