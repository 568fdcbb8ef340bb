"""What every match of a policy pattern starts with, read from the pattern's structure.

These answers only ever let the matcher skip a pattern that cannot match a text; where
the structure cannot be read (see :class:`UnsupportedPattern`) the answer is "unknown"
and the pattern is always tried, so they cost speed when wrong, never a match.
"""

from __future__ import annotations

import re
from typing import Any

from services.triage.regex_syntax import UnsupportedPattern, min_width, parse


def _first_chars(items: list[tuple[Any, Any]], k: int, bounded: bool) -> set[str] | None:
    """Possible first ``k`` characters (cut at a space) of what the parsed regex matches,
    or None when unknown. ``bounded``: a word boundary precedes, so a match begins at the
    start of a word (required before the first character, else None)."""
    results: set[str] = {""}
    for op, av in items:
        name = str(op)
        if all(len(r) >= k or r.endswith(" ") for r in results):
            break
        started = results != {""}
        if name == "AT":
            bounded = bounded or str(av) == "AT_BOUNDARY"
            continue
        if name in ("ASSERT", "ASSERT_NOT"):
            continue
        if not (bounded or started):
            return None
        if name == "LITERAL":
            results = {r if (len(r) >= k or r.endswith(" ")) else r + chr(av) for r in results}
            continue
        if name == "IN":
            chars = _set_chars(av)
            if chars is None:
                return None
            results = {r if (len(r) >= k or r.endswith(" ")) else r + c
                       for r in results for c in chars}
            continue
        if name == "SUBPATTERN":
            sub = _first_chars(list(av[-1]), k, True)
            if sub is None:
                return None
            results = _join(results, sub, k)
            continue
        if name == "BRANCH":
            alts: set[str] = set()
            for alt in av[1]:
                sub = _first_chars(list(alt), k, True)
                if sub is None:
                    return None
                alts |= sub
            results = _join(results, alts, k)
            continue
        if name in ("MAX_REPEAT", "MIN_REPEAT"):
            lo, _hi, body = av
            if lo == 0:
                # optional: what follows may come first, so the prefix ends here
                results = {r if (len(r) >= k or r.endswith(" ")) else r + " "
                           for r in results}
                break
            sub = _first_chars(list(body), k, True)
            if sub is None:
                return None
            results = _join(results, sub, k)
            continue
        return None
    return results


def _join(heads: set[str], tails: set[str], k: int) -> set[str]:
    out: set[str] = set()
    for h in heads:
        if len(h) >= k or h.endswith(" "):
            out.add(h)
            continue
        for t in tails:
            out.add((h + t)[:k])
    return out


def literal_prefixes(pattern: str, k: int = 3) -> frozenset[str] | None:
    """The first ``k`` letters (or fewer, up to a space) any match of ``pattern`` starts
    with, or None when that cannot be told. A rule whose prefixes are absent from a
    text's word prefixes cannot match it, and is skipped."""
    try:
        parsed, _flags = parse(pattern)
    except UnsupportedPattern:
        return None
    firsts = _first_chars(parsed, k, False)
    if firsts is None or not firsts:
        return None
    prefixes = frozenset(f.rstrip(" ") for f in firsts)
    # a match that may begin with an optional part has no known first letters
    return None if "" in prefixes else prefixes


_HEAD_LENGTH = 8
_MAX_HEADS = 512
_ZERO_WIDTH = frozenset({"AT", "ASSERT", "ASSERT_NOT"})
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})
# a head: the text so far, and whether what follows may still be appended to it
_Head = tuple[str, bool]


def literal_heads(pattern: re.Pattern[str], k: int = _HEAD_LENGTH) -> frozenset[str] | None:
    """Strings (of up to ``k`` characters, spaces included) one of which every match of
    ``pattern`` begins with, or None when that cannot be told.

    Unlike :func:`literal_prefixes` this reads past spaces and optional parts, so it
    tells ``suspect (?:is )?gone`` from any other word starting ``sus``; it is only ever
    used to rule out candidates that :func:`literal_prefixes` let through.
    """
    parsed = _case_sensitive_items(pattern)
    if parsed is None:
        return None
    heads = _extend_heads(parsed, {("", True)}, k)
    if heads is None or not heads or any(h == "" for h, _ in heads):
        return None
    return frozenset(h for h, _ in heads)


def _case_sensitive_items(pattern: re.Pattern[str]) -> list[tuple[Any, Any]] | None:
    """The parsed pattern, or None when it cannot be read or is case-folded (its
    literal letters then say nothing of the text's)."""
    try:
        parsed, flags = parse(pattern.pattern, pattern.flags)
    except UnsupportedPattern:
        return None
    return None if flags & re.IGNORECASE else parsed


def _closed(heads: set[_Head]) -> set[_Head]:
    return {(h, False) for h, _ in heads}


def _extend_heads(items: list[tuple[Any, Any]], heads: set[_Head], k: int) -> set[_Head] | None:
    for op, av in items:
        if not any(open_ for _, open_ in heads):
            break
        if len(heads) > _MAX_HEADS:
            return None
        name = str(op)
        if name in _ZERO_WIDTH:
            continue
        chars: list[str] | None = None
        if name == "LITERAL":
            chars = [chr(av)]
        elif name == "IN":
            chars = _set_chars(av)
        elif name == "SUBPATTERN":
            _group, add_flags, _del_flags, sub = av
            if add_flags & re.IGNORECASE:
                return _closed(heads)
            found = _extend_heads(list(sub), heads, k)
            if found is None:
                return None
            heads = found
            continue
        elif name == "BRANCH":
            merged: set[_Head] = set()
            for alt in av[1]:
                found = _extend_heads(list(alt), heads, k)
                if found is None:
                    return None
                merged |= found
            heads = merged
            continue
        elif name in _REPEATS:
            lo, hi, body = av
            once = _extend_heads(list(body), heads, k)
            if once is None:
                return None
            if not lo == hi == 1:
                # another repetition or what follows the repeat may come next: stop here
                once = _closed(once)
            heads = heads | once if lo == 0 else once
            continue
        if chars is None:
            return _closed(heads)
        grown: set[_Head] = set()
        for h, open_ in heads:
            if not open_:
                grown.add((h, False))
                continue
            for c in chars:
                grown.add((h + c, len(h) + 1 < k))
        heads = grown
    return heads


def _set_chars(items: list[tuple[Any, Any]]) -> list[str] | None:
    chars: list[str] = []
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            chars.append(chr(av))
        elif name == "RANGE" and av[1] - av[0] < 40:
            chars.extend(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return chars


def matches_within_words(pattern: re.Pattern[str]) -> bool:
    """Whether every match of ``pattern`` lies within one whitespace-delimited word of the
    text and is a match of the word alone: nothing in it matches whitespace or the empty
    string, and it looks at nothing outside the match but word boundaries (which see
    whitespace and a string's ends alike)."""
    try:
        parsed, _flags = parse(pattern.pattern, pattern.flags)
    except UnsupportedPattern:
        return False
    return min_width(parsed) > 0 and _no_whitespace(parsed)


_WORD_CATEGORIES = frozenset({"CATEGORY_WORD", "CATEGORY_DIGIT"})


def _no_whitespace(items: list[tuple[Any, Any]]) -> bool:
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            if chr(av).isspace():
                return False
        elif name == "IN":
            for iop, iav in av:
                iname = str(iop)
                if iname == "LITERAL":
                    if chr(iav).isspace():
                        return False
                elif iname == "RANGE":
                    if iav[1] - iav[0] > 1000 or any(
                            chr(c).isspace() for c in range(iav[0], iav[1] + 1)):
                        return False
                elif not (iname == "CATEGORY" and str(iav) in _WORD_CATEGORIES):
                    return False
        elif name == "AT":
            if str(av) not in ("AT_BOUNDARY", "AT_NON_BOUNDARY"):
                return False
        elif name == "SUBPATTERN":
            if not _no_whitespace(list(av[-1])):
                return False
        elif name == "BRANCH":
            if not all(_no_whitespace(list(alt)) for alt in av[1]):
                return False
        elif name in _REPEATS:
            if not _no_whitespace(list(av[2])):
                return False
        else:
            return False
    return True


_MAX_STRINGS = 64


class _NotFinite(Exception):
    pass


def required_substrings(pattern: re.Pattern[str], min_length: int = 4,
                        max_count: int = 16) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains, or None when none can be
    told: a text that contains none of them cannot match.

    Read from the parts every match goes through in turn (the top-level sequence, read
    through unquantified groups): of the runs of consecutive parts that match only a short
    list of strings (literals, classes of a few letters, branches and ``?`` of those), the
    one with the fewest strings, each at least ``min_length`` characters long.
    ``\\w+ (?:taken|stolen) from`` gives " taken from", " stolen from".
    """
    parsed = _case_sensitive_items(pattern)
    if parsed is None:
        return None
    parts = _always(parsed)
    best: list[str] | None = None
    for i in range(len(parts)):
        for j in range(i + 1, len(parts) + 1):
            try:
                strings = _minimal(_strings(parts[i:j]))
            except _NotFinite:
                break
            if len(set(strings)) > max_count:
                break
            shortest = min(map(len, strings))
            if shortest < min_length:
                continue
            if best is None or (len(set(strings)), -shortest) < (
                    len(set(best)), -min(map(len, best))):
                best = strings
    return frozenset(best) if best is not None else None


def _minimal(strings: list[str]) -> list[str]:
    """``strings`` without those that hold another of them: a text holding "doors" holds
    "door", so "door" alone says as much and keeps the list short."""
    kept: list[str] = []
    for candidate in sorted(set(strings), key=len):
        if not any(k in candidate for k in kept):
            kept.append(candidate)
    return kept


def _always(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """The parts every match goes through in turn, read through groups that are not
    repeated and carry no flags of their own."""
    out: list[tuple[Any, Any]] = []
    for op, av in items:
        if str(op) == "SUBPATTERN" and not av[1] and not av[2]:
            out.extend(_always(list(av[3])))
        else:
            out.append((op, av))
    return out


def _strings(items: list[tuple[Any, Any]]) -> list[str]:
    """Every string a sequence of parts matches (raises _NotFinite if not a short list)."""
    out = [""]
    for op, av in items:
        name = str(op)
        options: list[str] | None
        if name == "LITERAL":
            options = [chr(av)]
        elif name == "IN":
            options = _set_chars(av)
        elif name == "SUBPATTERN" and not av[1] and not av[2]:
            options = _strings(list(av[3]))
        elif name == "BRANCH":
            options = [s for alt in av[1] for s in _strings(list(alt))]
        elif name in ("MAX_REPEAT", "MIN_REPEAT") and (av[0], av[1]) in ((0, 1), (1, 1)):
            options = _strings(list(av[2])) + ([""] if av[0] == 0 else [])
        else:
            options = None
        if options is None:
            raise _NotFinite
        out = [head + tail for head in out for tail in options]
        if len(out) > _MAX_STRINGS:
            raise _NotFinite
    return out


# a piece of a head, and whether it must begin and end a whitespace-delimited word
HeadPiece = tuple[str, bool, bool]


def head_piece(head: str) -> HeadPiece | None:
    """The most telling whitespace-free piece of ``head`` (None: it has none): a text
    holding ``head`` has the piece inside one of its whitespace-delimited words, at the
    word's start when whitespace comes before it in ``head``, at its end when after."""
    parts = re.split(r"\s", head)
    pieces = [(part, i > 0, i < len(parts) - 1) for i, part in enumerate(parts) if part]
    if not pieces:
        return None
    # the longer the rarer, and a piece that must begin or end a word rarer still
    return max(pieces, key=lambda p: len(p[0]) + p[1] + p[2])


def piece_in_word(piece: HeadPiece, word: str) -> bool:
    """Whether ``word`` (whitespace-delimited) holds ``piece`` where the head puts it."""
    text, at_start, at_end = piece
    if at_start:
        return word == text if at_end else word.startswith(text)
    return word.endswith(text) if at_end else text in word
