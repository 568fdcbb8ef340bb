"""Logs are JSON and never carry a narrative, even when one is handed to the logger."""

from __future__ import annotations

import json
import logging

from shared.logging import JsonFormatter


def test_only_whitelisted_fields_reach_the_log_line() -> None:
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "call triaged", None, None)
    record.call_id = "c-42"
    record.narrative = "brother says he wants to die"
    line = JsonFormatter("triage").format(record)
    entry = json.loads(line)
    assert entry["call_id"] == "c-42" and entry["service"] == "triage"
    assert "wants to die" not in line
