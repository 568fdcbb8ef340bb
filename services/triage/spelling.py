"""Typo and truncation repair of one token against a text config's vocabulary."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from services.triage.lexicon import is_real_word

if TYPE_CHECKING:
    from services.triage.text import TextConfig

__all__ = ["correct_token", "damerau_distance", "place_name_positions"]

# A word before one of these names a street ("Manoa Rd"): it is never a typo to repair.
STREET_SUFFIXES = frozenset({
    "rd", "road", "st", "street", "ave", "av", "avenue", "blvd", "boulevard", "dr", "drive",
    "ln", "lane", "ct", "court", "way", "pkwy", "parkway", "hwy", "highway", "pl", "place",
    "cir", "circle", "ter", "terrace", "trl", "trail", "pike", "loop", "row"})


def place_name_positions(words: list[str]) -> list[int]:
    """Indices of the whitespace-delimited words that name a place and are never
    repaired: a word before a street suffix ("Manoa Rd"), and a narrative's first word
    set off by punctuation, the place that heads it ("MANOA, RP back from a trip")."""
    at = [i for i in range(len(words) - 1) if words[i + 1] in STREET_SUFFIXES]
    if len(words) > 1 and words[0][-1] in ",.:;-":
        at.append(0)
    return at


def damerau_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance between ``a`` and ``b``, or ``limit + 1``
    as soon as it is certain to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        row_min = cur[0]
        ca = a[i - 1]
        for j in range(1, len(b) + 1):
            cb = b[j - 1]
            cost = 0 if ca == cb else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            row_min = min(row_min, v)
        if row_min > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[len(b)]


def _typo_limit(word: str) -> int:
    if len(word) >= 9:
        return 2
    if len(word) >= 5:
        return 1
    return 0


@lru_cache(maxsize=65536)
def correct_token(token: str, config: TextConfig, allow_prefix: bool) -> str:
    """The vocabulary word ``token`` most likely stands for, or ``token`` itself.

    Exact vocabulary words, protected words, real English words (:mod:`lexicon`: a
    real word is never "repaired" into another) and numbers are returned unchanged. A typo is
    repaired when exactly one best candidate lies within the distance limit (1 edit from
    5 letters, 2 from 9). With ``allow_prefix`` (call types, which CADs truncate to a field
    width) a token of 4+ letters that begins some vocabulary words becomes the shortest.
    """
    if (
        token in config.vocabulary
        or token in config.keep_words
        or not token.isalpha()
        or len(token) < 4
        or is_real_word(token)
    ):
        return token
    candidates = config.by_initial.get(token[0], ())
    if allow_prefix:
        prefixed = [w for w in candidates if w.startswith(token)]
        if prefixed:
            return min(prefixed, key=lambda w: (len(w), w))
    limit = _typo_limit(token)
    if limit == 0:
        return token
    best: list[str] = []
    best_d = limit + 1
    for word in candidates:
        if abs(len(word) - len(token)) > limit:
            continue
        d = damerau_distance(token, word, limit)
        if d < best_d:
            best_d, best = d, [word]
        elif d == best_d:
            best.append(word)
    if best_d <= limit and len(best) == 1:
        return best[0]
    return token
