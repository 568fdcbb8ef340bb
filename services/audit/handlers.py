"""Audit's event handlers: every event type is recorded the same way."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from services.audit.store import record_event
from shared.events import PAYLOAD_TYPES, Envelope
from shared.kafka import Handler, Outgoing, TransientError

log = logging.getLogger(__name__)


def build_handlers(engine: Engine) -> dict[str, Handler]:
    async def record(envelope: Envelope, _payload: Any) -> Outgoing:
        try:
            with Session(engine) as session:
                record_event(session, envelope)
        except OperationalError as err:
            # The database is down or locked: retry later, never skip the event.
            raise TransientError("audit store unavailable") from err
        return []

    return dict.fromkeys(PAYLOAD_TYPES, record)
