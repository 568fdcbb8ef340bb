"""What intake's rules refuse, said without HTTP: the edge gives each its status
(:data:`services.intake.problems.STATUSES`)."""

from __future__ import annotations

from shared.errors import DomainError


class IntakeError(DomainError):
    """A request intake refuses; ``field`` names the input at fault."""


class AgencyNotAllowed(IntakeError):
    """The key may not act for the agency it named."""


class CallNotFound(IntakeError):
    """No such call (or none this key may see)."""


class CallConflict(IntakeError):
    """The request contradicts what intake accepted before."""


class IdempotencyKeyReused(CallConflict):
    """The Idempotency-Key came before with different content."""


class IncidentAcceptedBefore(CallConflict):
    """The agency's incident was accepted before with different content."""


class CallIsCancelled(CallConflict):
    """A cancelled call cannot change."""


class CallKeptChanging(CallConflict):
    """Other writers changed the call between every read and write of this request."""


class CallNotAcknowledged(IntakeError):
    """The call's event went to Kafka but was not acknowledged in time: it may still be
    delivered, so the call is recorded as pending, neither accepted nor refused. The
    same request again publishes the same event and answers once Kafka acknowledged."""
