"""What changed from one policy version to the next, as a reader would want to see it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache

# Lines of unchanged text shown around each change.
CONTEXT_LINES = 3


@dataclass(frozen=True)
class PolicyChange:
    """A unified diff of the policy text, with its counts; whether the reader changed."""

    diff: str
    lines_added: int
    lines_removed: int
    reader_changed: bool


@lru_cache(maxsize=64)  # versions never change once archived: a diff is computed once
def policy_change(before: str, after: str, before_name: str, after_name: str,
                  reader_before: str | None, reader_after: str | None) -> PolicyChange:
    """The unified diff from ``before`` to ``after`` (each named for its header), and
    whether the learned reader's file differs (compared by its SHA-256: a file of
    weights has no readable diff)."""
    lines = list(difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        fromfile=before_name, tofile=after_name, n=CONTEXT_LINES))
    text = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    added = sum(1 for line in lines if line.startswith("+") and not line.startswith("+++"))
    removed = sum(1 for line in lines if line.startswith("-") and not line.startswith("---"))
    return PolicyChange(text, added, removed, reader_before != reader_after)
