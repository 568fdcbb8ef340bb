"""The one service builder: parts start in the given order before the app serves and stop
in the given order after, the probes answer from the readiness given, and every service
gets the same key store, problem answers and /metrics."""

from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi import APIRouter
from fastapi.testclient import TestClient

from shared.service import BackgroundLoops, ServiceApp, build_service_app
from shared.settings import ServiceSettings


def test_parts_start_and_stop_in_order_around_the_served_app(tmp_path: Path) -> None:
    steps: list[str] = []
    ticks = asyncio.Event()

    async def loop() -> None:
        ticks.set()
        await asyncio.Event().wait()  # runs until cancelled

    loops = BackgroundLoops(loop)

    async def start_publisher() -> None:
        steps.append("publisher started")

    async def stop_loops() -> None:
        await loops.stop()
        steps.append("loops stopped")

    ready = {"kafka": True}

    async def readiness() -> dict[str, bool]:
        return dict(ready)

    router = APIRouter()

    @router.get("/thing")
    async def thing() -> dict[str, bool]:
        return {"ticked": ticks.is_set()}

    app = build_service_app(ServiceSettings(run_dir=tmp_path), ServiceApp(
        title="test", version="1", description="a service", routers=[router],
        readiness=readiness,
        start=[start_publisher, lambda: steps.append("hooked"), loops.start],
        stop=[stop_loops, lambda: steps.append("store closed")],
        state={"thing": 42}))
    with TestClient(app) as client:
        assert steps == ["publisher started", "hooked"]
        assert client.get("/healthz").json() == {"status": "ok"}
        assert client.get("/readyz").status_code == 200
        ready["kafka"] = False
        not_ready = client.get("/readyz")
        assert not_ready.status_code == 503
        assert not_ready.headers["content-type"] == "application/problem+json"
        assert client.get("/thing").json() == {"ticked": True}
        assert client.get("/metrics").status_code == 401  # admin only
        assert client.get("/nowhere").headers["content-type"] == "application/problem+json"
    assert steps == ["publisher started", "hooked", "loops stopped", "store closed"]
    assert app.state.thing == 42
    assert app.state.key_store.path == tmp_path / "keys.json"
