"""Signed checkpoints outside the database: an append-only directory an auditor copies.

Someone who can write to the database can delete checkpoint rows and rewrite the chain
behind them; they cannot reach back into copies of this directory. After every append
the service signs the new head and appends it here as one JSON line, so even entries
past the last checkpoint row are witnessed outside the database. Lines are written with
one ``write`` on a file opened ``O_APPEND``: instances sharing the directory never tear
each other's lines (their order may differ from ``seq`` order; verification sorts).

Make the directory append-only where the platform allows it (``chattr +a``, a WORM
mount) and copy it off the host regularly; see the README for offline verification.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from services.audit.chain import signature_problem

log = logging.getLogger(__name__)

ANCHOR_FILE = "checkpoints.jsonl"
ANCHOR_FIELDS = ("seq", "hash", "signed_at", "key_id", "public_key", "signature")


class AnchorUnreadable(ValueError):
    """The anchor directory is missing, or a line of it is not a checkpoint record."""


class AnchorLog:
    """Appends signed checkpoints to ``<directory>/checkpoints.jsonl``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.path = directory / ANCHOR_FILE

    def append(self, records: Iterable[dict[str, Any]]) -> bool:
        """Append the records; False (logged) when the file cannot be written. The chain
        is already committed by then: recording goes on, and verification reports the
        unanchored stretch if it grows past the freshness limits."""
        data = "".join(json.dumps({k: r[k] for k in ANCHOR_FIELDS}, sort_keys=True) + "\n"
                       for r in records).encode()
        if not data:
            return True
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
            try:
                os.write(fd, data)
            finally:
                os.close(fd)
        except OSError as err:
            log.error("audit anchor not written", extra={"error": type(err).__name__,
                                                          "path": str(self.path)})
            return False
        return True


def iter_anchor(directory: Path) -> Iterator[dict[str, Any]]:
    """Every checkpoint line of an anchor directory (every ``*.jsonl`` in it), as read."""
    if not directory.is_dir():
        raise AnchorUnreadable(f"anchor directory {directory} does not exist")
    for path in sorted(directory.glob("*.jsonl")):
        with path.open() as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    if not isinstance(record, dict):
                        raise TypeError("not an object")
                    record["seq"] = int(record["seq"])
                    for name in ("hash", "signed_at", "key_id", "signature"):
                        if not isinstance(record[name], str):
                            raise TypeError(name)
                except (ValueError, TypeError, KeyError) as err:
                    raise AnchorUnreadable(
                        f"{path.name} line {number} is not a checkpoint record") from err
                yield record


def read_anchor(
    directory: Path, public_key: Ed25519PublicKey | None = None, keep_every: int = 1,
) -> list[dict[str, Any]]:
    """The anchored checkpoints to compare with the chain, by seq.

    The anchor has a line per append, so over years it outgrows memory. With a public
    key every line's signature is checked as it is read, and only a sample is kept for
    comparing with the chain: a line at least ``keep_every`` entries from the last one
    kept, the newest line (a shortened chain fails against it), and the first line that
    is not signed by the key (verification reports it). A rewrite anywhere before the
    newest line changes every later hash, so it is still caught; the sample bounds how
    precisely it is located."""
    kept: list[dict[str, Any]] = []
    last_kept: int | None = None
    newest: dict[str, Any] | None = None
    forged_seen = False
    for record in iter_anchor(directory):
        if newest is None or record["seq"] > newest["seq"]:
            newest = record
        forged = (public_key is not None and not forged_seen
                  and signature_problem(record, public_key) is not None)
        forged_seen = forged_seen or forged
        sampled = last_kept is None or abs(record["seq"] - last_kept) >= keep_every
        if public_key is None or forged or sampled:
            kept.append(record)
            last_kept = record["seq"]
    if newest is not None and not any(r is newest for r in kept[-1:]):
        kept.append(newest)
    kept.sort(key=lambda r: (r["seq"], r["signed_at"]))
    return kept
