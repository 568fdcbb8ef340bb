"""What every service process does around its lifespan."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI

from services.assignment.main import create_app as assignment_app
from services.assignment.settings import AssignmentSettings
from services.audit.main import create_app as audit_app
from services.audit.settings import AuditSettings
from services.intake.main import create_app as intake_app
from services.intake.settings import IntakeSettings
from services.triage.main import create_app as triage_app
from services.triage.settings import TriageSettings
from shared.settings import ServiceSettings

pytestmark = pytest.mark.kafka

APPS: dict[str, Callable[[dict[str, Any]], FastAPI]] = {
    "intake": lambda s: intake_app(IntakeSettings(**s)),
    "triage": lambda s: triage_app(TriageSettings(**s)),
    "assignment": lambda s: assignment_app(AssignmentSettings(**s)),
    "audit": lambda s: audit_app(AuditSettings(**s)),
}


@pytest.mark.parametrize("service", list(APPS))
async def test_start_up_objects_are_left_out_of_full_collections_while_running(
    service: str, kafka_settings: ServiceSettings
) -> None:
    # A full pass over them stopped the service's event loop for 47-69 ms.
    app = APPS[service](kafka_settings.model_dump())
    assert gc.get_freeze_count() == 0
    async with app.router.lifespan_context(app):
        assert gc.get_freeze_count() > 10_000
    assert gc.get_freeze_count() == 0
