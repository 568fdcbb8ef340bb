"""Training and cross-validating the learned reader (:mod:`services.triage.reader`).

    python -m services.triage.reader_training train     # writes the policy's reader file
    python -m services.triage.reader_training crossval  # leave-one-split-out figures

The training data are the written corpus splits named in :data:`TRAINING_SPLITS`; the
newest splits are left out of training on purpose, so that the figures on them say how
the reader does on writing it never saw. Training is deterministic (fixed order, fixed
seed): the same splits give the same file byte for byte.

The model is one logistic regression per label (police, ems, fire, behavioral_health,
property) over shared sparse features, fitted by stochastic gradient descent with
AdaGrad step sizes and L2 shrinkage. Features seen in fewer than ``min_count`` training
calls are dropped: a word one or two writers used once is a fact about those writers (and
keeping them would take the packed file past the policy event's bound).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from services.triage.corpus import CORPUS_DIR, Case, grade, read_cases
from services.triage.policy import Policy, load_policy
from services.triage.reader import LABELS, Reader, features
from services.triage.text import canonicalize, canonicalize_once

TRAINING_SPLITS = ("a1", "a2", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6",
                   "fresh7", "fresh8", "fresh9", "fresh10", "fresh11", "fresh12", "fresh13",
                   "fresh14", "fresh15", "fresh16", "fresh17", "fresh18", "fresh20",
                   "fresh19", "fresh21", "fresh22", "fresh23", "fresh24", "fresh25",
                   "fresh26", "fresh27", "fresh28", "fresh29", "fresh30", "fresh31",
                   "fresh32", "fresh33", "fresh34", "fresh37", "fresh38", "fresh39",
                   "fresh40", "fresh41", "fresh42", "fresh45", "fresh46", "fresh47",
                   "fresh48", "fresh49", "fresh50", "fresh53", "fresh54", "fresh55",
                   "fresh56", "fresh57", "fresh58", "fresh61", "fresh62", "fresh63",
                   "fresh64", "fresh65", "fresh66", "fresh51", "fresh52", "fresh59",
                   "fresh60", "fresh67", "fresh68", "fresh69", "fresh70", "fresh71",
                   "fresh72", "fresh73", "fresh74", "fresh75", "fresh76",
                   "fresh77", "fresh78", "fresh79", "fresh80", "fresh81", "fresh82",
                   "fresh83", "fresh84", "fresh85", "fresh86", "fresh87", "fresh88",
                   "fresh89", "fresh90", "fresh91", "fresh92", "fresh93", "fresh94",
                   "fresh95", "fresh96", "fresh97", "fresh98", "fresh99", "fresh100",
                   "fresh101", "fresh102", "fresh103", "fresh104", "fresh105", "fresh106",
                   "fresh107", "fresh108", "fresh109", "fresh110", "fresh111", "fresh112",
                   "fresh113", "fresh114", "fresh115", "fresh116", "fresh117", "fresh118",
                   "fresh119", "fresh120", "fresh121", "fresh122", "fresh123", "fresh124",
                   "fresh125", "fresh126", "fresh127", "fresh128", "fresh129", "fresh130",
                   "fresh131", "fresh132", "fresh133", "fresh134", "fresh135", "fresh136",
                   "fresh137", "fresh138", "fresh139", "fresh140", "fresh141", "fresh142",
                   "fresh143", "fresh144", "fresh145", "fresh146", "fresh147", "fresh148",
                   "fresh149", "fresh150", "fresh151", "fresh152", "fresh153", "fresh154",
                   "fresh155", "fresh156", "fresh157", "fresh158", "fresh159", "fresh160",
                   "fresh161", "fresh162", "fresh163", "fresh164", "fresh165", "fresh166",
                   "fresh167", "fresh168", "fresh169", "fresh170", "fresh171", "fresh172")


def split_path(name: str) -> Path:
    return CORPUS_DIR / f"split_{name}.yaml"


@dataclass(frozen=True)
class Example:
    features: tuple[str, ...]
    # per label: 1.0, 0.0, or None when the case does not say
    targets: tuple[float | None, ...]


def targets_of(case: Case) -> tuple[float | None, ...]:
    def flag(value: bool | None) -> float | None:
        return None if value is None else float(value)

    out: list[float | None] = []
    for label in LABELS:
        if label == "behavioral_health":
            out.append(flag(case.behavioral_health))
        elif label == "property":
            out.append(flag(case.property_crime))
        else:
            out.append(1.0 if label in case.must_send else 0.0)
    return tuple(out)


def example_of(case: Case, policy: Policy) -> Example:
    narrative = canonicalize_once(case.narrative or "", policy.text, False).tokens
    call_type = canonicalize(case.call_type or "", policy.text, True).tokens
    return Example(tuple(features(narrative, call_type, policy.text)), targets_of(case))


@dataclass(frozen=True)
class Settings:
    epochs: int = 12
    rate: float = 0.5
    l2: float = 1e-2
    min_count: int = 4
    max_share: float = 0.2
    seed: int = 20261206


def train(examples: Sequence[Example], trained_on: Sequence[str],
          settings: Settings = Settings()) -> Reader:
    """A reader fitted to ``examples``; deterministic for the same input."""
    counts = Counter(f for ex in examples for f in ex.features)
    most = settings.max_share * len(examples)
    keep = {f for f, c in counts.items() if settings.min_count <= c <= most}
    rows = [([f for f in ex.features if f in keep], ex.targets) for ex in examples]
    n = len(LABELS)
    weights: dict[str, list[float]] = {f: [0.0] * n for f in sorted(keep)}
    squares: dict[str, list[float]] = {f: [1e-8] * n for f in sorted(keep)}
    bias = [0.0] * n
    bias_sq = [1e-8] * n
    order = list(range(len(rows)))
    rng = random.Random(settings.seed)
    for _ in range(settings.epochs):
        rng.shuffle(order)
        for i in order:
            feats, targets = rows[i]
            sums = bias.copy()
            for f in feats:
                w = weights[f]
                for k in range(n):
                    sums[k] += w[k]
            for k in range(n):
                target = targets[k]
                if target is None:
                    continue
                grad = _sigmoid(sums[k]) - target
                bias_sq[k] += grad * grad
                bias[k] -= settings.rate * grad / math.sqrt(bias_sq[k])
                for f in feats:
                    g = grad + settings.l2 * weights[f][k]
                    squares[f][k] += g * g
                    weights[f][k] -= settings.rate * g / math.sqrt(squares[f][k])
    kept = {f: tuple(w) for f, w in weights.items() if max(abs(x) for x in w) >= 1e-3}
    return Reader(LABELS, tuple(bias), kept, tuple(trained_on))


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def train_on_splits(splits: Sequence[str], policy: Policy,
                    settings: Settings = Settings()) -> Reader:
    cases = read_cases([split_path(s) for s in splits])
    return train([example_of(c, policy) for c in cases], splits, settings)


def with_reader(policy: Policy, reader: Reader | None) -> Policy:
    """The same policy judging with another reader (or none), for comparisons."""
    return replace(policy, reader=reader)


def crossval(policy: Policy, splits: Sequence[str] = TRAINING_SPLITS,
             settings: Settings = Settings()) -> None:
    """Leave one split out: train on the others, grade the whole engine on it, and print
    the figures beside the rules alone on the same split."""
    print(f"{'split':10} {'':6} {'safety':>6} {'divert':>8} {'bh P/R':>11} {'prop P/R':>11}")
    for held in splits:
        others = [s for s in splits if s != held]
        reader = train_on_splits(others, policy, settings)
        cases = read_cases([split_path(held)])
        for name, p in (("rules", with_reader(policy, None)),
                        ("+reader", with_reader(policy, reader))):
            r = grade(cases, p)
            share = len(r.diversion_misses) / max(1, r.diversion_cases)
            print(f"{held:10} {name:6} {len(r.safety_misses):6d} {share:8.1%} "
                  f"{r.bh.precision:5.2f}/{r.bh.recall:4.2f} "
                  f"{r.prop.precision:5.2f}/{r.prop.recall:4.2f}")
        sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m services.triage.reader_training",
                                     description=__doc__.splitlines()[0] if __doc__ else None)
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train", help="train on the training splits, write the reader file")
    t.add_argument("--out", type=Path, default=None,
                   help="where to write (default: the default policy's reader file)")
    sub.add_parser("crossval", help="leave-one-split-out figures over the training splits")
    args = parser.parse_args(argv)
    policy = load_policy()
    if args.command == "train":
        reader = train_on_splits(TRAINING_SPLITS, with_reader(policy, None))
        out = args.out or policy.reader_path
        if out is None:
            parser.error("the policy names no reader file; give --out")
        Path(out).write_text(reader.to_json() + "\n", encoding="utf-8")
        print(f"wrote {out}: {len(reader.weights)} features, trained on "
              f"{', '.join(TRAINING_SPLITS)}")
        return 0
    crossval(policy)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
