"""The key file is re-read when it changes; a malformed one (a half-edited rotation)
keeps the keys read before in force and is logged without a token or digest, and a first
read that fails refuses requests with 503 problem+json, never a 500."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from fastapi import APIRouter, Depends
from fastapi.testclient import TestClient

from shared.auth import KeyStore, Role, key_entry, new_token, require, write_key_file
from shared.service import ServiceApp, build_service_app
from shared.settings import ServiceSettings

MALFORMED = ['{"keys": [', "[]", '{"keys": 5}', '{"keys": ["x"]}',
             '{"keys": [{"key_id": "k", "role": "nobody", "token_sha256": "ab"}]}',
             '{"keys": [{"key_id": "k", "role": "admin"}]}', "\udcff"]


class KeyFile:
    """Writes the key file with a new modification time each time (no sleeping)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.mtime_ns = 1_700_000_000_000_000_000

    def _touch(self) -> None:
        self.mtime_ns += 1_000_000_000
        os.utime(self.path, ns=(self.mtime_ns, self.mtime_ns))

    def good(self, *tokens: str) -> None:
        write_key_file(self.path, [key_entry(t, f"ops-{i}", Role.admin)
                                   for i, t in enumerate(tokens)])
        self._touch()

    def bad(self, text: str) -> None:
        self.path.write_text(text, errors="surrogateescape")
        self._touch()


@pytest.mark.parametrize("text", MALFORMED)
def test_a_malformed_file_keeps_the_keys_read_before(
    tmp_path: Path, text: str, caplog: pytest.LogCaptureFixture,
) -> None:
    key_file = KeyFile(tmp_path / "keys.json")
    token = new_token(Role.admin)
    key_file.good(token)
    store = KeyStore(key_file.path)
    assert store.authenticate(token) is not None
    key_file.bad(text)
    with caplog.at_level(logging.ERROR, logger="shared.auth"):
        principal = store.authenticate(token)
        assert store.authenticate(token) == principal  # logged once, not per request
    assert principal is not None and principal.key_id == "ops-0"
    assert not store.unusable
    assert len(caplog.records) == 1
    record = caplog.records[0]
    assert "keeping the keys read before" in record.getMessage()
    logged = record.getMessage() + repr(record.__dict__)
    assert token not in logged and "token_sha256" not in logged and text not in logged
    # A good file again is read at once.
    other = new_token(Role.admin)
    key_file.good(other)
    assert store.authenticate(token) is None
    assert store.authenticate(other) is not None


def test_a_first_read_that_fails_refuses_with_503_not_500(tmp_path: Path) -> None:
    key_file = KeyFile(tmp_path / "keys.json")
    key_file.bad('{"keys": [')
    router = APIRouter()

    @router.get("/thing", dependencies=[Depends(require(Role.admin))])
    async def thing() -> dict[str, bool]:
        return {"ok": True}

    async def ready() -> dict[str, bool]:
        return {"kafka": True}

    app = build_service_app(ServiceSettings(run_dir=tmp_path), ServiceApp(
        title="t", version="1", description="d", routers=[router], readiness=ready))
    client = TestClient(app, raise_server_exceptions=False)
    token = new_token(Role.admin)
    for path in ("/thing", "/metrics"):
        refused = client.get(path, headers={"Authorization": f"Bearer {token}"})
        assert refused.status_code == 503, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.headers["retry-after"] == "5"
    # Without a token it is still the caller's fault.
    assert client.get("/thing").status_code == 401
    key_file.good(token)
    assert client.get("/thing", headers={"Authorization": f"Bearer {token}"}).json() == {
        "ok": True}
    key_file.bad("{}{")
    assert client.get("/thing", headers={"Authorization": f"Bearer {token}"}).status_code \
        == 200
