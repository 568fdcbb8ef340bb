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
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from itertools import accumulate, chain, count
from operator import add, itemgetter, or_
from typing import NamedTuple

from services.triage.abbreviation_masks import (
    AbbreviationsByWord,
    mask_of,
    raw_word_starts,
    set_bits,
)
from services.triage.regex_prefilter import (
    HeadPiece,
    head_piece,
    literal_heads,
    literal_prefixes,
    matches_within_words,
    required_substrings,
)
from services.triage.spelling import correct_token, place_name_positions

_TOKEN_RE = re.compile(r"[a-z0-9]+|[.;!?,:]")
# (pattern, replacement, text every match contains: most texts lack it, and a substring
# test is far cheaper than the regex scan)
_CONTRACTIONS = (
    (re.compile(r"\b(can)'?t\b"), r"\1 not", "can"),
    (re.compile(r"\bwon'?t\b"), "will not", "won"),
    (re.compile(r"\b([a-z]+)n't\b"), r"\1 not", "n't"),
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
    # token -> repaired token, per kind of text (filled on first look-up; see _Fixes)
    call_type_fixes: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    narrative_fixes: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    # per abbreviation, the word starts it needs (None: always try it), and the index
    abbreviation_prefixes: tuple[frozenset[str] | None, ...] = field(
        default=(), compare=False, hash=False)
    abbr_by_prefix: dict[str, set[int]] = field(default_factory=dict, compare=False,
                                                 hash=False)
    abbr_keys: frozenset[str] = field(default=frozenset(), compare=False, hash=False)
    abbr_always: frozenset[int] = field(default=frozenset(), compare=False, hash=False)
    abbr_initials: frozenset[str] = field(default=frozenset(), compare=False, hash=False)
    rep_starts: tuple[frozenset[str], ...] = field(default=(), compare=False, hash=False)
    # what ends a negation's scope: clause punctuation and the terminators
    scope_stops: frozenset[str] = field(default=frozenset(), compare=False, hash=False)
    # per abbreviation, strings one of which every match begins with (None: unknown): an
    # abbreviation none of whose heads occurs in the text cannot match, and a substring
    # test per head is cheaper than the regex scan it saves while the heads are few
    abbreviation_heads: tuple[frozenset[str] | None, ...] = field(
        default=(), compare=False, hash=False)
    # per abbreviation, strings one of which every match contains (None: unknown), the
    # test for those whose heads are unknown or too many to test
    abbreviation_needles: tuple[frozenset[str] | None, ...] = field(
        default=(), compare=False, hash=False)
    # abbreviations that match within one whitespace-delimited word or not at all (see
    # matches_within_words), and for those with heads, head -> abbreviations, by initial
    abbr_within_words: frozenset[int] = field(default=frozenset(), compare=False, hash=False)
    abbr_heads_by_initial: dict[str, tuple[tuple[int, str], ...]] = field(
        default_factory=dict, compare=False, hash=False)
    # whitespace-delimited word -> bit i: its word starts call for abbreviation i; bit
    # len(abbreviations) + i: abbreviation i, of abbr_within_words, matches in it; bit
    # 2 * len(abbreviations) + i: it holds a piece of a head of abbreviation i (bit
    # masks, so that a text's words combine with one C-level reduce; bit
    # 3 * len(abbreviations) + i: it holds a piece of a needle of abbreviation i)
    abbr_by_word: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    # abbr_always and abbr_within_words as bit masks, and per abbreviation the later ones
    # the words of its replacement call for
    abbr_always_mask: int = field(default=0, compare=False, hash=False)
    abbr_within_mask: int = field(default=0, compare=False, hash=False)
    abbr_later_masks: tuple[int, ...] = field(default=(), compare=False, hash=False)
    # per abbreviation with heads, the most telling piece of each (see head_piece): a
    # text none of whose words holds such a piece lacks every head, told by the words'
    # cached bit masks (bit 2 * len(abbreviations) + i) instead of a test per head
    abbr_head_pieces_by_initial: dict[str, tuple[tuple[int, HeadPiece], ...]] = field(
        default_factory=dict, compare=False, hash=False)
    abbr_unpieced_mask: int = field(default=0, compare=False, hash=False)
    # likewise for the needles (abbreviation_needles): bit 3 * len(abbreviations) + i
    abbr_needle_pieces_by_initial: dict[str, tuple[tuple[int, HeadPiece], ...]] = field(
        default_factory=dict, compare=False, hash=False)
    abbr_needleless_mask: int = field(default=0, compare=False, hash=False)
    # whitespace-delimited word -> its repaired tokens and the repairs, per kind of text
    call_type_words: dict[str, _WordForm] = field(default_factory=dict, compare=False,
                                                  hash=False)
    narrative_words: dict[str, _WordForm] = field(default_factory=dict, compare=False,
                                                  hash=False)

    def __post_init__(self) -> None:
        index: dict[str, list[str]] = {}
        for word in sorted(self.vocabulary):
            index.setdefault(word[0], []).append(word)
        object.__setattr__(self, "by_initial", {k: tuple(v) for k, v in index.items()})
        object.__setattr__(self, "call_type_fixes", _Fixes(self, True))
        object.__setattr__(self, "narrative_fixes", _Fixes(self, False))
        prefix_sets = tuple(literal_prefixes(pat.pattern, 3) for pat, _ in self.abbreviations)
        object.__setattr__(self, "abbreviation_prefixes", prefix_sets)
        by_prefix: dict[str, set[int]] = {}
        for i, prefixes in enumerate(prefix_sets):
            for pre in prefixes or ():
                by_prefix.setdefault(pre, set()).add(i)
        object.__setattr__(self, "abbr_by_prefix", by_prefix)
        object.__setattr__(self, "abbr_keys", frozenset(by_prefix))
        object.__setattr__(self, "abbr_initials", frozenset(k[:1] for k in by_prefix))
        object.__setattr__(self, "abbr_always",
                           frozenset(i for i, p in enumerate(prefix_sets) if p is None))
        object.__setattr__(self, "rep_starts",
                           tuple(raw_word_starts(rep) for _, rep in self.abbreviations))
        object.__setattr__(self, "abbreviation_heads",
                           tuple(literal_heads(pat) for pat, _ in self.abbreviations))
        object.__setattr__(self, "abbreviation_needles", tuple(
            required_substrings(pat, min_length=3) for pat, _ in self.abbreviations))
        within = frozenset(i for i, (pat, _) in enumerate(self.abbreviations)
                           if self.abbreviation_heads[i] is not None
                           and matches_within_words(pat))
        object.__setattr__(self, "abbr_within_words", within)
        heads_by_initial: dict[str, list[tuple[int, str]]] = {}
        for i in sorted(within):
            for head in sorted(self.abbreviation_heads[i] or ()):
                heads_by_initial.setdefault(head[:1], []).append((i, head))
        object.__setattr__(self, "abbr_heads_by_initial",
                           {k: tuple(v) for k, v in heads_by_initial.items()})
        pieces_by_initial: dict[str, list[tuple[int, HeadPiece]]] = {}
        unpieced: set[int] = set()
        for i, heads in enumerate(self.abbreviation_heads):
            if heads is None:
                unpieced.add(i)  # unknown heads: never ruled out
            for head in sorted(heads or ()):
                piece = head_piece(head)
                if piece is None:
                    unpieced.add(i)
                else:
                    pieces_by_initial.setdefault(piece[0][:1], []).append((i, piece))
        object.__setattr__(self, "abbr_head_pieces_by_initial",
                           {k: tuple(dict.fromkeys(v)) for k, v in pieces_by_initial.items()})
        object.__setattr__(self, "abbr_unpieced_mask", mask_of(unpieced))
        needle_pieces: dict[str, list[tuple[int, HeadPiece]]] = {}
        needleless: set[int] = set()
        for i, needles in enumerate(self.abbreviation_needles):
            pieces = [head_piece(needle) for needle in sorted(needles or ())]
            if not pieces or None in pieces:
                needleless.add(i)  # unknown needles: never ruled out
                continue
            for piece in pieces:
                assert piece is not None
                needle_pieces.setdefault(piece[0][:1], []).append((i, piece))
        object.__setattr__(self, "abbr_needle_pieces_by_initial",
                           {k: tuple(dict.fromkeys(v)) for k, v in needle_pieces.items()})
        object.__setattr__(self, "abbr_needleless_mask", mask_of(needleless))
        object.__setattr__(self, "abbr_always_mask", mask_of(self.abbr_always))
        object.__setattr__(self, "abbr_within_mask", mask_of(within))
        object.__setattr__(self, "abbr_later_masks", tuple(
            mask_of(j for j in self.abbreviations_for_starts(self.rep_starts[i]) if j > i)
            for i in range(len(self.abbreviations))))
        object.__setattr__(self, "abbr_by_word", AbbreviationsByWord(self))
        object.__setattr__(self, "scope_stops", CLAUSE_PUNCT | self.scope_terminators)
        object.__setattr__(self, "call_type_words", _WordForms(self.call_type_fixes))
        object.__setattr__(self, "narrative_words", _WordForms(self.narrative_fixes))

    def abbreviations_for_starts(self, starts: frozenset[str]) -> set[int]:
        """The abbreviations one of whose literal prefixes is among ``starts``."""
        todo: set[int] = set()
        for pre in starts & self.abbr_keys:
            todo |= self.abbr_by_prefix[pre]
        return todo

    def expand(self, text: str, words: set[str] | None = None) -> str:
        """Apply the abbreviations in order, skipping those whose first letters start no
        word of the text (most of them, on any one text). ``words``: the text's distinct
        whitespace-delimited words, when already known."""
        if not self.abbreviations:
            return text
        if words is None:
            words = set(text.split())
        by_word = self.abbr_by_word
        if len(by_word) > 200_000:
            by_word.clear()
        # word starts never span whitespace (see raw_word_starts), so the text's are the
        # union of its words', and words repeat from call to call
        combined = reduce(or_, map(by_word.__getitem__, words), 0)
        width = len(self.abbreviations)
        full = (1 << width) - 1
        todo = combined & full | self.abbr_always_mask
        if not todo:
            return text
        # which abbreviations of abbr_within_words match the text as it came in
        present = (combined >> width) & full
        within = self.abbr_within_mask
        if not todo & ~within and not todo & present:
            return text
        # which abbreviations may have a head in the text as it came in, and so which
        # may change it at all: until one does, only those are tried
        may_have_head = combined >> (2 * width) & full | self.abbr_unpieced_mask
        may_have_needle = combined >> (3 * width) | self.abbr_needleless_mask
        candidates = todo & (within & present | ~within & may_have_head) & may_have_needle
        for i in set_bits(candidates):
            text, n = self._try_abbreviation(i, text, bool(within >> i & 1))
            if n:
                # the text changed: the later ones are tried on it as it is now, and
                # words the replacement brought in may call for more
                later = todo & ~((2 << i) - 1) | self.abbr_later_masks[i]
                return self._expand_changed(text, later)
        return text

    def _expand_changed(self, text: str, todo: int) -> str:
        """:meth:`expand` from the abbreviations ``todo`` on, once one changed ``text``."""
        while todo:
            lowest = todo & -todo
            todo ^= lowest
            i = lowest.bit_length() - 1
            text, n = self._try_abbreviation(i, text, False)
            if n:
                todo |= self.abbr_later_masks[i]
        return text

    def _try_abbreviation(self, i: int, text: str, matches: bool) -> tuple[str, int]:
        """Abbreviation ``i`` applied to ``text``, unless the text lacks every one of its
        heads or of its needles; ``matches``: it is known to match, no need to look."""
        if not matches:
            needed = self.abbreviation_heads[i]
            if needed is not None and len(needed) <= _HEADS_WORTH_TESTING:
                if not any(h in text for h in needed):
                    return text, 0
            else:
                needles = self.abbreviation_needles[i]
                if needles is not None and not any(n in text for n in needles):
                    return text, 0
        pat, rep = self.abbreviations[i]
        return pat.subn(rep, text)


# past this many heads, the substring tests cost more than the scan (a few µs) they save
_HEADS_WORTH_TESTING = 16
_SHARED_CONFIGS: dict[tuple[object, ...], TextConfig] = {}


def shared_text_config(
    abbreviations: tuple[tuple[re.Pattern[str], str], ...], vocabulary: frozenset[str],
    keep_words: frozenset[str], negation_cues: frozenset[str],
    pseudo_negations: frozenset[tuple[str, str]], post_negation_cues: frozenset[str],
    scope_terminators: frozenset[str], negation_window: int,
) -> TextConfig:
    """The text config of these settings, one per distinct settings: a policy loaded
    again finds its words' abbreviation masks and repaired forms already worked out,
    rather than working them out again over its first calls. Every cache of a config is
    a pure function of its settings, so sharing one changes no canonical form."""
    key = (tuple((pat.pattern, pat.flags, rep) for pat, rep in abbreviations), vocabulary,
           keep_words, negation_cues, pseudo_negations, post_negation_cues,
           scope_terminators, negation_window)
    found = _SHARED_CONFIGS.get(key)
    if found is None:
        if len(_SHARED_CONFIGS) >= 8:
            _SHARED_CONFIGS.pop(next(iter(_SHARED_CONFIGS)))  # the oldest
        found = _SHARED_CONFIGS[key] = TextConfig(
            abbreviations, vocabulary, keep_words, negation_cues, pseudo_negations,
            post_negation_cues, scope_terminators, negation_window)
    return found


class _Fixes(dict[str, str]):
    """token -> :func:`correct_token` of it, computed on first look-up, so that a text's
    tokens are repaired with one ``map`` and no Python-level loop for known tokens."""

    def __init__(self, config: TextConfig, allow_prefix: bool) -> None:
        super().__init__()
        self.config = config
        self.allow_prefix = allow_prefix

    def __missing__(self, token: str) -> str:
        fixed = correct_token(token, self.config, self.allow_prefix)
        self[token] = fixed
        return fixed


_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")

# a word's repaired tokens, and the (token, repair) pairs that differ
_WordForm = tuple[tuple[str, ...], tuple[tuple[str, str], ...]]


class _WordForms(dict[str, _WordForm]):
    """whitespace-delimited word -> its tokens after typo repair, computed on first
    look-up: tokens never span whitespace, so a text's tokens are its words' in order."""

    def __init__(self, fixes: dict[str, str]) -> None:
        super().__init__()
        self.fixes = fixes

    def __missing__(self, word: str) -> _WordForm:
        raw = _TOKEN_RE.findall(word)
        if _LETTERS.isdisjoint(word):
            # only letters are ever repaired; numbers are not kept, they seldom come back
            return tuple(raw), ()
        fixes = self.fixes
        if len(fixes) > 200_000:
            fixes.clear()
        fixed = tuple(map(fixes.__getitem__, raw))
        if "'s" in word:
            # a possessive not in any word list is a name ("Jumer's", "Culver's"), never
            # a typo to repair into a vocabulary word ("jumper")
            fixed = tuple(raw[i] if raw[i + 1:i + 2] == ["s"] else f
                          for i, f in enumerate(fixed))
        form = (fixed, tuple((a, b) for a, b in zip(raw, fixed, strict=True) if a != b))
        self[word] = form
        return form


class Canonical(NamedTuple):
    """Canonical text and its token positions, for pattern matching and negation. (A
    named tuple: two are made for every narrative, and a tuple is made in half the time
    of a frozen dataclass.)"""

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
        starts = self.starts
        first = bisect_right(starts, start) - 1
        last = bisect_right(starts, max(start, end - 1)) - 1
        tokens = self.tokens
        stops = config.scope_stops
        cues = config.negation_cues
        for i in range(first - 1, max(0, first - config.negation_window) - 1, -1):
            tok = tokens[i]
            if tok in stops:
                break
            if tok in cues:
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
            if tok in stops:
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


def normalise(raw: str) -> str:
    """Lower-cased, contractions expanded, ``_`` and ``*`` as spaces: the part of
    :func:`canonicalize` that no policy changes, so a narrative goes through it once for
    both the policy's and the safety lexicon's text config."""
    s = raw.lower()
    s = s.replace("\u2019", "'")
    if not s.isascii():
        # Spanish and Hawaiian words keep their letters ("está" is "esta", "señor" is
        # "senor"), rather than breaking in two where an accent was.
        s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")
    if "'" in s or "cant" in s or "wont" in s:
        for pat, rep, needed in _CONTRACTIONS:
            if needed in s:
                s = pat.sub(rep, s)
    if "." in s:
        # a decimal point ends no sentence ("temp 103.4, not eating" is one sentence)
        s = _DECIMAL_POINT.sub(r"\1 point \2", s)
    return s.replace("_", " ").replace("*", " ")


_DECIMAL_POINT = re.compile(r"(\d)\.(\d)")


class NormalisedText:
    """A text :func:`normalise` gave, split into whitespace-delimited words once however
    many text configs canonicalise it."""

    __slots__ = ("distinct_words", "text", "words")

    def __init__(self, raw: str) -> None:
        self.text = normalise(raw)
        self.words = self.text.split()
        self.distinct_words = set(self.words)


@lru_cache(maxsize=131072)
def canonicalize(raw: str, config: TextConfig, is_call_type: bool) -> Canonical:
    """The canonical form of ``raw`` (see the module docstring), cached: for call types
    and other texts that repeat."""
    return canonicalize_once(raw, config, is_call_type)


def canonicalize_once(raw: str, config: TextConfig, is_call_type: bool) -> Canonical:
    """:func:`canonicalize` without the cache, for texts that hardly ever repeat
    (narratives), whose cache entries would only cost memory and garbage collection."""
    if not raw or not raw.strip():
        return _EMPTY
    return canonical_form(NormalisedText(raw), config, is_call_type)


def _keep_street_names(words: list[str], per_word: list[_WordForm]) -> None:
    for i in place_name_positions(words):
        if per_word[i][1]:
            per_word[i] = (tuple(_TOKEN_RE.findall(words[i])), ())


def canonical_form(norm: NormalisedText, config: TextConfig, is_call_type: bool) -> Canonical:
    """The canonical form under ``config`` of a text already normalised."""
    s = config.expand(norm.text, norm.distinct_words)
    words = norm.words if s == norm.text else s.split()
    forms = config.call_type_words if is_call_type else config.narrative_words
    if len(forms) > 200_000:
        forms.clear()
    per_word = list(map(forms.__getitem__, words))
    if any(map(itemgetter(1), per_word)):
        _keep_street_names(words, per_word)
    tokens = tuple(chain.from_iterable(map(itemgetter(0), per_word)))
    corrections = tuple(chain.from_iterable(map(itemgetter(1), per_word)))
    text = " ".join(tokens)
    # token i starts after the i tokens before it and the i spaces between them
    starts = tuple(map(add, accumulate(map(len, tokens[:-1]), initial=0), count()))
    return Canonical(text, tokens, starts, corrections)
