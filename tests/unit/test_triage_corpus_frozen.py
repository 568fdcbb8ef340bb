"""The evaluation splits stay as their writers froze them: a split edited after its first
measurement would make every figure taken on it meaningless."""

from __future__ import annotations

import hashlib
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "triage_corpus"


def _frozen() -> dict[str, str]:
    sums = {}
    for line in (CORPUS / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        sums[name] = digest
    return sums


def test_every_split_is_frozen_with_a_checksum() -> None:
    splits = sorted(p.name for p in CORPUS.glob("split_*.yaml"))
    assert splits == sorted(_frozen())


def test_no_split_changed_since_it_was_frozen() -> None:
    changed = [name for name, digest in _frozen().items()
               if hashlib.sha256((CORPUS / name).read_bytes()).hexdigest() != digest]
    assert changed == []
