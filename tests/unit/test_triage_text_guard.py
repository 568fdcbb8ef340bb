"""Text handling never invents evidence: spelling repair only touches tokens that are no
real English word, so an ordinary word can never become a danger word ("would" is never
"wound", "spoke" never "smoke", "strike" never "stroke")."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wordfreq import top_n_list

from services.triage import safety
from services.triage.engine import CallFacts, classify, load_policy
from services.triage.lexicon import is_real_word
from services.triage.lexicon_scope import SHARED_REWRITES
from services.triage.text import canonicalize_once
from shared.events import UnitType

POLICY = load_policy()
TOP_WORDS = [w for w in top_n_list("en", 20_000) if w.isascii() and w.isalpha()]
# neutral sentences a word is dropped into; none of their own words is evidence of anything
TEMPLATES = [
    "caller says the {} is by the front door, wants a call back",
    "RP states her neighbor mentioned {} earlier today and asks for information",
]


def _flag_words(word: str, template: str) -> tuple[set[str], list[tuple[str, str]]]:
    text = template.format(word)
    d = classify(CallFacts(narrative=text), POLICY)
    corrections = [*canonicalize_once(text, POLICY.text, False).corrections,
                   *canonicalize_once(text, safety.SAFETY_TEXT, False).corrections]
    return set(d.safety_flags), corrections


def _is_listed_danger_term(word: str) -> bool:
    """Whether the word alone is danger evidence: in the built-in safety lexicon or a
    policy rule that raises a safety flag ("hostile")."""
    hits, _ = safety.scan_text(word, "narrative")
    return bool(hits) or bool(classify(CallFacts(narrative=word), POLICY).safety_flags)


def test_no_frequent_english_word_is_repaired_or_raises_a_flag_it_does_not_list() -> None:
    assert len(TOP_WORDS) > 19_000
    template = TEMPLATES[0]
    raised = []
    for word in TOP_WORDS:
        flags, corrections = _flag_words(word, template)
        assert not [c for c in corrections if c[0] == word], (word, corrections)
        if flags and not _is_listed_danger_term(word):
            raised.append((word, sorted(flags)))
    assert raised == []


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(TOP_WORDS), st.sampled_from(TEMPLATES))
def test_a_frequent_word_in_any_neutral_sentence_is_never_repaired(
        word: str, template: str) -> None:
    flags, corrections = _flag_words(word, template)
    assert not [c for c in corrections if c[0] == word]
    if flags:
        assert _is_listed_danger_term(word), (word, flags)


@pytest.mark.parametrize("word", ["would", "spoke", "strike", "wound", "smoke", "stroke"])
def test_the_real_words_that_used_to_be_repaired_are_words(word: str) -> None:
    assert is_real_word(word)


@pytest.mark.parametrize(("narrative", "must_not"), [
    ("bike stolen from the porch overnight, caller would like a report", UnitType.ems),
    ("caller spoke with her son yesterday, he is depressed and crying", UnitType.fire),
    ("workers on strike outside the plant gate, caller wants information", UnitType.ems),
])
def test_ordinary_words_do_not_become_danger(narrative: str, must_not: UnitType) -> None:
    assert must_not not in classify(CallFacts(narrative=narrative), POLICY).units


@pytest.mark.parametrize(("typo", "word"), [
    ("assualt", "assault"), ("sucidal", "suicidal"), ("burgalry", "burglary"),
    ("vandalsim", "vandalism"), ("weopon", "weapon"),
])
def test_misspellings_that_are_no_words_are_still_repaired(typo: str, word: str) -> None:
    canon = canonicalize_once(f"RP says {typo} here", POLICY.text, False)
    canon_safety = canonicalize_once(f"RP says {typo} here", safety.SAFETY_TEXT, False)
    assert word in canon.tokens or word in canon_safety.tokens


def test_the_policy_file_rewrites_every_shared_phrase_as_the_safety_layer_does() -> None:
    """Both canonical texts must read an idiom, a belief or a corrected quote alike, or a
    rule of one would fire on what the other discards."""
    policy_rewrites = {(pat.pattern, rep) for pat, rep in POLICY.text.abbreviations}
    missing = [pat for pat, rep in SHARED_REWRITES if (pat, rep) not in policy_rewrites]
    assert missing == []
