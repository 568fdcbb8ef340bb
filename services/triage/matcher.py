"""Fast matching of many large word-bounded alternations against one canonical text.

Triage's vocabularies are long alternations (``\\b(?:gun|knife|...|shot at him)\\b``).
Python's regex engine tries every alternative at every position of the text, so one
family of a hundred phrasings costs tens of microseconds per narrative. Here each
alternative is compiled on its own and indexed by the first letters any match of it
starts with (:func:`services.triage.text.literal_prefixes`); a text is then matched by
looking its tokens up, once each, and trying only the alternatives that can start there.
Alternatives whose start cannot be told (a leading ``\\w+`` or optional part) are scanned
over the whole text, as before.

The matches a rule yields are the whole alternation's at each token: by start, and at
one start the first alternative in written order (the regex engine's choice).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress

from services.triage.text import Canonical, literal_prefixes


def split_alternatives(source: str) -> list[str]:
    """The top-level alternatives of a regex source (``a|b(?:c|d)`` -> ``a``, ``b(?:c|d)``)."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    in_class = escaped = False
    for ch in source:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return parts


def _closing(source: str, start: int) -> int:
    """Index of the ``)`` closing the group that opens at ``start``, or -1."""
    depth = 0
    in_class = escaped = False
    for i in range(start, len(source)):
        ch = source[i]
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def expand_optional_head(source: str) -> list[str]:
    """``(?:red )?marks`` -> ``red marks``, ``marks``: an alternative that may start with
    an optional group is two alternatives, each with a known first word to index by."""
    if not source.startswith("(?:"):
        return [source]
    end = _closing(source, 0)
    if end < 0 or source[end + 1:end + 2] != "?" or source[end + 2:end + 3] in ("?", "+"):
        return [source]
    inner, rest = source[3:end], source[end + 2:]
    return [f"(?:{inner}){rest}", *expand_optional_head(rest)]


def unwrap(source: str) -> str:
    """The inside of a ``\\b(?:...)\\b`` wrapper, or the source itself."""
    if source.startswith(r"\b(?:") and source.endswith(r")\b"):
        inner = source[5:-3]
        # only a wrapper when its group closes at the very end
        if _balanced(inner):
            return inner
    return source


def _balanced(source: str) -> bool:
    depth = 0
    for part in split_alternatives(source):
        depth += part.count("(") - part.count(r"\(") - part.count(")") + part.count(r"\)")
    return depth == 0


class Matcher:
    """Rules, each a list of regex alternatives, matched word-bounded against texts."""

    def __init__(self, rules: Sequence[Sequence[str]]) -> None:
        self.sources = [list(alternatives) for alternatives in rules]
        self.by_prefix: dict[str, list[tuple[int, int]]] = {}
        self.anywhere: list[tuple[int, re.Pattern[str]]] = []
        lengths: set[int] = set()
        self.sources = [[expanded for alternative in alternatives
                         for expanded in expand_optional_head(alternative)]
                        for alternatives in self.sources]
        for r, alternatives in enumerate(self.sources):
            for a, source in enumerate(alternatives):
                pattern = re.compile(rf"\b(?:{source})\b")
                prefixes = literal_prefixes(pattern.pattern)
                if prefixes is None:
                    self.anywhere.append((r, pattern))
                    continue
                for pre in prefixes:
                    self.by_prefix.setdefault(pre, []).append((r, a))
                    lengths.add(len(pre))
        self.lengths = tuple(sorted(lengths))
        # token -> per rule, one regex of the alternatives that can start at that token, in
        # their written order (so the engine's choice among them is the alternation's)
        self._by_token = _EntriesByToken(self)
        self._combined: dict[tuple[int, tuple[int, ...]], re.Pattern[str]] = {}

    def entries(self, token: str) -> tuple[tuple[int, re.Pattern[str]], ...]:
        per_rule: dict[int, set[int]] = {}
        for n in self.lengths:
            for r, a in self.by_prefix.get(token[:n], ()):
                per_rule.setdefault(r, set()).add(a)
        return tuple((r, self._pattern(r, tuple(sorted(alts))))
                     for r, alts in sorted(per_rule.items()))

    def _pattern(self, rule: int, alternatives: tuple[int, ...]) -> re.Pattern[str]:
        key = (rule, alternatives)
        pattern = self._combined.get(key)
        if pattern is None:
            body = "|".join(self.sources[rule][a] for a in alternatives)
            pattern = self._combined[key] = re.compile(rf"\b(?:{body})\b")
        return pattern

    def matches(self, canon: Canonical) -> dict[int, list[re.Match[str]]]:
        """Rule number -> its matches in ``canon``, in order of their start."""
        text = canon.text
        by_token = self._by_token
        if len(by_token) > 200_000:
            by_token.clear()
        per_token = list(map(by_token.__getitem__, canon.tokens))
        hits: dict[int, list[re.Match[str]]] = {}
        starts = canon.starts
        for t in compress(range(len(per_token)), per_token):
            off = starts[t]
            for r, pattern in per_token[t]:
                m = pattern.match(text, off)
                if m is not None:
                    found = hits.get(r)
                    if found is None:
                        hits[r] = [m]
                    else:
                        found.append(m)
        for r, pattern in self.anywhere:
            more = list(pattern.finditer(text))
            if more:
                hits[r] = sorted([*hits.get(r, ()), *more], key=_start)
        return hits


class _EntriesByToken(dict[str, tuple[tuple[int, re.Pattern[str]], ...]]):
    """token -> :meth:`Matcher.entries`, computed on first look-up, so that a text's
    tokens are looked up with one ``map`` and no Python-level loop for known tokens."""

    def __init__(self, matcher: Matcher) -> None:
        super().__init__()
        self.matcher = matcher

    def __missing__(self, token: str) -> tuple[tuple[int, re.Pattern[str]], ...]:
        found = self[token] = self.matcher.entries(token)
        return found


def _start(m: re.Match[str]) -> int:
    return m.start()
