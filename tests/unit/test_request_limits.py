"""The limits every service applies before a request's API key is checked: body size
(declared or streamed), requests in flight, and JSON text that is valid Unicode; and the
API documentation, which production does not serve unless asked to."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from starlette.types import Message

from shared.auth import Role, generate_dev_credentials, require
from shared.service import ServiceApp, build_service_app
from shared.settings import ServiceSettings


async def ready() -> dict[str, bool]:
    return {"kafka": True}


def service_app(settings: ServiceSettings, *routers: APIRouter) -> FastAPI:
    return build_service_app(settings, ServiceApp(
        title="test", version="1", description="a service", routers=list(routers),
        readiness=ready))


def is_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    return body


def echo_router() -> APIRouter:
    router = APIRouter()

    @router.post("/echo", dependencies=[Depends(require(Role.admin))])
    async def echo(body: dict[str, Any]) -> dict[str, Any]:
        return body

    return router


def test_a_body_over_the_limit_is_413_before_the_key_is_checked(tmp_path: Path) -> None:
    app = service_app(ServiceSettings(run_dir=tmp_path, max_body_bytes=4096), echo_router())
    client = TestClient(app)
    # No credentials at all: the size is refused first, not the key.
    problem = is_problem(client.post("/echo", content=b"x" * 5000), 413)
    assert problem["field"] == "body"
    is_problem(client.post("/metrics", content=b"x" * 5000), 413)
    # Within the limit the key is what is refused.
    is_problem(client.post("/echo", json={"a": 1}), 401)


async def post_in_chunks(tmp_path: Path, header: tuple[bytes, bytes], chunk: int,
                         chunks: int = 100) -> tuple[list[Message], int]:
    """POST ``chunks`` chunks of ``chunk`` bytes straight to the ASGI app of a service whose
    body limit is 4 kB: the messages it sent back, and how many chunks it read."""
    app = service_app(ServiceSettings(run_dir=tmp_path, max_body_bytes=4096), echo_router())
    reads = 0

    async def receive() -> Message:
        nonlocal reads
        reads += 1
        return {"type": "http.request", "body": b"x" * chunk, "more_body": reads < chunks}

    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/echo", "raw_path": b"/echo",
             "root_path": "", "query_string": b"", "scheme": "http", "http_version": "1.1",
             "server": ("svc", 80), "client": ("1.2.3.4", 1), "headers": [header]}
    await app(scope, receive, send)
    return sent, reads


async def test_a_declared_length_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    # 6.4 MB in all, should anything read it
    sent, reads = await post_in_chunks(
        tmp_path, (b"content-length", str(100 * 65536).encode()), chunk=65536)
    assert sent[0]["status"] == 413
    assert reads == 0


async def test_a_streamed_body_is_cut_off_once_it_passes_the_limit(tmp_path: Path) -> None:
    # a chunked body of 100 kB
    sent, reads = await post_in_chunks(tmp_path, (b"transfer-encoding", b"chunked"), chunk=1000)
    assert sent[0]["status"] == 413
    assert reads == 5  # 5000 bytes read: the first chunk past 4096, and no more
    body = json.loads(sent[1]["body"])
    assert body["title"] == "Content Too Large"


async def test_requests_beyond_the_concurrency_limit_get_503_before_the_key(
    tmp_path: Path,
) -> None:
    entered = 0
    all_in = asyncio.Event()
    release = asyncio.Event()
    router = APIRouter()

    @router.get("/slow")
    async def slow() -> dict[str, bool]:
        nonlocal entered
        entered += 1
        if entered == 2:
            all_in.set()
        await release.wait()
        return {"done": True}

    app = service_app(ServiceSettings(run_dir=tmp_path, max_concurrent_requests=2),
                      router, echo_router())
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
        held = [asyncio.create_task(client.get("/slow")) for _ in range(2)]
        await asyncio.wait_for(all_in.wait(), 10)
        refused = await client.post("/echo", json={"a": 1})  # no key: still 503, not 401
        problem = is_problem(refused, 503)
        assert refused.headers["retry-after"] == "1"
        assert "in progress" in problem["detail"]
        assert (await client.get("/healthz")).status_code == 200  # probes always answer
        release.set()
        assert [(await task).status_code for task in held] == [200, 200]
        # The places are free again.
        is_problem(await client.post("/echo", json={"a": 1}), 401)


def test_a_lone_surrogate_in_a_json_body_is_422(tmp_path: Path) -> None:
    generate_dev_credentials(tmp_path / "credentials.json", tmp_path / "keys.json", [])
    admin = json.loads((tmp_path / "credentials.json").read_text())["admin"]
    client = TestClient(service_app(ServiceSettings(run_dir=tmp_path), echo_router()),
                        headers={"Authorization": f"Bearer {admin}"})
    raw = b'{"call": {"narrative": "smoke \\ud800 seen"}}'
    problem = is_problem(client.post("/echo", content=raw,
                                     headers={"content-type": "application/json"}), 422)
    assert problem["errors"][0]["field"] == "body.call.narrative"
    # A lone low surrogate, and one in a key, too.
    for bad in (b'{"n": "\\uDC00"}', b'{"\\udfff": 1}', b'["ok", "\\ud83d"]'):
        is_problem(client.post("/echo", content=bad,
                               headers={"content-type": "application/json"}), 422)
    # A surrogate pair is one valid character; an escaped backslash is only text.
    for good in (b'{"n": "\\ud83d\\ude91"}', b'{"n": "\\\\ud800"}'):
        assert client.post("/echo", content=good,
                           headers={"content-type": "application/json"}).status_code == 200
    assert client.post("/echo", json={"n": "\U0001f691"}).json() == {"n": "\U0001f691"}


@pytest.mark.parametrize(("environment", "api_docs", "served"), [
    ("development", None, True), ("production", None, False),
    ("production", True, True), ("development", False, False),
])
def test_api_docs_are_off_in_production_unless_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, environment: str,
    api_docs: bool | None, served: bool,
) -> None:
    from shared.auth import key_entry, new_token, write_key_file

    write_key_file(tmp_path / "keys.json",
                   [key_entry(new_token(Role.admin), "ops-admin", Role.admin)])
    monkeypatch.setenv("RR_ENVIRONMENT", environment)
    if api_docs is not None:
        monkeypatch.setenv("RR_API_DOCS", str(api_docs).lower())
    else:
        monkeypatch.delenv("RR_API_DOCS", raising=False)
    client = TestClient(service_app(ServiceSettings(run_dir=tmp_path), echo_router()))
    for path in ("/docs", "/redoc", "/openapi.json"):
        assert (client.get(path).status_code == 200) is served, path
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("service", ["intake", "triage", "assignment", "audit"])
async def test_every_service_refuses_a_large_unauthenticated_body(
    service: str, tmp_path: Path,
) -> None:
    module = __import__(f"services.{service}.main", fromlist=["create_app"])
    settings_module = __import__(f"services.{service}.settings", fromlist=["x"])
    settings_cls = next(v for k, v in vars(settings_module).items()
                        if k.endswith("Settings") and k != "ServiceSettings")
    app: FastAPI = module.create_app(settings_cls(run_dir=tmp_path))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
        routes = [(method, str(r.path)) for r in iter_route_contexts(app.routes)
                  for method in sorted((getattr(r, "methods", None) or set())
                                       - {"HEAD", "OPTIONS"})]
        assert routes, service
        for method, path in routes:  # audit has only GETs: a body is refused on any
            response = await client.request(method, path, content=b"{" * (64 * 1024 + 1),
                                            headers={"content-type": "application/json"})
            assert response.status_code == 413, (method, path)
            is_problem(response, 413)
