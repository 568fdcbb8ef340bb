"""`rightresponse replay` against an in-process intake on the real broker."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.intake.replay import replay
from shared.cli import build_parser
from shared.events import CallReceived
from shared.settings import ServiceSettings
from shared.topics import CALLS_RECEIVED
from tests.integration.intake_helpers import events_on, intake_app

pytestmark = pytest.mark.kafka


def call(n: int, minute: int = 0) -> dict[str, Any]:
    return {"cad_incident_id": f"HIST-{n:04d}", "call_type": "THEFT",
            "received_at": f"2026-03-01T10:{minute:02d}:00-06:00",
            "narrative": f"bike stolen from rack #{n}",
            "location": {"address": f"{3000 + n} E Lake St"}}


async def run(argv: list[str], kafka_settings: ServiceSettings) -> tuple[Any, str, str]:
    app = intake_app(kafka_settings)
    args = build_parser().parse_args(argv)
    progress = io.StringIO()
    async with app.router.lifespan_context(app):
        summary = await replay(args, transport=httpx.ASGITransport(app=app),
                               progress_stream=progress)
    return summary, progress.getvalue(), summary.render()


async def test_jsonl_replay_counts_accepted_duplicates_and_rejected(
    kafka_settings: ServiceSettings, credentials: dict[str, Any], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = [json.dumps(call(n)) for n in range(6)]
    lines.append(json.dumps(call(0)))                                 # a duplicate
    lines.append(json.dumps({**call(7), "received_at": "yesterday"}))  # rejected
    lines.append(json.dumps({**call(8), "agency": "elsewhere"}))       # rejected: not ours
    lines.append("{not json")                                          # unreadable
    path = tmp_path / "calls.jsonl"
    path.write_text("\n".join(lines) + "\n")
    summary, progress, text = await run(
        ["replay", str(path), "--url", "http://intake", "--token", credentials["cad"],
         "--rate", "200", "--concurrency", "1"], kafka_settings)
    assert (summary.sent, summary.accepted, summary.duplicates) == (10, 6, 1)
    assert summary.rejected == {"422 Invalid request: body.received_at": 1,
                                "403 Forbidden: body.agency": 1,
                                "unreadable row: not JSON": 1}
    assert progress.endswith("10/10 100% accepted 6 dup 1 rejected 3\n")
    assert "bike stolen" not in text + progress + capsys.readouterr().out
    events = await events_on(kafka_settings, CALLS_RECEIVED)
    assert sorted(p.cad_incident_id for _, p in events if isinstance(p, CallReceived)) == [
        f"HIST-{n:04d}" for n in range(6)]


async def test_csv_replay_with_column_mappings_and_credentials_file(
    kafka_settings: ServiceSettings, tmp_path: Path
) -> None:
    path = tmp_path / "export.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Incident No", "Type", "Time", "Addr", "Lat", "Lon", "Weapon"])
        writer.writerow(["C-1", "EDP", "2026-03-01T10:00:00-06:00", "2633 Minnehaha Ave",
                         "44.95", "-93.24", "N"])
        writer.writerow(["C-2", "ASSAULT", "2026-03-01T10:00:01-06:00", "", "44.96",
                         "-93.25", "Y"])
    summary, _, _ = await run(
        ["replay", str(path), "--url", "http://intake",
         "--credentials", str(tmp_path / "credentials.json"), "--speed", "100",
         "--column", "cad_incident_id=Incident No", "--column", "call_type=Type",
         "--column", "received_at=Time", "--column", "location.address=Addr",
         "--column", "location.lat=Lat", "--column", "location.lon=Lon",
         "--column", "flags.weapons=Weapon"], kafka_settings)
    assert (summary.accepted, summary.rejected_total) == (2, 0)
    events = await events_on(kafka_settings, CALLS_RECEIVED)
    payloads = {p.cad_incident_id: p for _, p in events if isinstance(p, CallReceived)}
    assert payloads["C-2"].flags == {"weapons": True}
    assert payloads["C-2"].location.lat == 44.96 and payloads["C-2"].location.address is None
    assert payloads["C-1"].flags == {"weapons": False}


async def test_rate_paces_the_replay(
    kafka_settings: ServiceSettings, credentials: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "calls.jsonl"
    path.write_text("\n".join(json.dumps(call(n)) for n in range(5)) + "\n")
    started = time.monotonic()
    summary, _, _ = await run(["replay", str(path), "--url", "http://intake", "--token",
                               credentials["admin"], "--rate", "10"], kafka_settings)
    # Five calls at 10/s: the last leaves 0.4 s after the first.
    assert time.monotonic() - started >= 0.4
    assert summary.accepted == 5


async def test_replay_waits_out_429s_and_still_delivers_everything(
    kafka_settings: ServiceSettings, credentials: dict[str, Any], tmp_path: Path
) -> None:
    from services.intake.limits import RateLimiter

    path = tmp_path / "calls.jsonl"
    path.write_text("\n".join(json.dumps(call(n)) for n in range(3)) + "\n")
    app = intake_app(kafka_settings)
    app.state.rate_limiter = RateLimiter(rate=5, burst=2)  # the third call must wait
    args = build_parser().parse_args(["replay", str(path), "--url", "http://intake",
                                      "--token", credentials["cad"], "--concurrency", "1"])
    async with app.router.lifespan_context(app):
        summary = await replay(args, transport=httpx.ASGITransport(app=app),
                               progress_stream=io.StringIO())
    assert (summary.accepted, summary.rejected_total) == (3, 0)
    assert len(await events_on(kafka_settings, CALLS_RECEIVED)) == 3


class AnswerLostOnce(httpx.AsyncBaseTransport):
    """Delivers every request; the first answer is lost on the wire (a dropped connection)."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.requests = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        response = await self.inner.handle_async_request(request)
        if self.requests == 1:
            await response.aclose()
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.")
        return response


async def test_a_call_whose_answer_was_lost_is_resent_and_recognised_not_doubled(
    kafka_settings: ServiceSettings, credentials: dict[str, Any]
) -> None:
    from collections import Counter

    from services.intake.replay import send_call

    app = intake_app(kafka_settings)
    transport = AnswerLostOnce(httpx.ASGITransport(app=app))
    retried: Counter[str] = Counter()
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            base_url="http://intake", transport=transport,
            headers={"Authorization": f"Bearer {credentials['cad']}"}) as client:
        status, body, error = await send_call(client, "/v1/calls", call(1), retries=3,
                                              retried=retried)
    assert (status, error, transport.requests) == (200, None, 2)
    assert body is not None and body["call_id"]
    assert retried == {"connection error: RemoteProtocolError": 1}
    events = await events_on(kafka_settings, CALLS_RECEIVED)
    assert [e.call_id for e, _ in events] == [body["call_id"]]
