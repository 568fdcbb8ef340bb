"""The one helper every vocabulary module builds its families with."""

from __future__ import annotations


def alternatives(*parts: str) -> str:
    """One non-capturing, word-bounded alternation of the given regex alternatives."""
    return r"\b(?:" + "|".join(parts) + r")\b"
