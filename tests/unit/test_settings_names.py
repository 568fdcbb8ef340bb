"""One database URL setting for every service, the names settings had before still read
(the current one wins), and every setting in docs/CONFIGURATION.md."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from services.assignment.settings import AssignmentSettings
from services.audit.settings import AuditSettings
from services.intake.settings import IntakeSettings
from services.triage.settings import TriageSettings
from shared.settings import REPO_ROOT, ServiceSettings

SERVICES: list[type[ServiceSettings]] = [IntakeSettings, TriageSettings, AssignmentSettings,
                                         AuditSettings]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for cls in SERVICES:
        for name in [*cls.deprecated_env, *(f"RR_{f.upper()}" for f in cls.model_fields)]:
            monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("cls", SERVICES)
def test_every_service_reads_rr_database_url(
    cls: type[ServiceSettings], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert cls(run_dir=tmp_path).store_url() == f"sqlite:///{tmp_path / cls.store_name}.db"
    # The file stays the service's own whatever its name in logs and metrics.
    renamed = cls(run_dir=tmp_path, service_name="rightresponse")
    assert renamed.store_url() == f"sqlite:///{tmp_path / cls.store_name}.db"
    monkeypatch.setenv("RR_DATABASE_URL", "postgresql://db/one")
    assert cls(run_dir=tmp_path).store_url() == "postgresql://db/one"


@pytest.mark.parametrize(("cls", "old_name"), [
    (IntakeSettings, "RR_INTAKE_DATABASE_URL"), (IntakeSettings, "DATABASE_URL"),
    (AuditSettings, "RR_AUDIT_DATABASE_URL"), (AuditSettings, "DATABASE_URL"),
])
def test_an_old_database_url_name_still_works_with_a_warning(
    cls: type[ServiceSettings], old_name: str, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv(old_name, "postgresql://db/old")
    with caplog.at_level(logging.WARNING):
        assert cls().database_url == "postgresql://db/old"
    assert f"{old_name} is deprecated; set RR_DATABASE_URL instead" in caplog.text
    monkeypatch.setenv("RR_DATABASE_URL", "postgresql://db/new")
    assert cls().database_url == "postgresql://db/new"


def test_the_service_specific_old_name_goes_before_the_generic_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://db/generic")
    monkeypatch.setenv("RR_AUDIT_DATABASE_URL", "postgresql://db/audit")
    assert AuditSettings().database_url == "postgresql://db/audit"


def test_audit_settings_lost_their_prefix_but_read_the_old_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RR_AUDIT_CHECKPOINT_EVERY", "7")
    monkeypatch.setenv("RR_AUDIT_FETCH_LINGER_MS", "5")
    settings = AuditSettings()
    assert (settings.checkpoint_every, settings.fetch_linger_ms) == (7, 5)
    monkeypatch.setenv("RR_CHECKPOINT_EVERY", "9")
    assert AuditSettings().checkpoint_every == 9
    assert AuditSettings(checkpoint_every=3).checkpoint_every == 3


def test_each_service_keeps_its_own_sqlite_file() -> None:
    assert [cls.store_name for cls in SERVICES] == ["intake", "triage", "assignment", "audit"]


def test_no_deprecated_name_points_at_a_missing_setting() -> None:
    for cls in SERVICES:
        assert set(cls.deprecated_env.values()) <= set(cls.model_fields), cls


def test_every_setting_and_old_name_is_in_the_configuration_table() -> None:
    doc = (REPO_ROOT / "docs" / "CONFIGURATION.md").read_text()
    missing = [name for cls in SERVICES
               for name in [*(f"RR_{f.upper()}" for f in cls.model_fields),
                            *cls.deprecated_env]
               if f"| `{name}` |" not in doc]
    assert missing == []
