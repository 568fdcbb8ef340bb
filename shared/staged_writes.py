"""Writes a consumer's handlers stage during a poll, committed once a poll.

A handler that wrote its own transaction cost a commit per event, and the poll's record
of handled ids one more (:class:`shared.db.DatabaseProcessedEvents`). Staged instead, a
handler's writes wait until the poll's events are acknowledged, then go to the database
in the same transaction as the handled ids: one commit a poll, however many events it
brought. A crash before that commit leaves nothing written and nothing marked, so the
poll is read again and done again (derived events keep their ids, and every consumer
skips an id it handled); after it, both stand.

A write stands for the events it was staged with, and commits only if every one of them
was handled: the write of a batch that failed and went event by event, or of an event
that ended in the dead letters, is dropped. Writes must be safe to repeat (upserts): a
handler retried after a failure stages its write again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from typing import Any

# Runs on a DB-API cursor inside the poll's transaction.
Write = Callable[[Any], None]


class StagedWrites:
    """The writes of the poll in progress, in the order they were staged."""

    def __init__(self) -> None:
        self._writes: list[tuple[frozenset[str], Write]] = []
        self._on_clear: list[Callable[[], None]] = []

    def stage(self, event_ids: Iterable[str], write: Write) -> None:
        self._writes.append((frozenset(event_ids), write))

    def __len__(self) -> int:
        return len(self._writes)

    def of(self, handled: AbstractSet[str]) -> list[Write]:
        """The writes whose events were all handled, in the order staged."""
        return [write for event_ids, write in self._writes if event_ids <= handled]

    def on_clear(self, hook: Callable[[], None]) -> None:
        """``hook`` runs whenever the staged writes are committed or dropped (a store that
        answers reads from its staged writes forgets them)."""
        self._on_clear.append(hook)

    def clear(self) -> None:
        """After the poll's transaction committed, or when its writes are to be dropped
        (the poll will be read again)."""
        self._writes.clear()
        for hook in self._on_clear:
            hook()
