"""In production a service refuses to start with missing or development secrets."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pydantic import ValidationError

from shared.auth import Role, generate_dev_credentials, key_entry, new_token, write_key_file
from shared.settings import REPO_ROOT, ServiceSettings, generated_secret


def test_production_without_a_key_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="no API key file"):
        ServiceSettings(environment="production", run_dir=tmp_path)


def test_production_with_development_keys_is_refused(tmp_path: Path) -> None:
    generate_dev_credentials(tmp_path / "c.json", tmp_path / "keys.json", ["BCR-1"])
    with pytest.raises(ValidationError, match="development API keys"):
        ServiceSettings(environment="production", key_file=tmp_path / "keys.json")


def test_production_with_issued_keys_starts(tmp_path: Path) -> None:
    write_key_file(tmp_path / "keys.json",
                   [key_entry(new_token(Role.cad), "cad-hennepin-1", Role.cad, agency="mpls")])
    settings = ServiceSettings(environment="production", key_file=tmp_path / "keys.json")
    assert settings.production_problems() == []


def test_development_needs_no_secrets(tmp_path: Path) -> None:
    assert ServiceSettings(run_dir=tmp_path).environment == "development"


def test_a_service_process_exits_with_the_reason(tmp_path: Path) -> None:
    env = {**os.environ, "RR_ENVIRONMENT": "production", "RR_RUN_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "shared.cli", "serve", "intake", "--port", "1"],
        env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode != 0
    assert "refusing to start in production" in result.stderr


def test_production_without_an_event_id_secret_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("RR_EVENT_ID_SECRET")
    write_key_file(tmp_path / "keys.json",
                   [key_entry(new_token(Role.cad), "cad-hennepin-1", Role.cad, agency="mpls")])
    with pytest.raises(ValidationError, match="RR_EVENT_ID_SECRET"):
        ServiceSettings(environment="production", key_file=tmp_path / "keys.json")


def test_development_generates_one_event_id_secret_every_service_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("RR_EVENT_ID_SECRET")
    first = ServiceSettings(run_dir=tmp_path).event_id_key()
    assert len(first) >= 32
    assert ServiceSettings(run_dir=tmp_path).event_id_key() == first
    secret_file = tmp_path / "event_id_secret"
    assert secret_file.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["event_id_secret"]  # no leftovers
    assert ServiceSettings(run_dir=tmp_path / "elsewhere").event_id_key() != first
    monkeypatch.setenv("RR_EVENT_ID_SECRET", "s" * 32)
    assert ServiceSettings(run_dir=tmp_path).event_id_key() == b"s" * 32


def test_services_starting_together_all_read_the_one_secret_generated(tmp_path: Path) -> None:
    path = tmp_path / "event_id_secret"
    gate = threading.Barrier(8)

    def start() -> bytes:
        gate.wait()
        return generated_secret(path)

    with ThreadPoolExecutor(8) as pool:
        secrets_read = list(pool.map(lambda _: start(), range(8)))
    assert len(set(secrets_read)) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["event_id_secret"]
