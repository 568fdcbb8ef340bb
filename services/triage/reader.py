"""The learned reader: a second, independent opinion on a call's words.

The rules (policy evidence, the safety lexicon) read what they were written to read. On
wording nobody wrote a rule for, they find nothing, and the call goes to the policy's
conservative default. The reader is a logistic-regression model over the same canonical
tokens (spelling repaired, abbreviations expanded), with words under a negation marked
(``no guns`` gives ``~guns``), their pairs, and the call type's words. It was trained on
the written corpus (``services/triage/reader_training.py``) and gives, per call, the
probability that the call needs police, EMS or fire, and that it is a behavioral-health
crisis or a property crime.

What the engine lets it do is narrow, so that it can never make a call less safe:

* add a tag the rules did not find (``behavioral_health``, ``property``) when it is
  confident; the pathway step then runs as for any tag, the built-in safety overrides
  still apply, and a diversion that rests on the reader alone is flagged for review;
* add police, EMS or fire when it is confident a call needs them.

It never removes a tag or a safety flag, nor a unit from a call the rules classified;
the one thing it can change is the conservative default (police) of a call no rule
recognised, into the pathway of the tag it found. Each thing it adds carries a reason
naming the probability and the words that weighed most, so the decision stays auditable.

Scoring is pure Python over a dict of weights: a call's features are a few dozen, so the
cost is a few dozen dict look-ups per label.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import add
from pathlib import Path

from services.triage.text import CLAUSE_PUNCT, TextConfig

LABELS = ("police", "ems", "fire", "behavioral_health", "property")
UNIT_LABELS = ("police", "ems", "fire")
TAG_LABELS = ("behavioral_health", "property")
NEGATED = "~"
CALL_TYPE = "t:"
NO_CALL_TYPE = "t:none"


# what separates clauses for the reader: a word pair never spans one
_SEPARATORS = CLAUSE_PUNCT | {":"}


def _text_features(tokens: Sequence[str], prefix: str, config: TextConfig) -> list[str]:
    """The features of one text's tokens in order, repeats included: each word, and each
    pair of words of a clause, marked ``~`` when a negation cue governs the word (its
    scope as in :meth:`services.triage.text.Canonical.negated`: the next
    ``negation_window`` tokens, up to clause punctuation or a new subject)."""
    out: list[str] = []
    append = out.append
    cues = config.negation_cues
    stops = config.scope_stops
    pseudo = config.pseudo_negations
    window = config.negation_window + 1
    negated_prefix = prefix + NEGATED
    last = len(tokens) - 1
    left = 0
    prev = ""
    for i, tok in enumerate(tokens):
        if tok in _SEPARATORS:
            left = 0
            prev = ""
            continue
        if tok in stops:
            left = 0
        is_cue = tok in cues
        if is_cue and (tok, tokens[i + 1] if i < last else "") not in pseudo:
            left = window
        mark = negated_prefix if left and not is_cue else prefix
        if left:
            left -= 1
        append(mark + tok)
        if prev:
            append(f"{mark}{prev} {tok}")
        prev = tok
    return out


@lru_cache(maxsize=4096)
def _call_type_features(tokens: tuple[str, ...], config: TextConfig) -> tuple[str, ...]:
    # call types repeat, as in any CAD
    return tuple(_text_features(tokens, CALL_TYPE, config))


def features(narrative: Sequence[str], call_type: Sequence[str],
             config: TextConfig) -> list[str]:
    """The reader's features of one call: narrative words and word pairs (negated ones
    marked), call-type words and pairs. Distinct, in first-seen order."""
    seen = dict.fromkeys(_text_features(narrative, "", config))
    if call_type:
        seen.update(dict.fromkeys(_call_type_features(tuple(call_type), config)))
    else:
        seen[NO_CALL_TYPE] = None
    return list(seen)


@dataclass(frozen=True)
class Opinion:
    """The reader's probabilities for one call, and the features of the call."""

    probability: dict[str, float]
    features: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Reader:
    """A trained reader: per label a bias and per feature a weight."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    trained_on: tuple[str, ...]

    def read(self, feats: Sequence[str]) -> Opinion:
        # one look-up per feature, then each label's sum over the weight rows transposed:
        # all of it in C, which matters at thousands of calls a second
        # (a weight row is never empty, so filter(None) drops exactly the unknown features)
        rows = list(filter(None, map(self.weights.get, feats)))
        columns = zip(*rows, strict=True)
        sums = list(map(add, self.bias, map(sum, columns))) if rows else self.bias
        return Opinion(dict(zip(self.labels, map(_sigmoid, sums), strict=True)), tuple(feats))

    def strongest(self, opinion: Opinion, label: str, k: int = 3) -> list[str]:
        """The ``k`` features that pushed ``label`` up the most, for a reason's evidence."""
        j = self.labels.index(label)
        ranked = sorted(((self.weights[f][j], f) for f in opinion.features if f in self.weights),
                        reverse=True)
        return [f for w, f in ranked[:k] if w > 0]

    def to_json(self) -> str:
        """JSON with one feature per line, so that a retrained file diffs by feature.
        Weights keep three decimals: the rounding moves a call's log-odds by at most
        0.0005 per feature (about 0.03 over a long narrative's features, under one point of
        probability), and the file must fit, packed, in the policy event
        (MAX_READER_PACKED_CHARS)."""
        head = json.dumps({"bias": [round(b, 3) for b in self.bias], "labels": list(self.labels),
                           "trained_on": list(self.trained_on)})
        rows = ",\n".join(f"{json.dumps(f)}: {json.dumps([round(x, 3) for x in w])}"
                           for f, w in sorted(self.weights.items()))
        return f'{head[:-1]}, "weights": {{\n{rows}\n}}}}'



def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


class ReaderError(ValueError):
    """A reader file that cannot be used."""


def parse_reader(raw: bytes, where: str) -> Reader:
    try:
        data = json.loads(raw)
        labels = tuple(str(x) for x in data["labels"])
        bias = tuple(float(x) for x in data["bias"])
        weights = {str(f): tuple(float(x) for x in w) for f, w in data["weights"].items()}
        trained_on = tuple(str(x) for x in data.get("trained_on", ()))
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise ReaderError(f"{where}: not a reader file: {err}") from err
    if set(labels) != set(LABELS) or len(bias) != len(labels):
        raise ReaderError(f"{where}: labels must be {', '.join(LABELS)}")
    bad = next((f for f, w in weights.items() if len(w) != len(labels)), None)
    if bad is not None:
        raise ReaderError(f"{where}: feature {bad!r} has the wrong number of weights")
    return Reader(labels, bias, weights, trained_on)


def load_reader(path: Path) -> Reader:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise ReaderError(f"cannot read reader file {path}: {err.strerror or err}") from err
    return parse_reader(raw, str(path))
