"""The record of handled event ids that makes every consumer idempotent."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol


class ProcessedEvents(Protocol):
    """Remembers which event ids a consumer has handled, so a redelivery is skipped."""

    def seen(self, event_id: str) -> bool: ...

    def mark(self, event_ids: Iterable[str]) -> None: ...


@dataclass
class MemoryProcessedEvents:
    """A bounded in-memory record; services with a database use the durable one in db.py."""

    limit: int = 200_000
    _ids: dict[str, None] = field(default_factory=dict)

    def seen(self, event_id: str) -> bool:
        return event_id in self._ids

    def seen_many(self, event_ids: Sequence[str]) -> set[str]:
        return {i for i in event_ids if i in self._ids}

    def mark(self, event_ids: Iterable[str]) -> None:
        for event_id in event_ids:
            self._ids[event_id] = None
        while len(self._ids) > self.limit:
            self._ids.pop(next(iter(self._ids)))
