"""The handler map every event consumer runs, on the in-memory broker: retries, dead
letters, batches and their one-by-one fallback, types passed over."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from shared.events import (
    CallCancelled,
    CallReceived,
    Envelope,
    Location,
    make_event,
)
from shared.kafka import MemoryProcessedEvents, Outgoing, event_for
from shared.topics import CALLS_RECEIVED, CALLS_TRIAGED
from tests.memory_broker import MemoryBroker


def call(n: int) -> Envelope:
    return make_event(CallReceived(
        agency="t", cad_incident_id=f"C-{n}", call_type="THEFT", narrative="",
        received_at=datetime.now(UTC), location=Location(address=f"{n} Main St")),
        producer="test", call_id=f"call-{n}")


class Recorder:
    """A handler that fails its first ``fail_first`` calls, then records and answers."""

    def __init__(self, fail_first: int = 0, fail_on: str | None = None) -> None:
        self.seen: list[str] = []
        self.fail_first = fail_first
        self.fail_on = fail_on

    async def __call__(self, envelope: Envelope, payload: Any) -> Outgoing:
        if self.fail_first > 0 or envelope.call_id == self.fail_on:
            self.fail_first -= 1
            raise RuntimeError("boom")
        self.seen.append(str(envelope.call_id))
        return []


async def test_a_handler_that_keeps_failing_is_dead_lettered_a_flaky_one_retried() -> None:
    flaky = MemoryBroker.for_handlers({"CallReceived": Recorder(fail_first=2)},
                                      topics=[CALLS_RECEIVED])
    await flaky.publish(CALLS_RECEIVED, call(1))
    assert flaky.stats.handled == 1 and flaky.stats.retries == 2 and not flaky.dead_letters

    broken = Recorder(fail_on="call-1")
    broker = MemoryBroker.for_handlers({"CallReceived": broken}, topics=[CALLS_RECEIVED])
    await broker.publish(CALLS_RECEIVED, call(1), call(2))
    [letter] = broker.dead_letters
    assert letter.reason == "handler failed 3 times: RuntimeError"
    assert broken.seen == ["call-2"]


async def test_handled_events_are_published_and_marked_only_once_acknowledged() -> None:
    processed = MemoryProcessedEvents()

    async def triage(envelope: Envelope, payload: CallReceived) -> Outgoing:
        assert not processed.seen(str(envelope.event_id))
        return [event_for(CALLS_TRIAGED, CallCancelled(reason="a stand-in payload"),
                          producer="test", call_id=envelope.call_id, cause=envelope)]

    broker = MemoryBroker.for_handlers({"CallReceived": triage}, topics=[CALLS_RECEIVED],
                                       processed=processed)
    first = call(1)
    await broker.publish(CALLS_RECEIVED, first)
    [out] = broker.events(CALLS_TRIAGED)
    assert out.causation_id == first.event_id and processed.seen(str(first.event_id))


async def test_a_failing_batch_goes_one_by_one_and_only_its_bad_event_is_dead_lettered(
) -> None:
    batches: list[list[str]] = []

    async def batch(items: list[tuple[Envelope, Any]]) -> Outgoing:
        batches.append([str(envelope.call_id) for envelope, _ in items])
        if any(envelope.call_id == "call-2" for envelope, _ in items):
            raise RuntimeError("one bad event")
        return []

    one = Recorder(fail_on="call-2")
    broker = MemoryBroker.for_handlers({"CallReceived": one}, topics=[CALLS_RECEIVED],
                                       batch_handlers={"CallReceived": batch})
    await broker.publish(CALLS_RECEIVED, call(1), call(2), call(3))
    await broker.publish(CALLS_RECEIVED, call(4), call(5))
    assert batches == [["call-1", "call-2", "call-3"], ["call-4", "call-5"]]
    assert one.seen == ["call-1", "call-3"]
    assert [letter.source_offset for letter in broker.dead_letters] == [1]
    assert broker.stats.handled == 4


async def test_known_types_without_a_handler_are_passed_over_unknown_ones_dead_lettered(
) -> None:
    cancelled = Recorder()
    broker = MemoryBroker.for_handlers({"CallCancelled": cancelled}, topics=[CALLS_RECEIVED])
    cancel = make_event(CallCancelled(reason="hung up"), producer="intake", call_id="call-1")
    newer = call(2).model_copy(update={"event_type": "CallTeleported"})
    await broker.publish(CALLS_RECEIVED, call(1), cancel, newer)
    assert cancelled.seen == ["call-1"]
    [letter] = broker.dead_letters
    assert "CallTeleported" in letter.reason


def test_a_batch_handler_needs_a_plain_handler_for_its_fallback() -> None:
    async def batch(items: list[tuple[Envelope, Any]]) -> Outgoing:
        return []

    with pytest.raises(ValueError, match="CallReceived"):
        MemoryBroker.for_handlers({}, topics=[CALLS_RECEIVED],
                                  batch_handlers={"CallReceived": batch})


@pytest.mark.parametrize("batching", [False, True])
async def test_each_record_of_a_poll_is_parsed_once(
        monkeypatch: pytest.MonkeyPatch, batching: bool) -> None:
    """Its type is read for the whole poll first, then it is validated: from one parse of
    its bytes, not two (a parse cost as much as validating the envelope)."""
    import json

    import pydantic_core

    parses: list[int] = []

    def counted(parse: Any) -> Any:
        def parse_counted(raw: Any, *args: Any, **kwargs: Any) -> Any:
            parses.append(1)
            return parse(raw, *args, **kwargs)
        return parse_counted

    monkeypatch.setattr(json, "loads", counted(json.loads))
    monkeypatch.setattr(pydantic_core, "from_json", counted(pydantic_core.from_json))
    monkeypatch.setattr(Envelope, "model_validate_json",
                        counted(Envelope.model_validate_json))
    recorder = Recorder()

    async def batch(items: list[tuple[Envelope, Any]]) -> Outgoing:
        recorder.seen.extend(str(envelope.call_id) for envelope, _ in items)
        return []

    broker = MemoryBroker.for_handlers(
        {"CallReceived": recorder}, topics=[CALLS_RECEIVED],
        batch_handlers={"CallReceived": batch} if batching else None)
    await broker.publish(CALLS_RECEIVED, call(1), call(2), call(3))
    assert sorted(recorder.seen) == ["call-1", "call-2", "call-3"]
    assert len(parses) == 3
