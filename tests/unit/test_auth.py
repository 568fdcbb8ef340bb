"""The one reading of the Authorization and Idempotency-Key headers, shared by the
routes and intake's fast path, agrees with what FastAPI accepts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pytest
from fastapi import FastAPI
from fastapi.security.utils import get_authorization_scheme_param
from fastapi.testclient import TestClient

from shared.auth import KeyStore, Principal, Role, bearer_token, generate_dev_credentials, require
from shared.idempotency import idempotency_key_header, valid_idempotency_key

HEADERS = [None, "", "Bearer", "Bearer ", "Bearer tok", "bearer tok", "BEARER  tok ",
           "Basic tok", "Bearertok", " Bearer tok", "Bearer tok more"]


def fastapi_bearer(value: str | None) -> str | None:
    """What HTTPBearer(auto_error=False) yields as the credentials."""
    scheme, credentials = get_authorization_scheme_param(value)
    if not (value and scheme and credentials) or scheme.lower() != "bearer":
        return None
    return credentials


@pytest.mark.parametrize("value", HEADERS)
def test_bearer_token_reads_the_header_as_httpbearer_does(value: str | None) -> None:
    assert bearer_token(value) == fastapi_bearer(value)


KEYS = ["k", "a" * 200, "a" * 201, "with space", "tab\there", "\xe9", "!~", "x-1_2.3"]


def test_a_well_formed_idempotency_key_is_what_the_route_accepts() -> None:
    app = FastAPI()

    @app.get("/")
    async def echo(key: Annotated[str | None, idempotency_key_header("doc")] = None) -> str:
        return key or ""

    client = TestClient(app)
    for key in KEYS:
        raw = [(b"idempotency-key", key.encode("latin-1"))]
        accepted = client.get("/", headers=raw).status_code == 200
        assert valid_idempotency_key(key) == accepted, key


def test_a_role_requirement_permits_only_its_roles() -> None:
    posters = require(Role.cad, Role.admin)
    assert posters.permits(Principal("k1", Role.cad, agency="mpls"))
    assert posters.permits(Principal("k2", Role.admin))
    assert not posters.permits(Principal("k3", Role.auditor))


def test_dev_credentials_give_the_floor_keys_bound_to_the_agency(tmp_path: Path) -> None:
    credentials = generate_dev_credentials(tmp_path / "credentials.json",
                                           tmp_path / "keys.json", [], agency="mpls")
    store = KeyStore(tmp_path / "keys.json")
    for role in (Role.dispatcher, Role.clinician, Role.cad):
        principal = store.authenticate(credentials[role.value])
        assert principal is not None
        assert principal.role == role
        assert principal.agency == "mpls"
