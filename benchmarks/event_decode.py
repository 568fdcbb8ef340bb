"""CPU of turning one Kafka record's bytes into (envelope, typed payload), and an event
back into bytes, per way of doing it.

    .venv/bin/python -m benchmarks.event_decode [--records 20000] [--repeat 5]

A consumer reads each record's type and id for the whole poll first (to ask the store
once which events were handled already), then validates each record it handles. The
ways compared, each over the same CallTriaged and CallReceived records:

- ``twice``: the stdlib's json.loads for the peek, then pydantic's model_validate_json
  (the bytes parsed a second time) and the payload model;
- ``once-stdlib``: json.loads once, the envelope validated from that dict;
- ``once-jiter``: pydantic_core.from_json (pydantic's own JSON parser) once, the envelope
  validated from that dict;
- ``envelope-first``: model_validate_json once, the peek read off the envelope;
- ``once-orjson``, ``once-msgspec`` (when installed): that library's parser once, the
  envelope validated from its dict as above;
- ``parse-only-*``: the parse alone, without validation (what a faster parser can save
  at most);
- ``msgspec-struct`` (when installed): the envelope decoded straight into a msgspec
  Struct, the payload still validated by its pydantic contract (what replacing the
  envelope model with a Struct would cost).

Encoding, from the payload a handler returns to the record's bytes (``make_event`` and
the serializer, as :func:`shared.kafka.event_for` and the publisher do):

- ``encode-pydantic``: the envelope built and ``model_dump_json`` (what the services do);
- ``encode-orjson``, ``encode-msgspec``: the envelope built, ``model_dump()`` and that
  library's encoder (the bytes differ from pydantic's: see ``--check-bytes``);
- ``serialize-only-*``: an envelope already built, serialized.

Prints the best of ``--repeat`` runs in µs of CPU per record. ``--check-bytes`` says
whether each other encoder's bytes equal pydantic's.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import pydantic_core

from shared.events import (
    PAYLOAD_TYPES,
    CallReceived,
    CallTriaged,
    Contract,
    Envelope,
    make_event,
    parse_event,
    serialize,
    typed_event,
)

_SAMPLE_CALL = {
    "agency": "mpls", "cad_incident_id": "CAD-1", "call_type": "EDP",
    "narrative": "Man talking about hurting himself, no weapons, calm.",
    "received_at": "2026-11-25T14:03:00-06:00",
    "location": {"address": "2633 Minnehaha Ave", "lat": 44.95, "lon": -93.24},
}


def sample_events() -> list[Envelope]:
    from shared.events import use_event_id_secret

    # Derived ids need a secret; nothing here is sent anywhere.
    use_event_id_secret(b"bench-only-secret-bench-only-secret")
    received = make_event(CallReceived.model_validate(_SAMPLE_CALL), producer="intake",
                          call_id="c-1")
    triaged = make_event(CallTriaged.model_validate({
        "tags": ["behavioral_health"], "pathway": "behavioral_health", "units": ["bcr"],
        "priority": 2, "reasons": [{"rule_id": "bh.suicidal_no_means", "evidence": "calm"}],
        "confidence": 0.9, "policy_id": "bench", "policy_version": "1",
        "location": _SAMPLE_CALL["location"],
    }), producer="triage", call_id="c-1", causation=received)
    return [received, triaged]


def sample_records() -> list[bytes]:
    return [serialize(event) for event in sample_events()]


def peek(data: Any) -> tuple[Any, ...]:
    """What a consumer reads of every record of a poll before validating any."""
    return data["event_type"], data["event_id"], data["schema_version"]


def twice(raw: bytes) -> tuple[Envelope, Any]:
    peek(json.loads(raw))
    return parse_event(raw)


def once(loads: Callable[[bytes], Any]) -> Callable[[bytes], tuple[Envelope, Any]]:
    def decode(raw: bytes) -> tuple[Envelope, Any]:
        data = loads(raw)
        peek(data)
        return typed_event(data)
    return decode


def envelope_first(raw: bytes) -> tuple[Envelope, Any]:
    envelope = Envelope.model_validate_json(raw)
    _ = (envelope.event_type, envelope.event_id, envelope.schema_version)
    return envelope, envelope.typed_payload()


def optional(name: str) -> Any:
    """An optional library (orjson, msgspec): compared when installed, else left out."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def msgspec_struct_decoder(msgspec: Any) -> Callable[[bytes], tuple[Any, Contract]]:
    """The envelope as a msgspec Struct, the payload through its pydantic contract."""

    class StructEnvelope(msgspec.Struct, forbid_unknown_fields=True):
        event_id: uuid.UUID
        event_type: str
        schema_version: int
        occurred_at: datetime
        call_id: str | None
        producer: str
        payload: dict[str, Any]
        causation_id: uuid.UUID | None = None
        key: str | None = None

    decoder = msgspec.json.Decoder(StructEnvelope)

    def decode(raw: bytes) -> tuple[Any, Contract]:
        envelope = decoder.decode(raw)
        return envelope, PAYLOAD_TYPES[envelope.event_type].from_wire(envelope.payload)
    return decode


def decoders() -> dict[str, Callable[[bytes], Any]]:
    ways: dict[str, Callable[[bytes], Any]] = {
        "twice": twice, "once-stdlib": once(json.loads),
        "once-jiter": once(pydantic_core.from_json), "envelope-first": envelope_first,
        "parse-only-jiter": pydantic_core.from_json,
    }
    orjson, msgspec = optional("orjson"), optional("msgspec")
    if orjson is not None:
        ways["once-orjson"] = once(orjson.loads)
        ways["parse-only-orjson"] = orjson.loads
    if msgspec is not None:
        ways["once-msgspec"] = once(msgspec.json.decode)
        ways["parse-only-msgspec"] = msgspec.json.decode
        ways["msgspec-struct"] = msgspec_struct_decoder(msgspec)
    return ways


def encoders() -> dict[str, Callable[[Envelope], bytes]]:
    """Ways to turn a built envelope into a record's bytes."""
    ways: dict[str, Callable[[Envelope], bytes]] = {"pydantic": serialize}
    orjson, msgspec = optional("orjson"), optional("msgspec")
    if orjson is not None:
        ways["orjson"] = lambda event: orjson.dumps(event.model_dump(), option=orjson.OPT_UTC_Z)
    if msgspec is not None:
        ways["msgspec"] = lambda event: msgspec.json.encode(event.model_dump())
    return ways


def rebuild(event: Envelope) -> Envelope:
    """The envelope a handler's payload becomes (make_event), as on every publish."""
    payload = PAYLOAD_TYPES[event.event_type].from_wire(event.payload)
    return make_event(payload, producer=event.producer, call_id=event.call_id,
                      event_id=event.event_id, occurred_at=event.occurred_at)


def cpu_us_per_record(way: Callable[[Any], Any], records: Sequence[Any]) -> float:
    start = time.process_time()
    for record in records:
        way(record)
    return 1e6 * (time.process_time() - start) / len(records)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--records", type=int, default=20_000)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--check-bytes", action="store_true")
    args = p.parse_args(argv)
    events = sample_events()
    samples = [serialize(event) for event in events]
    records = [samples[i % len(samples)] for i in range(args.records)]
    decoding = decoders()
    for name, way in decoding.items():  # each way must give the same events
        if not name.startswith("parse-only"):
            assert way(samples[1])[1] == parse_event(samples[1])[1], name
    for name, way in decoding.items():
        best = min(cpu_us_per_record(way, records) for _ in range(args.repeat))
        print(f"decode {name:<20} {best:6.1f} µs CPU per record")
    built = [events[i % len(events)] for i in range(args.records)]
    # The payload models as handlers return them: the rebuild is what make_event costs.
    for name, encode in encoders().items():
        best = min(cpu_us_per_record(lambda e, encode=encode: encode(rebuild(e)), built)
                   for _ in range(args.repeat))
        alone = min(cpu_us_per_record(encode, built) for _ in range(args.repeat))
        print(f"encode-{name:<19} {best:6.1f} µs CPU per record "
              f"(serialize-only {alone:5.1f} µs)")
        if args.check_bytes:
            same = all(encode(event) == serialize(event) for event in events)
            print(f"  bytes equal to pydantic's: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
