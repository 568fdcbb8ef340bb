"""CPU of turning one Kafka record's bytes into (envelope, typed payload), per way of doing it.

    .venv/bin/python -m benchmarks.event_decode [--records 20000] [--repeat 5]

A consumer reads each record's type and id for the whole poll first (to ask the store
once which events were handled already), then validates each record it handles. The
ways compared, each over the same CallTriaged and CallReceived records:

- ``twice``: the stdlib's json.loads for the peek, then pydantic's model_validate_json
  (the bytes parsed a second time) and the payload model;
- ``once-stdlib``: json.loads once, the envelope validated from that dict;
- ``once-jiter``: pydantic_core.from_json (pydantic's own JSON parser) once, the envelope
  validated from that dict;
- ``envelope-first``: model_validate_json once, the peek read off the envelope.

Prints the best of ``--repeat`` runs in µs of CPU per record.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

import pydantic_core

from shared.events import (
    CallReceived,
    CallTriaged,
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


def sample_records() -> list[bytes]:
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
    return [serialize(received), serialize(triaged)]


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


WAYS: dict[str, Callable[[bytes], tuple[Envelope, Any]]] = {
    "twice": twice, "once-stdlib": once(json.loads), "once-jiter": once(pydantic_core.from_json),
    "envelope-first": envelope_first,
}


def cpu_us_per_record(way: Callable[[bytes], Any], records: list[bytes]) -> float:
    start = time.process_time()
    for raw in records:
        way(raw)
    return 1e6 * (time.process_time() - start) / len(records)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--records", type=int, default=20_000)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args(argv)
    samples = sample_records()
    records = [samples[i % len(samples)] for i in range(args.records)]
    for way in WAYS.values():  # each way must give the same events
        assert way(samples[1])[1] == parse_event(samples[1])[1]
    for name, way in WAYS.items():
        best = min(cpu_us_per_record(way, records) for _ in range(args.repeat))
        print(f"{name:<15} {best:6.1f} µs CPU per record")
    return 0


if __name__ == "__main__":
    sys.exit(main())
