"""Intake's write path: record → publish (acks=all) → mark published → answer.

The event to publish is written to the call's ``outbox`` column before it is sent and
cleared only after Kafka acknowledged it. What the CAD hears when Kafka does not:

- the producer refused the record (not connected, no metadata): it provably was not
  handed over, so the record is rolled back (a new call deleted, an update restored)
  and the CAD gets 503: nothing was accepted;
- the producer had it but Kafka did not acknowledge in time: the producer may still
  deliver it, so the record stays as written, pending (its outbox kept), and the CAD
  gets 504 (:class:`CallNotAcknowledged`), never 202 and never "nothing accepted". The
  same request again re-publishes the outbox and answers 202 once Kafka acknowledged.

If the process dies in between, the next request for that call publishes the outbox
first. Event ids are derived from the call id and the content (and version), so
publishing twice yields the very same event and consumers skip the second copy, while
changed content is a new event.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from services.intake.calls import (
    Outcome,
    apply_patch,
    body_hash,
    call_id_for,
    changed_fields,
    decide_submit,
    received_event_id,
    updated_event_id,
)
from services.intake.errors import (
    CallIsCancelled,
    CallKeptChanging,
    CallNotAcknowledged,
    CallNotFound,
    IdempotencyKeyReused,
    IncidentAcceptedBefore,
)
from services.intake.models import CallPatch
from services.intake.store import CallRow, DuplicateRow, IntakeStore, seen
from shared.events import (
    CallCancelled,
    CallReceived,
    CallUpdated,
    Envelope,
    derive_id,
    make_event,
    serialize,
    utcnow,
)
from shared.kafka import EventPublisher, KafkaUnavailable
from shared.topics import CALLS_RECEIVED

log = logging.getLogger(__name__)

# Tries of a write whose call another request or intake instance changed meanwhile (each
# re-reads the call and decides again), before the caller gets 409.
WRITE_ATTEMPTS = 3


class CallChanged(Exception):
    """The call was changed by another intake instance between our read and our write."""


@dataclass
class Result:
    call_id: str
    published: bool  # False: nothing new (a duplicate or a no-op), answered 200
    version: int = 0
    status: str = "active"
    changed_fields: list[str] = field(default_factory=list)


class IntakeService:
    def __init__(self, store: IntakeStore, publisher: EventPublisher, producer: str) -> None:
        self.store = store
        self.publisher = publisher
        self.producer = producer
        # One lock per call: updates of one call are recorded and published in order.
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )

    def _lock(self, call_id: str) -> asyncio.Lock:
        lock = self._locks.get(call_id)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[call_id] = lock
        return lock

    async def _publish(self, call_id: str, event: Envelope) -> None:
        """Publish ``event`` of a call whose record holds it in its outbox, which stays
        there unless Kafka acknowledged: :class:`CallNotAcknowledged` when it may be
        delivered yet. (The caller rolls the record back on a plain KafkaUnavailable.)"""
        try:
            await self.publisher.publish(CALLS_RECEIVED, event)
        except KafkaUnavailable as err:
            if type(err) is KafkaUnavailable:
                raise  # the producer never had it
            raise self._pending(call_id) from err

    @staticmethod
    def _pending(call_id: str) -> CallNotAcknowledged:
        log.warning("call pending: Kafka has not acknowledged it", extra={"call_id": call_id})
        return CallNotAcknowledged(
            "Kafka has not acknowledged this call yet and may still deliver it; it is "
            "recorded as pending. Send the same request again: it answers 202 once Kafka "
            "has it.", field="call_id", call_id=call_id, state="pending")

    async def _flush(self, row: CallRow) -> None:
        """Publish an outbox left behind (by a crash, or an acknowledgement that did not
        come in time), then mark it done. An earlier attempt may have delivered it: until
        this one is acknowledged the call stays pending."""
        if row.outbox is not None:
            try:
                await self._publish(row.call_id, Envelope.model_validate_json(row.outbox))
            except KafkaUnavailable as err:
                raise self._pending(row.call_id) from err
            await self.store.clear_outbox(row)

    async def _record_and_publish(self, row: CallRow, event: Envelope,
                                  restore: dict[str, Any] | None) -> None:
        """Record ``row`` with ``event`` in its outbox, publish, then clear the outbox.

        When the producer refused the event, a new row (``restore`` None) is deleted and
        an existing one restored; when it had it but Kafka did not acknowledge in time,
        the row stays as written, pending (see the module's docstring).
        An existing row is written only if it is still at the version it was read at
        (``restore["version"]``): two intake instances updating one call at once would
        otherwise both write the next version, one change lost and both events sharing
        one id (consumers would skip the second). The loser gets :class:`CallChanged`.
        """
        row.outbox = serialize(event).decode()
        if restore is None:
            self.store.insert(row)
        elif not self.store.save(row, expected_version=restore["version"]):
            IntakeStore.restore(row, restore)
            raise CallChanged(row.call_id)
        try:
            await self._publish(row.call_id, event)
        except KafkaUnavailable as err:
            # Never handed over: the record is rolled back, unless what it is rolled back
            # to is itself pending (an earlier attempt Kafka may still deliver).
            if restore is None:
                self.store.delete(row.call_id)
                raise
            written = row.version
            IntakeStore.restore(row, restore)
            self.store.save(row, expected_version=written)
            if row.outbox is not None:
                raise self._pending(row.call_id) from err
            raise
        await self.store.clear_outbox(row)

    def _received_event(self, call_id: str, payload: CallReceived, digest: str
                        ) -> Envelope:
        return make_event(payload, producer=self.producer, call_id=call_id,
                          event_id=uuid.UUID(received_event_id(call_id, digest)))

    def _updated_event(self, row: CallRow, new_state: dict[str, Any],
                       changed: list[str]) -> Envelope:
        payload = CallUpdated.model_validate({**new_state, "changed_fields": changed})
        event_id = updated_event_id(row.call_id, row.version, body_hash(new_state))
        return make_event(payload, producer=self.producer, call_id=row.call_id,
                          event_id=uuid.UUID(event_id))

    async def submit(self, payload: CallReceived, *, idempotency_key: str | None,
                     update_on_change: bool = False) -> Result:
        """A posted call: create it, or recognise a retry (200), or refuse a conflict (409)."""
        call_id = call_id_for(payload.agency, payload.cad_incident_id)
        state = payload.model_dump(mode="json")
        digest = body_hash(state)
        return await self._retrying(
            call_id, lambda: self._submit(payload, call_id, state, digest, idempotency_key,
                                          update_on_change),
            detail="Another request is recording this call right now; retry.",
            field="body.cad_incident_id")

    async def _submit(self, payload: CallReceived, call_id: str, state: dict[str, Any],
                      digest: str, idempotency_key: str | None,
                      update_on_change: bool) -> Result:
        existing = self.store.get(call_id)
        keyed = (self.store.by_idempotency_key(payload.agency, idempotency_key)
                 if idempotency_key else None)
        outcome = decide_submit(call_id=call_id, digest=digest, existing=seen(existing),
                                keyed=seen(keyed), update_on_change=update_on_change)
        if outcome is Outcome.conflict_key:
            raise IdempotencyKeyReused(
                "This Idempotency-Key was used before with a different "
                "call; use a new key for a new call.", field="header.Idempotency-Key")
        if outcome is Outcome.conflict_body:
            raise IncidentAcceptedBefore(
                "A call with this agency and cad_incident_id was accepted "
                "before with different content; send changes with PATCH "
                f"/v1/calls/{call_id}.", field="body.cad_incident_id", call_id=call_id)
        if outcome is Outcome.create:
            now = utcnow()
            row = CallRow(call_id=call_id, agency=payload.agency,
                          cad_incident_id=payload.cad_incident_id,
                          idempotency_key=idempotency_key, body_hash=digest,
                          state=json.dumps(state), created_at=now, updated_at=now)
            await self._record_and_publish(row, self._received_event(call_id, payload,
                                                                       digest), None)
            log.info("call accepted", extra={"call_id": call_id})
            return Result(call_id, published=True)
        assert existing is not None
        if outcome in (Outcome.republish, Outcome.replace_pending):
            snap = IntakeStore.snapshot(existing)
            existing.body_hash, existing.state = digest, json.dumps(state)
            existing.idempotency_key = existing.idempotency_key or idempotency_key
            await self._record_and_publish(
                existing, self._received_event(call_id, payload, digest), snap)
            log.info("call accepted after an earlier failure", extra={"call_id": call_id})
            return Result(call_id, published=True)
        await self._flush(existing)
        if outcome is Outcome.duplicate:
            return Result(call_id, published=False, version=existing.version,
                          status=existing.status)
        # Outcome.update: the same incident sent again with new content (EIDO upserts).
        return await self._apply(existing, state, digest_for_row=digest)

    async def _apply(self, row: CallRow, new_state: dict[str, Any], *,
                     digest_for_row: str | None = None,
                     patch_key: str | None = None, patch_hash: str | None = None) -> Result:
        current = json.loads(row.state)
        changed = changed_fields(current, new_state)
        if row.status == "cancelled":
            raise CallIsCancelled("The call was cancelled; it cannot change.",
                                  field="call_id")
        if not changed:
            return Result(row.call_id, published=False, version=row.version, status=row.status)
        snap = IntakeStore.snapshot(row)
        row.version += 1
        row.state = json.dumps(new_state)
        row.updated_at = utcnow()
        if digest_for_row is not None:
            row.body_hash = digest_for_row
        if patch_key is not None:
            row.last_patch_key, row.last_patch_hash = patch_key, patch_hash
        await self._record_and_publish(row, self._updated_event(row, new_state, changed), snap)
        log.info("call updated", extra={"call_id": row.call_id, "count": len(changed)})
        return Result(row.call_id, published=True, version=row.version, status=row.status,
                      changed_fields=changed)

    async def update(self, call_id: str, patch: CallPatch, *,
                     idempotency_key: str | None) -> Result:
        """Apply a PATCH under the call's lock, so concurrent updates never lose one (and,
        across intake instances, on the version it read)."""
        patch_digest = body_hash(patch.model_dump(mode="json", exclude_unset=True))
        return await self._retrying(call_id, lambda: self._update(
            call_id, patch, patch_digest, idempotency_key))

    async def _retrying(
        self, call_id: str, write: Callable[[], Awaitable[Result]], *,
        detail: str = "The call kept changing while this request was applied; retry.",
        field: str = "call_id",
    ) -> Result:
        """``write`` under the call's lock, again on what is recorded now whenever another
        request or intake instance recorded or changed the call between the read and the
        write; :class:`CallKeptChanging` with ``detail`` once it has kept changing."""
        for _ in range(WRITE_ATTEMPTS):
            try:
                async with self._lock(call_id):
                    return await write()
            except (DuplicateRow, CallChanged):
                continue
        raise CallKeptChanging(detail, field=field, call_id=call_id)

    async def _update(self, call_id: str, patch: CallPatch, patch_digest: str,
                      idempotency_key: str | None) -> Result:
        row = self.store.get(call_id)
        if row is None:
            raise CallNotFound("No such call.", field="call_id")
        await self._flush(row)
        if idempotency_key is not None and row.last_patch_key == idempotency_key:
            if row.last_patch_hash != patch_digest:
                raise IdempotencyKeyReused(
                    "This Idempotency-Key was used before with a "
                    "different update.", field="header.Idempotency-Key")
            return Result(row.call_id, published=False, version=row.version,
                          status=row.status)
        new_state, _ = apply_patch(json.loads(row.state), patch)
        return await self._apply(row, new_state, patch_key=idempotency_key,
                                 patch_hash=patch_digest)

    async def cancel(self, call_id: str, reason: str | None) -> Result:
        return await self._retrying(call_id, lambda: self._cancel(call_id, reason))

    async def _cancel(self, call_id: str, reason: str | None) -> Result:
        fresh = self.store.get(call_id)
        if fresh is None:
            raise CallNotFound("No such call.", field="call_id")
        await self._flush(fresh)
        if fresh.status == "cancelled":
            return Result(fresh.call_id, published=False, version=fresh.version,
                          status=fresh.status)
        snap = IntakeStore.snapshot(fresh)
        fresh.status = "cancelled"
        # A cancellation is a new version like any change: an update read before it can
        # then not write the call back to active.
        fresh.version += 1
        fresh.updated_at = utcnow()
        event = make_event(CallCancelled(reason=reason), producer=self.producer,
                           call_id=fresh.call_id,
                           event_id=derive_id(fresh.call_id, "CallCancelled"))
        await self._record_and_publish(fresh, event, snap)
        log.info("call cancelled", extra={"call_id": fresh.call_id})
        return Result(fresh.call_id, published=True, version=fresh.version,
                      status=fresh.status)

