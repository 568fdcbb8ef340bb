"""The scraper's credential: a key of role ``metrics`` reads ``/metrics`` and nothing
else, and ``make run``'s development keys include one."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi import APIRouter, Depends
from fastapi.testclient import TestClient

from shared.auth import Role, generate_dev_credentials, require
from shared.service import ServiceApp, build_service_app
from shared.settings import ServiceSettings


def test_a_metrics_key_reads_metrics_and_nothing_else(tmp_path: Path) -> None:
    credentials = generate_dev_credentials(tmp_path / "credentials.json",
                                           tmp_path / "keys.json", ["BCR-1"])
    keys = json.loads((tmp_path / "keys.json").read_text())["keys"]
    assert {"key_id": "dev-metrics", "role": "metrics"}.items() <= next(
        k for k in keys if k["role"] == "metrics").items()
    assert json.loads((tmp_path / "credentials.json").read_text())["metrics"] == \
        credentials["metrics"]
    router = APIRouter()

    @router.get("/thing", dependencies=[Depends(require(*(set(Role) - {Role.metrics})))])
    async def thing() -> dict[str, bool]:
        return {"ok": True}

    async def ready() -> dict[str, bool]:
        return {"kafka": True}

    app = build_service_app(ServiceSettings(run_dir=tmp_path), ServiceApp(
        title="t", version="1", description="d", routers=[router], readiness=ready))
    client = TestClient(app)
    scraper = {"Authorization": f"Bearer {credentials['metrics']}"}
    scraped = client.get("/metrics", headers=scraper)
    assert scraped.status_code == 200
    assert "rr_http_request_duration_seconds" in scraped.text
    assert client.get("/thing", headers=scraper).status_code == 403
    # An admin still reads them; no other role does.
    assert client.get("/metrics", headers={
        "Authorization": f"Bearer {credentials['admin']}"}).status_code == 200
    for role in ("cad", "auditor", "public"):
        assert client.get("/metrics", headers={
            "Authorization": f"Bearer {credentials[role]}"}).status_code == 403
