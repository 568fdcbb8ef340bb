"""Fast matching of many large word-bounded alternations against one canonical text.

Triage's vocabularies are long alternations (``\\b(?:gun|knife|...|shot at him)\\b``).
Python's regex engine tries every alternative at every position of the text, so one
family of a hundred phrasings costs tens of microseconds per narrative. Here each
alternative is compiled on its own and indexed by the first letters any match of it
starts with (:func:`services.triage.regex_prefilter.literal_prefixes`); a text is then matched by
looking its tokens up, once each, and trying only the alternatives that can start there:
those its first letters allow whose heads (:func:`~services.triage.regex_prefilter.literal_heads`,
read past spaces: ``suspect (?:is )?gone``) the whole token fits, so most tokens try none.
Alternatives whose start cannot be told (a leading ``\\w+`` or optional part) are scanned
over the whole text, as before, unless the text lacks every string one of which their
every match contains (``\\w+ (?:taken|stolen) from``: " taken ", " stolen ").

The matches a rule yields are the whole alternation's at each token: by start, and at
one start the first alternative in written order (the regex engine's choice).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import compress
from typing import NamedTuple

from services.triage.regex_prefilter import literal_heads, literal_prefixes, required_substrings
from services.triage.text import Canonical


def _group_depths(source: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) for each character of a regex source
    that is neither escaped nor inside a character class: the structure both
    :func:`split_alternatives` and :func:`_closing` read."""
    depth = 0
    in_class = escaped = False
    for i, ch in enumerate(source):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        else:
            depth += (ch == "(") - (ch == ")")
            yield i, ch, depth


def split_alternatives(source: str) -> list[str]:
    """The top-level alternatives of a regex source (``a|b(?:c|d)`` -> ``a``, ``b(?:c|d)``)."""
    cuts = [i for i, ch, depth in _group_depths(source) if ch == "|" and depth == 0]
    bounds = zip([-1, *cuts], [*cuts, len(source)], strict=True)
    return [source[lo + 1:hi] for lo, hi in bounds]


def _closing(source: str, start: int) -> int:
    """Index of the ``)`` closing the group that opens at ``start`` (0 or the start of a
    top-level group), or -1."""
    return next((i for i, ch, depth in _group_depths(source)
                 if i > start and ch == ")" and depth == 0), -1)


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
    depths = [depth for _, _, depth in _group_depths(source)]
    return not depths or (depths[-1] == 0 and min(depths) >= 0)


class Matcher:
    """Rules, each a list of regex alternatives, matched word-bounded against texts."""

    def __init__(self, rules: Sequence[Sequence[str]]) -> None:
        self.sources = [list(alternatives) for alternatives in rules]
        self.by_prefix: dict[str, list[tuple[int, int]]] = {}
        # per indexed alternative, strings one of which its every match begins with
        # (spaces included, read past optional parts; None: unknown), to tell at a whole
        # token which of the alternatives its first letters allow can start there
        self.heads: dict[tuple[int, int], frozenset[str] | None] = {}
        # alternatives whose first letters cannot be told, scanned over the whole text
        # unless it lacks every string one of which each of their matches contains
        self.anywhere: list[tuple[int, re.Pattern[str], frozenset[str] | None]] = []
        lengths: set[int] = set()
        self.sources = [[expanded for alternative in alternatives
                         for expanded in expand_optional_head(alternative)]
                        for alternatives in self.sources]
        for r, alternatives in enumerate(self.sources):
            for a, source in enumerate(alternatives):
                pattern = re.compile(rf"\b(?:{source})\b")
                prefixes = literal_prefixes(pattern.pattern)
                if prefixes is None:
                    self.anywhere.append((r, pattern, required_substrings(pattern)))
                    continue
                for pre in prefixes:
                    self.by_prefix.setdefault(pre, []).append((r, a))
                    lengths.add(len(pre))
                self.heads[(r, a)] = literal_heads(pattern)
        self.head_tests = {key: _HeadTest.of(heads) for key, heads in self.heads.items()}
        self.lengths = tuple(sorted(lengths))
        # token -> one regex that, at that token, tries every rule that can start there:
        # each rule's alternatives (in written order, so the engine's choice among them is
        # the alternation's) inside a lookahead of its own, so that one call finds every
        # rule's match at that position, and the rule numbers of its groups
        self._by_token = _EntriesByToken(self)
        self._combined: dict[tuple[tuple[int, tuple[int, ...]], ...], _TokenProbe] = {}

    def entries(self, token: str) -> _TokenProbe | None:
        """The probe of the rules that may start at ``token``; when the next token
        tells some of them apart (a head ``in tears`` needs it to begin ``tears``), the
        probe's ``by_next`` gives the probe for each next token."""
        key = self._alternatives(token, None)
        if not key:
            return None
        probe = self._probe(key)
        if any(_needs_next(self.heads[(r, a)]) for r, alts in key for a in alts):
            return probe._replace(by_next=_ProbesByNext(self, token))
        return probe

    def _alternatives(self, token: str, following: str | None) -> _ProbeKey:
        """Per rule, its alternatives that may start at ``token`` (and, unless
        ``following`` is None, be followed by the token ``following``; "": none)."""
        per_rule: dict[int, set[int]] = {}
        tests = self.head_tests
        for n in self.lengths:
            for r, a in self.by_prefix.get(token[:n], ()):
                if _may_start_at(token, following, tests[(r, a)]):
                    per_rule.setdefault(r, set()).add(a)
        return tuple((r, tuple(sorted(alts))) for r, alts in sorted(per_rule.items()))

    def _probe(self, key: _ProbeKey) -> _TokenProbe:
        probe = self._combined.get(key)
        if probe is None:
            parts = []
            for r, alts in key:
                body = "|".join(self.sources[r][a] for a in alts)
                parts.append(rf"(?:(?=(?P<r{r}>\b(?:{body})\b))|)")
            pattern = re.compile("".join(parts))
            groups = tuple((r, pattern.groupindex[f"r{r}"]) for r, _ in key)
            probe = self._combined[key] = _TokenProbe(pattern, groups)
        return probe

    def matches(self, canon: Canonical) -> dict[int, list[Found]]:
        """Rule number -> its matches in ``canon``, in order of their start."""
        text = canon.text
        by_token = self._by_token
        if len(by_token) > 200_000:
            by_token.clear()
        # which rules may start at a token depends only on the token (see _may_start_at)
        per_token = list(map(by_token.__getitem__, canon.tokens))
        hits: dict[int, list[Found]] = {}
        starts = canon.starts
        tokens = canon.tokens
        last = len(tokens) - 1
        for t in compress(range(len(per_token)), per_token):
            probe = per_token[t]
            assert probe is not None  # compress left only tokens with a probe
            if probe.by_next is not None:
                probe = probe.by_next[tokens[t + 1] if t < last else ""]
                if probe is None:
                    continue
            m = probe.pattern.match(text, starts[t])
            assert m is not None  # every part of a probe may match empty
            if m.lastindex is None:
                continue  # no group took part: no rule matches at this token
            found = m.groups()
            for r, g in probe.groups:
                if found[g - 1] is not None:
                    lo, hi = m.span(g)
                    hits.setdefault(r, []).append(Found(lo, hi, found[g - 1]))
        for r, pattern, needles in self.anywhere:
            if needles is not None and not any(n in text for n in needles):
                continue  # every match contains one of them
            more = [Found(x.start(), x.end(), x.group(0)) for x in pattern.finditer(text)]
            if more:
                hits[r] = sorted([*hits.get(r, ()), *more], key=Found.start)
        return hits


class _HeadTest(NamedTuple):
    """An alternative's heads (see :attr:`Matcher.heads`) arranged to be tested at a token
    with a few C-level calls, however many heads it has (a number range has hundreds)."""

    # heads without a space: the token begins with one of them
    within: tuple[str, ...]
    # heads with a space, by the token before it: (the whole next tokens, from heads with
    # a second space; the next token's beginnings, from heads without one)
    spanning: dict[str, tuple[frozenset[str], tuple[str, ...]]]

    @classmethod
    def of(cls, heads: frozenset[str] | None) -> _HeadTest | None:
        if heads is None:
            return None
        within: list[str] = []
        spanning: dict[str, tuple[set[str], list[str]]] = {}
        for head in sorted(heads):
            word, space, rest = head.partition(" ")
            if not space:
                within.append(head)
                continue
            whole, starts = spanning.setdefault(word, (set(), []))
            second, space, _ = rest.partition(" ")
            if space:
                whole.add(second)
            else:
                starts.append(second)
        return cls(tuple(within), {word: (frozenset(whole), tuple(starts))
                                   for word, (whole, starts) in spanning.items()})


def _may_start_at(token: str, following: str | None, heads: _HeadTest | None) -> bool:
    """Whether a match that begins with one of ``heads`` (None: unknown) can begin at
    ``token`` of a canonical text, whose tokens are joined by single spaces: a head with
    a space has the token before its first space, and the next token (``following``,
    "" at the end of the text; None: not looked at) begins with what comes after it, up
    to a second space; a head without a space lies within the token."""
    if heads is None:
        return True
    if token.startswith(heads.within):
        return True
    nexts = heads.spanning.get(token)
    if nexts is None:
        return False
    if following is None:
        return True
    whole, starts = nexts
    # nothing follows the end of the text, so no space does
    return bool(following) and (following in whole or following.startswith(starts))


def _needs_next(heads: frozenset[str] | None) -> bool:
    """Whether the token after the start tells whether a match can begin there."""
    return heads is not None and all(" " in head for head in heads)


class Found:
    """One match of a rule: where it starts and ends, and its text."""

    __slots__ = ("_end", "_start", "_text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, index: int = 0) -> str:
        return self._text


_ProbeKey = tuple[tuple[int, tuple[int, ...]], ...]  # (rule, its alternatives) ...


class _TokenProbe(NamedTuple):
    pattern: re.Pattern[str]
    groups: tuple[tuple[int, int], ...]  # (rule, group number)
    # next token -> the probe for it (see Matcher.entries); None: the same for any
    by_next: _ProbesByNext | None = None


class _EntriesByToken(dict[str, "_TokenProbe | None"]):
    """token -> :meth:`Matcher.entries`, computed on first look-up, so that a text's
    tokens are looked up with one ``map`` and no Python-level loop for known tokens."""

    def __init__(self, matcher: Matcher) -> None:
        super().__init__()
        self.matcher = matcher

    def __missing__(self, token: str) -> _TokenProbe | None:
        found = self[token] = self.matcher.entries(token)
        return found



class _ProbesByNext(dict[str, "_TokenProbe | None"]):
    """next token -> the probe of the rules that may start at ``token`` followed by it,
    computed on first look-up."""

    def __init__(self, matcher: Matcher, token: str) -> None:
        super().__init__()
        self.matcher = matcher
        self.token = token

    def __missing__(self, following: str) -> _TokenProbe | None:
        if len(self) > 20_000:
            self.clear()
        key = self.matcher._alternatives(self.token, following)
        found = self[following] = self.matcher._probe(key) if key else None
        return found


_SHARED: dict[tuple[tuple[str, ...], ...], Matcher] = {}


def shared_matcher(rules: Sequence[Sequence[str]]) -> Matcher:
    """The matcher of ``rules``, one per distinct rule list: a policy loaded again with
    the same rules (a reload, another worker's copy) finds its alternatives compiled and
    its token probes built, rather than paying for them again on its first calls. Its
    caches are pure functions of the rules, so sharing them changes no match."""
    key = tuple(tuple(alternatives) for alternatives in rules)
    found = _SHARED.get(key)
    if found is None:
        if len(_SHARED) >= 8:
            _SHARED.pop(next(iter(_SHARED)))  # the oldest: policies seldom come back
        found = _SHARED[key] = Matcher(rules)
    return found
