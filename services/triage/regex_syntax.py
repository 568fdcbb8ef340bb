"""A parser for the part of Python's regular-expression syntax the policy uses.

The pre-filters in :mod:`services.triage.regex_prefilter` read a pattern's structure to
learn which letters every match starts with. The standard library's own parser is a
private module whose shape may change in any release, so patterns are parsed here into
a small tree of ``(op, argument)`` items:

- ``("LITERAL", codepoint)``, ``("ANY", None)``;
- ``("IN", items)`` for a class, whose items are ``("NEGATE", None)`` (first),
  ``("LITERAL", codepoint)``, ``("RANGE", (low, high))`` and ``("CATEGORY", name)``;
- ``("AT", name)`` for anchors and word boundaries;
- ``("SUBPATTERN", (group, add_flags, del_flags, items))``;
- ``("BRANCH", (None, [items, ...]))``;
- ``("MAX_REPEAT" | "MIN_REPEAT" | "POSSESSIVE_REPEAT", (low, high, items))``;
- ``("ASSERT" | "ASSERT_NOT", (direction, items))``.

Anything outside that subset (back-references, conditionals, verbose mode, ...) raises
:class:`UnsupportedPattern`; callers then assume nothing about the pattern, which only
costs speed, never a match.
"""

from __future__ import annotations

import re
from typing import Any

Item = tuple[str, Any]

UNBOUNDED = 2**32 - 1

_CATEGORIES = {
    "w": "CATEGORY_WORD", "W": "CATEGORY_NOT_WORD",
    "d": "CATEGORY_DIGIT", "D": "CATEGORY_NOT_DIGIT",
    "s": "CATEGORY_SPACE", "S": "CATEGORY_NOT_SPACE",
}
_ANCHORS = {"b": "AT_BOUNDARY", "B": "AT_NON_BOUNDARY", "A": "AT_BEGINNING_STRING",
            "Z": "AT_END_STRING"}
_CONTROL = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "a": re.ASCII,
          "u": re.UNICODE}


class UnsupportedPattern(ValueError):
    """The pattern uses syntax this parser does not read."""


class _Reader:
    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.pos = 0
        self.groups = 0
        self.flags = 0

    def peek(self, n: int = 1) -> str:
        return self.text[self.pos:self.pos + n]

    def take(self, n: int = 1) -> str:
        got = self.text[self.pos:self.pos + n]
        if len(got) < n:
            raise UnsupportedPattern(f"pattern ends early at {self.pos}")
        self.pos += n
        return got

    def done(self) -> bool:
        return self.pos >= len(self.text)


def parse(pattern: str, flags: int = 0) -> tuple[list[Item], int]:
    """The pattern's items and its flags (those given and any inline global ones)."""
    if flags & re.VERBOSE:
        raise UnsupportedPattern("verbose patterns are not read")
    reader = _Reader(pattern)
    reader.flags = flags
    items = _alternation(reader)
    if not reader.done():
        raise UnsupportedPattern(f"unbalanced ')' at {reader.pos}")
    return items, reader.flags


def min_width(items: list[Item]) -> int:
    """The fewest characters any match of ``items`` consumes."""
    total = 0
    for op, av in items:
        if op in ("LITERAL", "IN", "ANY"):
            total += 1
        elif op == "SUBPATTERN":
            total += min_width(av[3])
        elif op == "BRANCH":
            total += min(min_width(alt) for alt in av[1])
        elif op.endswith("REPEAT"):
            total += av[0] * min_width(av[2])
    return total


def _alternation(reader: _Reader) -> list[Item]:
    alternatives = [_sequence(reader)]
    while reader.peek() == "|":
        reader.take()
        alternatives.append(_sequence(reader))
    if len(alternatives) == 1:
        return alternatives[0]
    # What every alternative starts with is said once, before the branch ("\bab|\bcd" is
    # "\b(?:ab|cd)"), as Python's own parser does: readers then see a leading word
    # boundary that holds for the whole branch.
    common: list[Item] = []
    while all(alternatives) and all(alt[0] == alternatives[0][0] for alt in alternatives):
        common.append(alternatives[0][0])
        alternatives = [alt[1:] for alt in alternatives]
    return [*common, ("BRANCH", (None, alternatives))]


def _sequence(reader: _Reader) -> list[Item]:
    items: list[Item] = []
    while not reader.done() and reader.peek() not in "|)":
        atom = _atom(reader)
        if atom is None:
            continue
        items.append(_quantified(reader, atom))
    return items


def _quantified(reader: _Reader, atom: Item) -> Item:
    c = reader.peek()
    if c == "?":
        low, high = 0, 1
    elif c == "*":
        low, high = 0, UNBOUNDED
    elif c == "+":
        low, high = 1, UNBOUNDED
    elif c == "{" and re.match(r"\{\d*,?\d*\}", reader.text[reader.pos:]):
        body = reader.text[reader.pos + 1:reader.text.index("}", reader.pos)]
        if body in ("", ","):
            return atom  # "{" and "{,}" are literal text to Python's parser too
        low_s, comma, high_s = body.partition(",")
        low = int(low_s or 0)
        high = int(high_s) if high_s else (UNBOUNDED if comma else low)
        reader.pos += len(body) + 2  # the braces and what is between them
        return _repeat(reader, atom, low, high, skip=0)
    else:
        return atom
    return _repeat(reader, atom, low, high, skip=1)


def _repeat(reader: _Reader, atom: Item, low: int, high: int, skip: int) -> Item:
    reader.pos += skip
    if atom[0] == "AT" or atom[0].startswith("ASSERT"):
        raise UnsupportedPattern("repeated zero-width assertion")
    kind = "MAX_REPEAT"
    if reader.peek() == "?":
        reader.take()
        kind = "MIN_REPEAT"
    elif reader.peek() == "+":
        reader.take()
        kind = "POSSESSIVE_REPEAT"
    return (kind, (low, high, [atom]))


def _atom(reader: _Reader) -> Item | None:
    c = reader.take()
    if c == "(":
        return _group(reader, start=reader.pos - 1)
    if c == "[":
        return ("IN", _class(reader))
    if c == ".":
        return ("ANY", None)
    if c == "^":
        return ("AT", "AT_BEGINNING")
    if c == "$":
        return ("AT", "AT_END")
    if c == "\\":
        return _escape(reader, in_class=False)
    if c in "*+?":
        raise UnsupportedPattern(f"nothing to repeat at {reader.pos - 1}")
    return ("LITERAL", ord(c))


def _group(reader: _Reader, start: int) -> Item | None:
    if reader.peek() != "?":
        reader.groups += 1
        return ("SUBPATTERN", (reader.groups, 0, 0, _closed_group(reader)))
    reader.take()
    c = reader.take()
    if c == ":":
        return ("SUBPATTERN", (None, 0, 0, _closed_group(reader)))
    if c in "=!":
        return ("ASSERT" if c == "=" else "ASSERT_NOT", (1, _closed_group(reader)))
    if c == "<" and reader.peek() in ("=", "!"):
        kind = "ASSERT" if reader.take() == "=" else "ASSERT_NOT"
        return (kind, (-1, _closed_group(reader)))
    if c == "P" and reader.peek() == "<":
        end = reader.text.find(">", reader.pos)
        if end < 0:
            raise UnsupportedPattern("unterminated group name")
        reader.pos = end + 1
        reader.groups += 1
        return ("SUBPATTERN", (reader.groups, 0, 0, _closed_group(reader)))
    add = remove = 0
    sign = 1
    while c in _FLAGS or c == "-":
        if c == "-":
            sign = -1
        elif sign > 0:
            add |= _FLAGS[c]
        else:
            remove |= _FLAGS[c]
        c = reader.take()
    if c == ")" and (add or remove) and not remove:
        if start != 0:
            raise UnsupportedPattern("global flags not at the start")
        reader.flags |= add
        return None
    if c == ":" and (add or remove):
        return ("SUBPATTERN", (None, add, remove, _closed_group(reader)))
    raise UnsupportedPattern(f"group syntax (?{c} is not read")


def _closed_group(reader: _Reader) -> list[Item]:
    items = _alternation(reader)
    if reader.take() != ")":
        raise UnsupportedPattern("missing ')'")
    return items


def _class(reader: _Reader) -> list[Item]:
    items: list[Item] = []
    if reader.peek() == "^":
        reader.take()
        items.append(("NEGATE", None))
    first = True
    while True:
        c = reader.take()
        if c == "]" and not first:
            return items
        first = False
        if c == "[" and reader.peek() in (":", "=", "."):
            raise UnsupportedPattern("POSIX classes are not read")
        item = _escape(reader, in_class=True) if c == "\\" else ("LITERAL", ord(c))
        if reader.peek() == "-" and reader.peek(2)[1:] not in ("]", ""):
            if item[0] != "LITERAL":
                raise UnsupportedPattern("range from a category")
            reader.take()
            end_c = reader.take()
            end = _escape(reader, in_class=True) if end_c == "\\" else ("LITERAL", ord(end_c))
            if end[0] != "LITERAL" or end[1] < item[1]:
                raise UnsupportedPattern("bad range in class")
            items.append(("RANGE", (item[1], end[1])))
        else:
            items.append(item)


def _escape(reader: _Reader, in_class: bool) -> Item:
    c = reader.take()
    if c in _CATEGORIES:
        category = ("CATEGORY", _CATEGORIES[c])
        return category if in_class else ("IN", [category])
    if c == "b" and in_class:
        return ("LITERAL", 8)
    if c in _ANCHORS and not in_class:
        return ("AT", _ANCHORS[c])
    if c in _CONTROL:
        return ("LITERAL", ord(_CONTROL[c]))
    if c == "x":
        return ("LITERAL", int(reader.take(2), 16))
    if c == "u":
        return ("LITERAL", int(reader.take(4), 16))
    if c.isalnum():
        raise UnsupportedPattern(f"escape \\{c} is not read")
    return ("LITERAL", ord(c))
