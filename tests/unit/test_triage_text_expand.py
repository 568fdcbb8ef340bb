"""Abbreviation expansion skips what cannot match, and gives what applying each in turn gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.triage import safety
from services.triage.corpus import read_cases
from services.triage.policy import load_policy
from services.triage.text import TextConfig, normalise

WORDS = ["b", "&", "e", "b&e", "band", "bike", "bikes", "is", "still", "there", "keeps",
         "saying", "thinks", '"he', 'stole"', "'they", "took", "it'", "i/p", "in", "progress",
         "w/", "wpn", "non-violent", "non", "violent", "inj", "pers", "mal", "to", "property",
         "phone", "blew", "up", "neighbors", "are", "watching", "xq", "xqz", "car", "1.", ",",
         # words of the needles of abbreviations whose heads cannot be told
         "robbed", "me", "smoke", "only", "gun", "is", "a", "toy", "gonna", "kill", "old",
         "bullet", "wound", "denies", "no", "own", "the", "government", "following"]


def _one_by_one(config: TextConfig, text: str) -> str:
    for pattern, replacement in config.abbreviations:
        text = pattern.sub(replacement, text)
    return text


def _configs() -> list[TextConfig]:
    # an abbreviation whose heads cannot be read (case-folded), one that brings in the
    # words of a later one, and one that matches within a word
    made = TextConfig(
        abbreviations=((re.compile(r"(?i)\bxq\b"), "b and e"), (re.compile(r"\bb and e\b"),
                       "burglary"), (re.compile(r"\bxqz\b"), "quiz")),
        vocabulary=frozenset(), keep_words=frozenset(), negation_cues=frozenset(),
        pseudo_negations=frozenset(), post_negation_cues=frozenset(),
        scope_terminators=frozenset(), negation_window=4)
    return [load_policy().text, safety.SAFETY_TEXT, made]


CONFIGS = _configs()


@pytest.mark.parametrize("text", ["rp thinks 'they took it' b & e i/p", "xq now", "xqz xq",
                                  "bike is still there", "mal inj to pers"])
def test_expansion_is_each_abbreviation_applied_in_turn(text: str) -> None:
    for config in CONFIGS:
        assert config.expand(normalise(text)) == _one_by_one(config, normalise(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=16))
def test_expansion_of_any_words_is_each_abbreviation_applied_in_turn(words: list[str]) -> None:
    text = normalise(" ".join(words))
    for config in CONFIGS:
        assert config.expand(text) == _one_by_one(config, text), text


def test_expansion_of_real_calls_is_each_abbreviation_applied_in_turn() -> None:
    """On real narratives, skipping by heads and needles never skips a change."""
    corpus = Path(__file__).resolve().parents[1] / "triage_corpus"
    cases = read_cases([corpus / "split_fresh6.yaml", corpus / "split_fresh100.yaml"])
    changed = 0
    for case in cases:
        text = normalise(case.narrative)
        for config in CONFIGS:
            expanded = config.expand(text)
            assert expanded == _one_by_one(config, text), case.id
            changed += expanded != text
    assert changed > 100  # the calls exercise the abbreviations, or this proves nothing
