"""The fast matcher finds what the plain alternation finds: same rules, same starts."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from services.triage import safety
from services.triage.matcher import Matcher, expand_optional_head, split_alternatives, unwrap
from services.triage.text import canonicalize_once


def test_alternatives_are_split_at_the_top_level_only() -> None:
    assert split_alternatives(r"a|b(?:c|d)|[|x]|e\|f") == ["a", "b(?:c|d)", "[|x]", r"e\|f"]
    assert unwrap(r"\b(?:a|b)\b") == "a|b"
    assert unwrap(r"\b(?:a)|(?:b)\b") == r"\b(?:a)|(?:b)\b"


def test_an_optional_head_becomes_two_alternatives() -> None:
    assert expand_optional_head("(?:red )?marks") == ["(?:red )marks", "marks"]
    assert expand_optional_head("(?:a )?(?:b )?c") == ["(?:a )(?:b )?c", "(?:b )c", "c"]
    assert expand_optional_head("(?:a)*b") == ["(?:a)*b"]


WORDS = ["he", "has", "a", "gun", "knife", "no", "not", "shots", "fired", "took", "pills",
         "smoke", "fire", "pit", "controlled", "someone", "is", "inside", "right", "now",
         "stuck", "in", "the", "elevator", "red", "marks", "on", "his", "neck", ".", ","]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25))
def test_the_matcher_finds_what_each_whole_alternation_finds(words: list[str]) -> None:
    canon = canonicalize_once(" ".join(words), safety.SAFETY_TEXT, False)
    found = safety.SAFETY_MATCHER.matches(canon)
    for i, alternatives in enumerate(safety.SAFETY_SOURCES):
        whole = re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")
        expected = {m.start() for m in whole.finditer(canon.text)}
        got = {m.start() for m in found.get(i, [])}
        # the matcher tries every token, the scan only where the last match ended
        assert expected <= got, (i, canon.text)
        assert all(whole.match(canon.text, start) for start in got)


def test_rules_are_matched_where_they_start() -> None:
    matcher = Matcher([["red (?:car|van)", "blue car"], ["car"]])
    canon = canonicalize_once("a red van and a blue car", safety.SAFETY_TEXT, False)
    found = matcher.matches(canon)
    assert [m.group() for m in found[0]] == ["red van", "blue car"]
    assert [m.group() for m in found[1]] == ["car"]


def test_a_rule_is_found_at_each_token_whose_next_token_it_may_begin_with() -> None:
    # the probe at a token leaves out what the token and the next one rule out ("in tea"
    # cannot start "in tears"): what it finds at each token is still the alternation's
    rules = [["in tears", "in (?:the )?crisis", "tv"], ["in", "in the"], [r"inj\w*"]]
    matcher = Matcher(rules)
    for text in ["crying in tears", "in the crisis", "stuck in", "in", "in tea , in tears",
                 "in crisis in the", "tv in the tv", "injured in tears tv"]:
        canon = canonicalize_once(text, safety.SAFETY_TEXT, False)
        found = matcher.matches(canon)
        for i, alternatives in enumerate(rules):
            whole = re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")
            expected = [(m.start(), m.group()) for m in
                        (whole.match(canon.text, s) for s in canon.starts) if m]
            assert [(m.start(), m.group()) for m in found.get(i, [])] == expected, (i, text)


NUMBER_RULES = [[r"[0-9][0-9]0? ?(?:cal|caliber)", r"[0-9]+ (?:pills|tabs)"],
                ["in the (?:crisis|river)", "in tears", r"in (?:a )?ditch"], ["the"]]
NUMBER_WORDS = ["9", "22", "45", "380", "1630", "cal", "caliber", "pills", "tabs", "in",
                "the", "crisis", "river", "tears", "a", "ditch", "then", "tear", "."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NUMBER_WORDS), max_size=14))
def test_rules_with_many_heads_are_found_at_every_token_they_start_at(words: list[str]) -> None:
    # a number range has hundreds of heads and "in the" heads span two tokens: at each
    # token the matcher finds what the whole alternation matches there, no more, no less
    matcher = Matcher(NUMBER_RULES)
    canon = canonicalize_once(" ".join(words), safety.SAFETY_TEXT, False)
    found = matcher.matches(canon)
    for i, alternatives in enumerate(NUMBER_RULES):
        whole = re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")
        expected = [(m.start(), m.group()) for m in
                    (whole.match(canon.text, s) for s in canon.starts) if m]
        assert [(m.start(), m.group()) for m in found.get(i, [])] == expected, (i, canon.text)


def test_a_policy_loaded_again_reuses_its_compiled_matchers_and_text_config() -> None:
    # compiling a policy's token probes costs seconds over its first calls: a reload of
    # the same rules must not pay it again
    from services.triage.policy import load_policy

    first, again = load_policy(), load_policy()
    assert again.combined_matcher is first.combined_matcher
    assert again.evidence_matcher is first.evidence_matcher
    assert again.text is first.text  # its words' masks and repaired forms, worked out once
