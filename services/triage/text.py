"""Text normalisation for triage: CAD call types and call-taker narratives.

Both kinds of text go through the same pipeline before any rule looks at them:

1. lower-case, expand contractions (``isn't`` -> ``is not``), expand abbreviations
   (``I/P`` -> ``in progress``, ``W/ WPN`` -> ``with weapon``) from the policy's table;
2. split into tokens (words, numbers and the punctuation that separates clauses);
3. repair typos (``buglary`` -> ``burglary``, bounded Damerau-Levenshtein distance to
   the policy's vocabulary, same first letter) and, for call types only, truncation
   (``dama`` -> ``damage``: a unique-enough prefix of a vocabulary word);
4. join back into one canonical string, tokens separated by single spaces, so that rule
   patterns can use ``\\b`` word boundaries and never see the raw spelling.

:class:`Canonical` keeps the token offsets so that a rule match can be tested for
negation ("no weapons", "denies SI") within its clause: see :meth:`Canonical.negated`.
Everything here is pure; the expensive steps are cached with :func:`functools.lru_cache`
keyed by the compiled :class:`TextConfig` (hashable, immutable).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

_TOKEN_RE = re.compile(r"[a-z0-9]+|[.;!?,:]")
_CONTRACTIONS = (
    (re.compile(r"\b(can)'?t\b"), r"\1 not"),
    (re.compile(r"\bwon'?t\b"), "will not"),
    (re.compile(r"\b([a-z]+)n't\b"), r"\1 not"),
)
CLAUSE_PUNCT = frozenset({".", ";", "!", "?", ","})


@dataclass(frozen=True, eq=False)
class TextConfig:
    """The compiled text section of a policy. Hashed by identity, so caches key on it cheaply."""

    abbreviations: tuple[tuple[re.Pattern[str], str], ...]
    vocabulary: frozenset[str]
    keep_words: frozenset[str]
    negation_cues: frozenset[str]
    pseudo_negations: frozenset[tuple[str, str]]
    post_negation_cues: frozenset[str]
    scope_terminators: frozenset[str]
    negation_window: int
    # vocabulary indexed by first letter, for the typo search
    by_initial: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False,
                                                    hash=False)

    def __post_init__(self) -> None:
        index: dict[str, list[str]] = {}
        for word in sorted(self.vocabulary):
            index.setdefault(word[0], []).append(word)
        object.__setattr__(self, "by_initial", {k: tuple(v) for k, v in index.items()})


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

    Exact vocabulary words, protected words and numbers are returned unchanged. A typo is
    repaired when exactly one best candidate lies within the distance limit (1 edit from
    5 letters, 2 from 9). With ``allow_prefix`` (call types, which CADs truncate to a field
    width) a token of 4+ letters that begins some vocabulary words becomes the shortest.
    """
    if (
        token in config.vocabulary
        or token in config.keep_words
        or not token.isalpha()
        or len(token) < 4
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


@dataclass(frozen=True)
class Canonical:
    """Canonical text and its token positions, for pattern matching and negation."""

    text: str
    tokens: tuple[str, ...]
    starts: tuple[int, ...]
    corrections: tuple[tuple[str, str], ...]

    def token_index(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def negated(self, start: int, end: int, config: TextConfig) -> str | None:
        """The negation cue governing the match at ``[start, end)``, or None.

        A cue governs the next ``negation_window`` tokens of its clause: the scope stops
        at clause punctuation, at ``but``/``however``-like terminators and at a new
        subject (``he``, ``caller`` ...). Pseudo-negations (``not sure``, ``no one``) are
        no negation. A post-negation (``weapons: none``, ``SI denied``) right after the
        match counts too.
        """
        first = self.token_index(start)
        last = self.token_index(max(start, end - 1))
        tokens = self.tokens
        lo = max(0, first - config.negation_window)
        for i in range(first - 1, lo - 1, -1):
            tok = tokens[i]
            if tok in CLAUSE_PUNCT or tok in config.scope_terminators:
                break
            if tok in config.negation_cues:
                nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
                if (tok, nxt) in config.pseudo_negations:
                    continue
                return " ".join(tokens[i : last + 1])
        for i in range(last + 1, min(len(tokens), last + 4)):
            tok = tokens[i]
            if tok == ":":
                continue
            if tok in config.post_negation_cues:
                return " ".join(tokens[first : i + 1])
            if tok in CLAUSE_PUNCT or tok in config.scope_terminators:
                break
        return None

    def sentence_of(self, start: int) -> tuple[int, int]:
        """Character span of the sentence (``.;!?``-delimited) holding ``start``."""
        i = self.token_index(start)
        lo = i
        while lo > 0 and self.tokens[lo - 1] not in {".", ";", "!", "?"}:
            lo -= 1
        hi = i
        while hi < len(self.tokens) - 1 and self.tokens[hi + 1] not in {".", ";", "!", "?"}:
            hi += 1
        end = self.starts[hi] + len(self.tokens[hi]) if self.tokens else 0
        return (self.starts[lo] if self.tokens else 0), end


_EMPTY = Canonical("", (), (), ())


@lru_cache(maxsize=131072)
def canonicalize(raw: str, config: TextConfig, is_call_type: bool) -> Canonical:
    """The canonical form of ``raw`` (see the module docstring)."""
    if not raw or not raw.strip():
        return _EMPTY
    s = raw.lower()
    s = s.replace("\u2019", "'")
    for pat, rep in _CONTRACTIONS:
        s = pat.sub(rep, s)
    s = s.replace("_", " ").replace("*", " ")
    for pat, rep in config.abbreviations:
        s = pat.sub(rep, s)
    tokens: list[str] = []
    corrections: list[tuple[str, str]] = []
    for tok in _TOKEN_RE.findall(s):
        fixed = correct_token(tok, config, is_call_type)
        if fixed != tok:
            corrections.append((tok, fixed))
        tokens.append(fixed)
    starts: list[int] = []
    pos = 0
    for tok in tokens:
        starts.append(pos)
        pos += len(tok) + 1
    return Canonical(" ".join(tokens), tuple(tokens), tuple(starts), tuple(corrections))
