"""The pre-filters may only skip a pattern that cannot match: on every policy pattern and
real call text, each match starts with one of the letters the pre-filter promised."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.triage.corpus import read_cases
from services.triage.policy import load_policy
from services.triage.regex_prefilter import (
    literal_heads,
    literal_prefixes,
    matches_within_words,
    required_substrings,
)
from services.triage.regex_syntax import UnsupportedPattern, min_width, parse
from services.triage.text import canonicalize

REPO = Path(__file__).resolve().parents[2]
POLICY = load_policy(REPO / "services/triage/policies/default.yaml")
# one split: some 700 matches of policy patterns, each pattern scanned in a few ms
CORPUS = read_cases([REPO / "tests/triage_corpus/split_fresh6.yaml"])


def _policy_patterns() -> list[re.Pattern[str]]:
    patterns = [pattern for pattern, _ in POLICY.text.abbreviations]
    for alternatives in POLICY.combined_matcher.sources:
        patterns += [re.compile(rf"\b(?:{source})\b") for source in alternatives]
    return patterns


PATTERNS = _policy_patterns()
CHECKED_AT_LEAST = 400
# one text, one scan per pattern: a match across two calls is still a match to check
TEXT = "\n".join(canonicalize(f"{c.call_type or ''}. {c.narrative}", POLICY.text, False).text
                 for c in CORPUS)


def test_the_policy_is_read_whole() -> None:
    """Every policy pattern is in the syntax the parser reads, so none loses its index."""
    unread = [p.pattern for p in PATTERNS if literal_prefixes(p.pattern) is None
              and _parses(p) is False]
    assert unread == []
    assert len(PATTERNS) > 1000


def _parses(pattern: re.Pattern[str]) -> bool:
    try:
        parse(pattern.pattern, pattern.flags)
    except UnsupportedPattern:
        return False
    return True


def test_every_match_on_real_calls_starts_as_promised() -> None:
    checked = 0
    for pattern in PATTERNS:
        prefixes = literal_prefixes(pattern.pattern)
        heads = literal_heads(pattern)
        within_words = matches_within_words(pattern)
        needles = required_substrings(pattern)
        for match in pattern.finditer(TEXT):
            found = match.group(0)
            if needles is not None:
                assert any(n in found for n in needles), (pattern.pattern, found, needles)
            if prefixes is not None:
                assert any(found.startswith(p) or found.split(" ")[0] == p.rstrip()
                           for p in prefixes), (pattern.pattern, found, prefixes)
            if heads is not None:
                assert any(found.startswith(h) or h.startswith(found) for h in heads), (
                    pattern.pattern, found, heads)
            if within_words:
                assert not any(c.isspace() for c in found), (pattern.pattern, found)
            checked += 1
    # the corpus exercises the policy, or this test proves nothing
    assert checked > CHECKED_AT_LEAST


@pytest.mark.parametrize("source, width", [
    (r"\bab|\bcd", 2), (r"(?:red )?car", 3), (r"x{2,5}y*", 2), (r"(?i:ab)c+?", 3),
    (r"[^\s]\w+", 2), (r"(?=a)a|b", 1), (r"a(?!b)", 1), (r"(?P<n>ab)", 2),
])
def test_min_width_is_the_shortest_match(source: str, width: int) -> None:
    items, _flags = parse(source)
    assert min_width(items) == width


@pytest.mark.parametrize("source", [r"(a)\1", r"(?(1)a|b)", r"a(?#note)", "[[:alpha:]]",
                                    r"ab(?i)c", r"\p{L}"])
def test_syntax_it_does_not_read_is_refused_not_guessed(source: str) -> None:
    with pytest.raises(UnsupportedPattern):
        parse(source)


def test_inline_global_flags_are_read() -> None:
    _items, flags = parse("(?i)abc")
    assert flags & re.IGNORECASE
    assert literal_heads(re.compile("(?i)abc")) is None  # case-folded: no literal heads


WORDS = st.sampled_from(["gun", "knife", "stab", "stabbed", "threat", "smoke", "fire",
                         "pills", "od", "not", "no", "broken", "window", "car", "bike"])


@given(st.lists(WORDS, min_size=1, max_size=4),
       st.lists(st.lists(WORDS, min_size=1, max_size=2), min_size=1, max_size=3))
def test_prefixes_of_generated_alternations_are_sound(
    text_words: list[str], alternatives: list[list[str]],
) -> None:
    """For any alternation of word sequences (some optional), a match begins with a
    promised prefix."""
    source = "|".join(r"\b" + "(?: )?".join(alt) for alt in alternatives)
    pattern = re.compile(source)
    prefixes = literal_prefixes(source)
    assert prefixes is not None
    for match in pattern.finditer(" ".join(text_words)):
        assert any(match.group(0).startswith(p) for p in prefixes)


@pytest.mark.parametrize("source, needles", [
    (r"\b(?:\w+ (?:taken|stolen) (?:from|off))\b", {" taken ", " stolen "}),
    (r"\b(?:(?:\d+|two) head (?:of (?:cattle|sheep) )?(?:short|gone))\b", {" head "}),
    (r"(?:baby|\w+ year old) (?:\w+ ){0,4}locked (?:in|inside) (?:the )?car", {"locked in"}),
    (r"\w+ guns?\b", {" gun"}),
    (r"\w+ (?i:gun)", None),  # case-folded: no literal needle
    (r"\w+ a \w+", None),  # nothing of four letters every match holds
    (r"(?i)\w+ gun", None),
])
def test_required_substrings_are_what_every_match_holds(
        source: str, needles: set[str] | None) -> None:
    found = required_substrings(re.compile(source))
    assert (set(found) if found is not None else None) == needles


@given(st.lists(WORDS, min_size=1, max_size=8),
       st.lists(st.lists(WORDS, min_size=1, max_size=3), min_size=1, max_size=3))
def test_required_substrings_of_generated_patterns_are_sound(
    text_words: list[str], alternatives: list[list[str]],
) -> None:
    """Whatever a pattern with an unknown start promises, each match holds one of."""
    source = r"\w+ (?:" + "|".join(" (?:x )?".join(alt) for alt in alternatives) + r")\b"
    pattern = re.compile(source)
    needles = required_substrings(pattern, min_length=2)
    assert needles is not None
    for match in pattern.finditer(" ".join(text_words)):
        assert any(n in match.group(0) for n in needles), (source, needles)


_WORD_LIST_LOOKAHEAD = re.compile(r"\(\?! \(\?:[a-z |]+\)\)")


def test_every_lookahead_of_listed_words_ends_at_a_word() -> None:
    """An exception such as ``knife(?! (?:st|street))`` must end at a word: without it,
    "knife still in hand" reads as Knife St and the weapon is lost."""
    from services.triage import safety

    sources = [source for alternatives in safety.SAFETY_MATCHER.sources
               for source in alternatives] + [p.pattern for p in PATTERNS]
    unbounded = sorted({m.group(0) for source in sources
                        for m in _WORD_LIST_LOOKAHEAD.finditer(source)})
    assert unbounded == []
