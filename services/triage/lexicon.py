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
    """A word of the list, one with its final g dropped as speech drops it ("peekin",
    "whisperin", "hollerin"), or a regular -ed, -ing or -er form of a listed word spelt as
    English spells it ("fogged", "drooped", "sleeting"): rarer than the list's floor, but
    still words, never to be repaired into another ("forged", "dropped", "sleeping")."""
    words = english_words()
    return (token in words or (token.endswith("in") and len(token) > 4 and token + "g" in words)
            or any(stem in words for stem in _regular_stems(token)))


_VOWELS = frozenset("aeiou")


def _syllables(word: str) -> int:
    return sum(1 for i, c in enumerate(word)
               if c in _VOWELS | {"y"} and (i == 0 or word[i - 1] not in _VOWELS | {"y"}))


def _regular_stems(token: str) -> list[str]:
    """The stems of which ``token`` is a correctly spelt -ed, -ing or -er form: "fogged"
    from "fog" (a short final consonant doubled), "sleeting" from "sleet", "hosing" from
    "hose" (the e dropped), "carried" from "carry". A misspelt form ("stabed", one b where
    English doubles it) has none, so it is still repaired."""
    stems: list[str] = []
    for suffix in ("ed", "ing", "er"):
        if not token.endswith(suffix):
            continue
        base = token[: -len(suffix)]
        if len(base) < 2:
            continue
        if len(base) >= 4 and base[-1] == base[-2] and base[-1] not in _VOWELS | set("lswyz"):
            # doubled: "fogged" from "fog"; only a one-syllable stem doubles ("vomitting" is
            # a misspelling; the two-syllable words that double, "controlled", are common
            # enough to be listed themselves)
            if _syllables(base[:-1]) == 1:
                stems.append(base[:-1])
        elif suffix == "ed" and base.endswith("i"):
            stems.append(base[:-1] + "y")
        else:
            stems.append(base + "e")
            single_cvc = (len(base) >= 3 and base[-1] not in _VOWELS | set("wxy")
                          and base[-2] in _VOWELS and base[-3] not in _VOWELS
                          and _syllables(base) == 1)
            if not single_cvc:
                stems.append(base)
    return [s for s in stems if len(s) >= 3 and _VOWELS & set(s)]
