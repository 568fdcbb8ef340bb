"""Crews' status reports that arrive while one is being written share the next transaction.

A report alone is a transaction of its own (on PostgreSQL about ten round trips with the
commit). With crews reporting two or three times a call, reports queued behind each
other: at 20 calls/s on PostgreSQL calls then waited seconds for a decision. Here reports
that wait are applied together, in order, in one transaction (a group commit): one
commit for all of them, their calls locked in one statement. A lone report goes at once,
as before; only under load do batches grow. Each report is still answered with its own
result or refusal.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from services.assignment.crews import ReportRefused, UnitReport
from services.assignment.dispatcher import Dispatcher
from shared.db import run_store_work, store_unavailable

log = logging.getLogger(__name__)

# Reports in one transaction at the most: a long one would hold decisions back.
MAX_BATCH = 50

Outcome = dict[str, Any] | ReportRefused


class StatusReports:
    def __init__(self, dispatcher: Dispatcher) -> None:
        self.dispatcher = dispatcher
        self._waiting: list[tuple[UnitReport, asyncio.Future[dict[str, Any]]]] = []
        self._writer: asyncio.Task[None] | None = None
        self.batches = 0

    async def report(self, report: UnitReport) -> dict[str, Any]:
        """Apply ``report``; its result, or its refusal raised."""
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting.append((report, future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_waiting())
        # Shielded: a caller that hangs up does not take the others' answers with it.
        return await asyncio.shield(future)

    async def _write_waiting(self) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting[:MAX_BATCH], self._waiting[MAX_BATCH:]
            reports = [report for report, _ in batch]
            try:
                outcomes = await self._apply(reports)
            except Exception as error:
                if len(batch) == 1 or store_unavailable(error):
                    for _, future in batch:
                        _settle(future, error)
                    continue
                # Something in one report broke the whole transaction: each alone, so
                # that it cannot fail the others.
                log.warning("a batch of status reports failed; applying them one by one",
                            extra={"count": len(batch), "reason": type(error).__name__})
                for report, future in batch:
                    try:
                        [outcome] = await self._apply([report])
                    except Exception as alone:
                        _settle(future, alone)
                    else:
                        _settle(future, outcome)
                continue
            for (_, future), outcome in zip(batch, outcomes, strict=True):
                _settle(future, outcome)

    async def _apply(self, reports: list[UnitReport]) -> list[Outcome]:
        self.batches += 1
        return await run_store_work(self.dispatcher.engine, self.dispatcher.report_statuses,
                                    reports)


def _settle(future: asyncio.Future[dict[str, Any]], outcome: Outcome | Exception) -> None:
    if future.done():
        return
    if isinstance(outcome, BaseException):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)
