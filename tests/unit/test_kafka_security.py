"""How clients log in to Kafka, and which ACLs each service's user gets (no broker here:
tests/security/test_kafka_access.py checks the broker enforces them)."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest
from pydantic import SecretStr, ValidationError

from services.assignment.settings import AssignmentSettings
from services.audit.settings import AuditSettings
from services.intake.settings import IntakeSettings
from services.triage.settings import TriageSettings
from shared.kafka import security_options
from shared.kafka.acls import Operation, ResourceType, acl_bindings
from shared.settings import ServiceSettings
from shared.topics import DEAD_LETTER, SERVICE_ACCESS, TOPICS, sole_writer


def settings_with_file(tmp_path: Path, **overrides: object) -> ServiceSettings:
    credentials = tmp_path / "kafka-credentials"
    credentials.write_text("admin=admin-secret\ntriage=triage-secret\n")
    return ServiceSettings(run_dir=tmp_path, kafka_credentials_file=credentials, **overrides)


def test_a_client_logs_in_with_scram_as_its_user_with_the_password_from_the_file(
    tmp_path: Path,
) -> None:
    options = security_options(settings_with_file(tmp_path, kafka_username="triage"))
    assert options == {"security_protocol": "SASL_PLAINTEXT", "sasl_mechanism": "SCRAM-SHA-512",
                       "sasl_plain_username": "triage", "sasl_plain_password": "triage-secret"}


def test_a_password_set_in_the_settings_wins_over_the_file(tmp_path: Path) -> None:
    settings = settings_with_file(tmp_path, kafka_password=SecretStr("from-a-secret"))
    assert security_options(settings)["sasl_plain_password"] == "from-a-secret"


def test_sasl_ssl_verifies_the_brokers_certificates(tmp_path: Path) -> None:
    options = security_options(settings_with_file(tmp_path, kafka_security_protocol="SASL_SSL"))
    context = options["ssl_context"]
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname


def test_a_missing_password_names_the_file_and_the_user_but_no_secret(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no password for Kafka user 'audit'") as raised:
        security_options(settings_with_file(tmp_path, kafka_username="audit"))
    assert "secret" not in str(raised.value)
    with pytest.raises(ValueError, match="no Kafka credentials file at"):
        security_options(ServiceSettings(kafka_credentials_file=tmp_path / "nowhere"))


def test_production_refuses_kafka_without_logins(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="PLAINTEXT"):
        ServiceSettings(environment="production", kafka_security_protocol="PLAINTEXT",
                        run_dir=tmp_path)


@pytest.mark.parametrize("settings_class", [IntakeSettings, TriageSettings, AssignmentSettings,
                                            AuditSettings])
def test_each_service_logs_in_as_itself(settings_class: type[ServiceSettings]) -> None:
    settings = settings_class()
    assert settings.kafka_username == settings.service_name
    assert settings.kafka_username in SERVICE_ACCESS


def test_every_topic_but_the_dead_letters_has_exactly_one_writer() -> None:
    for spec in TOPICS:
        if spec.name != DEAD_LETTER:
            assert sole_writer(spec.name) is not None, spec.name
    assert sole_writer(DEAD_LETTER) is None
    assert SERVICE_ACCESS["audit"].writes == (DEAD_LETTER,)


def test_the_acls_name_the_deployments_topics_and_groups() -> None:
    settings = ServiceSettings(topic_prefix="t1.", group_prefix="g1.")
    bindings = acl_bindings(settings)
    writes = {(b.principal, b.resource_name) for b in bindings if b.operation is Operation.WRITE}
    assert ("triage", "t1.calls.triaged") in writes
    assert ("triage", "t1.calls.assigned") not in writes
    groups = {(b.principal, b.resource_name) for b in bindings
              if b.resource_type is ResourceType.GROUP}
    assert groups == {("triage", "g1.triage"), ("assignment", "g1.assignment"),
                      ("audit", "g1.audit")}
    assert all(b.resource_name.startswith(("t1.", "g1.")) for b in bindings)
