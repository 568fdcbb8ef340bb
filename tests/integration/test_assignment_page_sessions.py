"""The responder page's session over HTTP, on assignment's app with its real store and a
clock the test moves (no broker: calls are decided through the dispatcher directly).

The cookie names a server-side session and never holds the key; signing out or revoking
the key makes it worthless at once, open live feeds included; changes from other sites
are refused; the cookie is Secure behind a trusted TLS proxy; live feeds per unit are
capped."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from services.assignment.main import create_app
from services.assignment.settings import AssignmentSettings
from shared.auth import Role, key_entry, write_key_file
from shared.events import make_event
from tests.conftest import bearer, wait_for
from tests.db_support import STORES, fresh_database
from tests.integration.assignment_support import triaged, unit, write_roster
from tests.integration.test_assignment_api import problem_of
from tests.unit.assignment_fakes import Clock

BASE = "http://assignment.test"
PROXY = ("10.1.2.3", 40000)  # the TLS proxy's address, as the service sees it
SITE = {"Origin": BASE, "Sec-Fetch-Site": "same-origin"}  # what the page's own fetch sends
COOKIE = "rr_responder"


@dataclass
class Service:
    app: FastAPI
    clock: Clock
    client: httpx.AsyncClient
    credentials: dict[str, Any]
    key_file: Path

    def revoke(self, unit_id: str) -> None:
        """Rewrite the key file without the unit's key (with a new modification time)."""
        creds = self.credentials
        entries = [key_entry(creds["admin"], "ops-admin", Role.admin),
                   *(key_entry(token, f"crew-{u}", Role.responder, unit_id=u)
                     for u, token in creds["responders"].items() if u != unit_id)]
        stamp = self.key_file.stat().st_mtime_ns + 1_000_000_000
        write_key_file(self.key_file, entries)
        os.utime(self.key_file, ns=(stamp, stamp))

    def open_streams(self, unit_id: str) -> int:
        return int(self.app.state.stream_slots.open_for(unit_id))

    def assign_a_call(self, address: str) -> str:
        """A behavioral health call near BCR-1, decided at once (BCR-1 is sent)."""
        call_id = str(uuid.uuid4())
        payload = triaged(["bcr"], 2, address=address)
        self.app.state.dispatcher.on_triaged(
            make_event(payload, producer="triage", call_id=call_id), payload)
        return call_id


def app_for(tmp_path: Path, clock: Clock, **overrides: Any) -> FastAPI:
    roster = write_roster(tmp_path / "roster.yaml", [
        unit("BCR-1", "bcr", 44.9500, -93.2600), unit("P3-31", "police", 44.9480, -93.2330)])
    settings = AssignmentSettings(
        run_dir=tmp_path, key_file=tmp_path / "keys.json", roster_file=roster,
        feed_poll_s=0.01, stream_recheck_s=5.0, max_streams_per_unit=2,
        trusted_proxies=["10.1.0.0/16"], **overrides)
    return create_app(settings, clock=clock)


@pytest.fixture
async def service(tmp_path: Path, credentials: dict[str, Any]) -> AsyncIterator[Service]:
    async for running in serving(tmp_path, credentials):
        yield running


async def serving(tmp_path: Path, credentials: dict[str, Any], **overrides: Any
                  ) -> AsyncIterator[Service]:
    """The app (settings ``overrides``) in process, on a clock the test moves."""
    clock = Clock()
    app = app_for(tmp_path, clock, **overrides)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
            yield Service(app, clock, client, credentials, tmp_path / "keys.json")
    finally:
        app.state.dispatcher.engine.dispose()
        app.state.engine.dispose()


def set_cookie(response: httpx.Response) -> SimpleCookie:
    cookie = SimpleCookie()
    cookie.load(response.headers["set-cookie"])
    return cookie


async def sign_in(service: Service, unit_id: str = "BCR-1") -> str:
    """Sign the page in; the session token its cookie holds."""
    key = service.credentials["responders"][unit_id]
    response = await service.client.post("/responder/session", json={"token": key},
                                         headers=SITE)
    assert response.status_code == 200, response.text
    assert response.json() == {"unit_id": unit_id}
    return set_cookie(response)[COOKIE].value


async def status_of(service: Service, unit_id: str) -> str:
    units = await service.client.get("/v1/units", headers=bearer(service.credentials["admin"]))
    return str({u["unit_id"]: u["status"] for u in units.json()}[unit_id])


def with_cookie(token: str) -> dict[str, str]:
    return {"Cookie": f"{COOKIE}={token}"}


async def test_the_cookie_names_a_session_and_never_holds_the_key(service: Service) -> None:
    key = service.credentials["responders"]["BCR-1"]
    response = await service.client.post("/responder/session", json={"token": key},
                                         headers=SITE)
    assert response.status_code == 200
    morsel = set_cookie(response)[COOKIE]
    assert morsel.value and key not in morsel.value
    assert morsel["httponly"] and morsel["samesite"] == "strict"
    assert morsel["path"] == "/v1/units/BCR-1"  # sent to the unit's own routes only
    assert not morsel["secure"]  # plain HTTP, straight to the service
    assert int(morsel["max-age"]) == 12 * 3600
    me = await service.client.get("/v1/units/BCR-1/session", headers=with_cookie(morsel.value))
    assert me.status_code == 200 and me.json() == {"unit_id": "BCR-1"}
    current = await service.client.get("/v1/units/BCR-1/assignment",
                                       headers=with_cookie(morsel.value))
    assert current.status_code == 200
    # The session is the unit's: another unit's routes refuse it.
    other = await service.client.get("/v1/units/P3-31/assignment",
                                     headers=with_cookie(morsel.value))
    problem_of(other, 403)
    # The key in a cookie is no session.
    problem_of(await service.client.get("/v1/units/BCR-1/session", headers=with_cookie(key)),
               401)


async def test_after_signing_out_the_old_cookie_is_refused(service: Service) -> None:
    token = await sign_in(service)
    out = await service.client.delete("/v1/units/BCR-1/session",
                                      headers={**SITE, **with_cookie(token)})
    assert out.status_code == 204
    assert set_cookie(out)[COOKIE]["max-age"] == "0"  # the browser forgets it
    body = problem_of(await service.client.get(
        "/v1/units/BCR-1/assignment", headers=with_cookie(token)), 401)
    assert "sign in again" in body["detail"]
    report = await service.client.post("/v1/units/BCR-1/status",
                                       json={"status": "out_of_service"},
                                       headers={**SITE, **with_cookie(token)})
    problem_of(report, 401)
    assert await status_of(service, "BCR-1") == "available"


async def test_revoking_the_key_ends_its_page_sessions(service: Service) -> None:
    token = await sign_in(service)
    kept = await sign_in(service, "P3-31")
    service.revoke("BCR-1")
    problem_of(await service.client.get("/v1/units/BCR-1/session", headers=with_cookie(token)),
               401)
    still = await service.client.get("/v1/units/P3-31/session", headers=with_cookie(kept))
    assert still.status_code == 200


@pytest.mark.parametrize("store", STORES)
async def test_every_instance_on_the_database_shares_the_sessions(
    tmp_path: Path, credentials: dict[str, Any], store: str,
) -> None:
    key = credentials["responders"]["BCR-1"]
    with fresh_database(store, tmp_path, "assignment") as url:
        first, second = (app_for(tmp_path, Clock(), database_url=url) for _ in range(2))
        clients = [httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE)
                   for app in (first, second)]
        try:
            signed_in = await clients[0].post("/responder/session", json={"token": key},
                                              headers=SITE)
            token = set_cookie(signed_in)[COOKIE].value
            me = await clients[1].get("/v1/units/BCR-1/session", headers=with_cookie(token))
            assert me.status_code == 200, me.text
            out = await clients[1].delete("/v1/units/BCR-1/session",
                                          headers={**SITE, **with_cookie(token)})
            assert out.status_code == 204
            problem_of(await clients[0].get("/v1/units/BCR-1/session",
                                            headers=with_cookie(token)), 401)
        finally:
            for client, app in zip(clients, (first, second), strict=True):
                await client.aclose()
                app.state.dispatcher.engine.dispose()
                app.state.engine.dispose()


async def test_a_session_ends_after_its_idle_timeout(service: Service) -> None:
    token = await sign_in(service)
    service.clock.advance(2 * 3600 + 1)
    problem_of(await service.client.get("/v1/units/BCR-1/session", headers=with_cookie(token)),
               401)


@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example"},
    {"Origin": "null"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site", "Origin": "http://other.assignment.test"},
    {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
], ids=["origin", "opaque-origin", "fetch-site", "sibling-site", "both"])
async def test_a_change_from_another_site_is_refused(service: Service,
                                                     headers: dict[str, str]) -> None:
    token = await sign_in(service)
    report = await service.client.post("/v1/units/BCR-1/status",
                                       json={"status": "out_of_service"},
                                       headers={**headers, **with_cookie(token)})
    assert "another" in problem_of(report, 403)["detail"]
    assert await status_of(service, "BCR-1") == "available"
    problem_of(await service.client.post("/v1/units/BCR-1/accept",
                                         headers={**headers, **with_cookie(token)}), 403)
    problem_of(await service.client.delete("/v1/units/BCR-1/session",
                                           headers={**headers, **with_cookie(token)}), 403)
    # No other site signs a browser in either.
    key = service.credentials["responders"]["BCR-1"]
    problem_of(await service.client.post("/responder/session", json={"token": key},
                                         headers=headers), 403)
    # Reading stays allowed (SameSite=Strict keeps the cookie from other sites' reads).
    read = await service.client.get("/v1/units/BCR-1/session",
                                    headers={**headers, **with_cookie(token)})
    assert read.status_code == 200
    # The page's own request goes through; so does a key's, wherever it comes from.
    own = await service.client.post("/v1/units/BCR-1/status",
                                    json={"status": "out_of_service"},
                                    headers={**SITE, **with_cookie(token)})
    assert own.status_code == 200, own.text
    assert await status_of(service, "BCR-1") == "out_of_service"
    by_key = await service.client.post(
        "/v1/units/BCR-1/status", json={"status": "available"},
        headers={**headers, **bearer(service.credentials["responders"]["BCR-1"])})
    assert by_key.status_code == 200, by_key.text


async def test_the_cookie_is_secure_over_tls_and_behind_a_trusted_proxy_only(
    tmp_path: Path, credentials: dict[str, Any],
) -> None:
    app = app_for(tmp_path, Clock())
    key = credentials["responders"]["BCR-1"]
    forwarded = {"X-Forwarded-Proto": "https", "Origin": "https://assignment.test"}

    async def secure(base_url: str, client: tuple[str, int], headers: dict[str, str]) -> bool:
        transport = httpx.ASGITransport(app=app, client=client)
        async with httpx.AsyncClient(transport=transport, base_url=base_url) as http:
            response = await http.post("/responder/session", json={"token": key},
                                       headers=headers)
            assert response.status_code == 200, response.text
            return bool(set_cookie(response)[COOKIE]["secure"])

    try:
        assert await secure("https://assignment.test", ("192.0.2.7", 1), {})
        assert await secure(BASE, PROXY, forwarded)
        # Anyone else claiming TLS is not believed.
        assert not await secure(BASE, ("192.0.2.7", 1),
                                {**forwarded, "Origin": BASE})
        assert not await secure(BASE, PROXY, {"X-Forwarded-Proto": "http"})
    finally:
        app.state.dispatcher.engine.dispose()
        app.state.engine.dispose()


async def read_stream(service: Service, headers: dict[str, str]) -> str:
    response = await service.client.get("/v1/units/BCR-1/assignments/stream", headers=headers)
    assert response.status_code == 200, response.text
    return response.text


async def opened(service: Service, headers: dict[str, str], count: int = 1
                 ) -> asyncio.Task[str]:
    task = asyncio.create_task(read_stream(service, headers))

    async def open_now() -> bool:
        if task.done():
            raise AssertionError(f"the stream ended early: {task.result()!r}")
        return service.open_streams("BCR-1") >= count

    await wait_for(open_now, what="the stream to open")
    return task


@pytest.mark.parametrize("credential", ["cookie", "key"])
async def test_an_open_stream_stops_before_delivering_once_the_key_is_revoked(
    service: Service, credential: str,
) -> None:
    headers = (with_cookie(await sign_in(service)) if credential == "cookie"
               else bearer(service.credentials["responders"]["BCR-1"]))
    stream = await opened(service, headers)
    service.revoke("BCR-1")
    service.assign_a_call("2633 Minnehaha Ave")  # the clock stands still: checked per event
    body = await asyncio.wait_for(stream, 10)
    assert "2633 Minnehaha Ave" not in body
    assert body.rstrip().endswith("event: signed-out\ndata: {}")
    assert service.open_streams("BCR-1") == 0


async def test_a_quiet_stream_closes_within_the_recheck_interval_after_sign_out(
    service: Service,
) -> None:
    token = await sign_in(service)
    stream = await opened(service, with_cookie(token))
    out = await service.client.delete("/v1/units/BCR-1/session",
                                      headers={**SITE, **with_cookie(token)})
    assert out.status_code == 204
    service.clock.advance(5.0)
    body = await asyncio.wait_for(stream, 10)
    assert "event: signed-out" in body


async def test_streams_per_unit_are_capped(service: Service) -> None:
    crew = bearer(service.credentials["responders"]["BCR-1"])
    first = await opened(service, crew)
    second = await opened(service, crew, 2)
    try:
        refused = await service.client.get("/v1/units/BCR-1/assignments/stream", headers=crew)
        assert "live feeds" in problem_of(refused, 429)["detail"]
        assert refused.headers["retry-after"]
        # A stream that ends gives its place back.
        first.cancel()
        await wait_for(lambda: _async(service.open_streams("BCR-1") == 1),
                       what="the slot to be given back")
        third = await opened(service, crew, 2)
        service.revoke("BCR-1")
        service.clock.advance(5.0)
        for stream in (second, third):
            assert "event: signed-out" in await asyncio.wait_for(stream, 10)
    finally:
        for task in (first, second):
            task.cancel()


async def _async(value: bool) -> bool:
    return value
