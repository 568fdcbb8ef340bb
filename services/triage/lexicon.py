"""The English word list that keeps spelling repair honest.

A typo repair may only change a token that is not a real word: "would" is never
"wound", "spoke" never "smoke", "strike" never "stroke". What counts as a real word comes
from ``wordfreq`` (a maintained frequency list built from subtitles, news, books, web text
and social media), not from our own guesses, so the guard covers the whole language and
not only the words a test happened to use.
"""

from __future__ import annotations

from functools import lru_cache

# Zipf frequency (log10 of occurrences per billion words) from which a word counts as
# real: about 64,000 English words, dialect and slang included ("swole" 2.37, "hollered"
# 2.42). Common misspellings stay below it ("theif" 1.9, "assualt" 1.7, "harrassment"
# 2.2), so they are still repaired.
REAL_WORD_ZIPF = 2.3


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case alphabetic English words at or above :data:`REAL_WORD_ZIPF`."""
    from wordfreq import get_frequency_dict

    floor = 10 ** (REAL_WORD_ZIPF - 9)
    return frozenset(w for w, f in get_frequency_dict("en").items()
                     if f >= floor and w.isascii() and w.isalpha())


def is_real_word(token: str) -> bool:
    """A word of the list, or one with its final g dropped as speech drops it ("peekin",
    "whisperin", "hollerin")."""
    words = english_words()
    return token in words or (token.endswith("in") and len(token) > 4 and token + "g" in words)
