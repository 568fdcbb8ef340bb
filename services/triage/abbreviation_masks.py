"""Bit masks over a text config's abbreviations, per whitespace-delimited word.

A text's words say which abbreviations may change it: those a word start calls for, those
that match inside one word, those a head or a needle of which a word holds a piece. Each
word's answer is one integer, cached, so that a text's answers combine with one C-level
``reduce`` over its words (see :meth:`services.triage.text.TextConfig.expand`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from services.triage.regex_prefilter import piece_in_word

if TYPE_CHECKING:
    from services.triage.text import TextConfig


def set_bits(mask: int) -> Iterator[int]:
    """The indices of the bits set in ``mask``, lowest first."""
    while mask:
        lowest = mask & -mask
        mask ^= lowest
        yield lowest.bit_length() - 1


def mask_of(indices: Iterable[int]) -> int:
    bits = 0
    for i in indices:
        bits |= 1 << i
    return bits


class AbbreviationsByWord(dict[str, int]):
    """whitespace-delimited word -> the bit mask of :attr:`TextConfig.abbr_by_word`,
    computed on first look-up."""

    def __init__(self, config: TextConfig) -> None:
        super().__init__()
        self.config = config
        self.initials = (config.abbr_initials | frozenset(config.abbr_heads_by_initial)
                         | frozenset(config.abbr_head_pieces_by_initial)
                         | frozenset(config.abbr_needle_pieces_by_initial))

    def __missing__(self, word: str) -> int:
        config = self.config
        if self.initials.isdisjoint(word):
            # no abbreviation can start in it (numbers, mostly): not kept, as such words
            # seldom come back and the check is cheap
            return 0
        if word.isalnum():
            # all word characters: the only word start is the word's own (\w is alnum)
            starts = frozenset((word[:3], word[:2], word[:1]))
        else:
            starts = raw_word_starts(word)
        matching: set[int] = set()
        pieced: set[int] = set()
        needled: set[int] = set()
        for initial in set(word):
            for i, head in config.abbr_heads_by_initial.get(initial, ()):
                if (i not in matching and head in word
                        and config.abbreviations[i][0].search(word) is not None):
                    matching.add(i)
            for i, piece in config.abbr_head_pieces_by_initial.get(initial, ()):
                if piece_in_word(piece, word):
                    pieced.add(i)
            for i, piece in config.abbr_needle_pieces_by_initial.get(initial, ()):
                if piece_in_word(piece, word):
                    needled.add(i)
        width = len(config.abbreviations)
        bits = (mask_of(config.abbreviations_for_starts(starts)) | mask_of(matching) << width
                | mask_of(pieced) << (2 * width) | mask_of(needled) << (3 * width))
        self[word] = bits
        return bits




_WORD_START = re.compile(r"\b\w[^\s]?[^\s]?")


def raw_word_starts(text: str) -> frozenset[str]:
    """Every 1-, 2- and 3-character start of each word of ``text``."""
    threes = set(_WORD_START.findall(text))
    return frozenset(threes.union({w[:2] for w in threes}, {w[:1] for w in threes}))
