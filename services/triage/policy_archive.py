"""The policy version's full text, published the first time triage decides under it.

Audit archives the text by its hash (the hash every decision records), so a decision can
always be read beside the rules that made it. The event's id is derived from the hash:
a restart, a retried poll or a second instance sends the very same event, and the record
keeps it once.
"""

from __future__ import annotations

import hashlib
import logging
import uuid

from pydantic import ValidationError

from services.triage.policy import Policy, PolicyError
from shared.events import Envelope, derive_id, make_event
from shared.kafka import Outgoing
from shared.policy_contracts import PolicyVersionUsed, pack_reader
from shared.topics import POLICY_VERSIONS

log = logging.getLogger(__name__)


def policy_version_used(policy: Policy) -> PolicyVersionUsed:
    """The event payload carrying the policy's exact text; :class:`PolicyError` when the
    policy cannot be published (not UTF-8, too large for one record, no source kept)."""
    source = policy.source
    if source is None:
        raise PolicyError(f"policy {policy.policy_id} {policy.version}: its source bytes "
                          "were not kept, so its text cannot be published")
    try:
        text = source.policy_bytes.decode("utf-8")
    except UnicodeDecodeError as err:
        raise PolicyError(f"triage policy {policy.path}: must be UTF-8 to be published "
                          f"({err.reason} at byte {err.start})") from err
    reader = source.reader_bytes
    try:
        return PolicyVersionUsed(
            policy_id=policy.policy_id, policy_version=policy.version,
            policy_hash=policy.hash, policy_file=source.policy_file, policy_text=text,
            reader_file=source.reader_file if reader is not None else None,
            reader_sha256=hashlib.sha256(reader).hexdigest() if reader is not None else None,
            reader_gzip_base64=pack_reader(reader) if reader is not None else None)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise PolicyError(f"triage policy {policy.path}: cannot be published: {where}: "
                          f"{first['msg']}") from err


def announcement_id(policy_hash: str) -> uuid.UUID:
    """The one event id of a version's announcement, wherever and however often sent."""
    return derive_id("PolicyVersionUsed", policy_hash)


class PolicyAnnouncer:
    """Sends the version's text once per process, with the first decision made under it.

    Built at start-up, so a policy that cannot be published stops the service before it
    consumes anything (as an invalid one does)."""

    def __init__(self, policy: Policy, producer: str) -> None:
        self.payload = policy_version_used(policy)
        self.producer = producer
        self.cause: uuid.UUID | None = None

    def first_use(self, cause: Envelope) -> Outgoing:
        """The announcement, caused by the first call decided; nothing afterwards. The
        first call handled again (its poll's batch failed and is retried one by one)
        brings it again: its first sending may never have left."""
        if self.cause is not None and self.cause != cause.event_id:
            return []
        self.cause = cause.event_id
        event = make_event(self.payload, producer=self.producer, call_id=None,
                           causation=cause, key=self.payload.policy_hash,
                           event_id=announcement_id(self.payload.policy_hash))
        log.info("policy version announced", extra={"event_id": str(event.event_id)})
        return [(POLICY_VERSIONS, event)]
