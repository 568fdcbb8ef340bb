"""The hash chain, pure: canonical form of an entry, its hash, checkpoint signatures, and
verification of a sequence of stored entries. No I/O here.

Each entry's hash is ``SHA-256(prev_hash || "\\n" || canonical_json(entry))`` where the
canonical JSON holds every stored field of the entry except the hash itself (keys sorted,
no spaces, UTF-8). The first entry's ``prev_hash`` is 64 zeros. A checkpoint is the
Ed25519 signature of ``canonical_json({"context", "key_id", "seq", "hash", "signed_at"})``
of the head: the fixed context keeps a checkpoint signature from being valid for anything
else the key might sign, and the key id names the key it must be checked with.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

GENESIS = "0" * 64

# The fields of an entry that the hash covers, in the order they are exported.
HASHED_FIELDS = (
    "seq", "kind", "event_id", "event_type", "schema_version", "call_id", "causation_id",
    "producer", "unit_id", "topic", "occurred_at", "recorded_at", "payload_json",
    "prev_hash",
)


def timestamp(value: datetime) -> str:
    """A fixed-width UTC timestamp: sorts as text and survives every database unchanged."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _parse_timestamp(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode()


def canonical_payload(payload: Mapping[str, Any]) -> str:
    return canonical_json(payload).decode()


_SORTED_FIELDS = tuple(sorted(HASHED_FIELDS))
_ENCODE = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode


def entry_hash(entry: Mapping[str, Any]) -> str:
    """The hash of an entry (a mapping holding at least :data:`HASHED_FIELDS`)."""
    # Built in sorted key order, so this equals canonical_json(body) without sorting again
    # (verification of a million entries spends its time here).
    body = {k: entry[k] for k in _SORTED_FIELDS}
    digest = hashlib.sha256()
    digest.update(str(entry["prev_hash"]).encode())
    digest.update(b"\n")
    digest.update(_ENCODE(body).encode())
    return digest.hexdigest()


CHECKPOINT_CONTEXT = "rightresponse-audit-checkpoint-v1"


def public_key_b64(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def key_id(key: Ed25519PublicKey) -> str:
    """A short, stable name of a public key: the first 16 hex digits of its SHA-256."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def checkpoint_message(seq: int, head_hash: str, signed_at: str, signer: str) -> bytes:
    return canonical_json({"context": CHECKPOINT_CONTEXT, "key_id": signer, "seq": seq,
                           "hash": head_hash, "signed_at": signed_at})


def sign_checkpoint(key: Ed25519PrivateKey, seq: int, head_hash: str, signed_at: str) -> str:
    message = checkpoint_message(seq, head_hash, signed_at, key_id(key.public_key()))
    return base64.b64encode(key.sign(message)).decode()


def signed_checkpoint(
    key: Ed25519PrivateKey, seq: int, head_hash: str, signed_at: str,
) -> dict[str, Any]:
    """A checkpoint record as stored and anchored: what was signed, by which key."""
    public = key.public_key()
    return {"seq": seq, "hash": head_hash, "signed_at": signed_at, "key_id": key_id(public),
            "public_key": public_key_b64(public),
            "signature": sign_checkpoint(key, seq, head_hash, signed_at)}


def signature_problem(cp: Mapping[str, Any], public_key: Ed25519PublicKey) -> str | None:
    """Why a checkpoint is not signed by the pinned key, or None when it is."""
    signer = key_id(public_key)
    seq = cp.get("seq")
    if cp.get("key_id", signer) != signer:
        return f"checkpoint at seq {seq} names key {cp.get('key_id')}, not the pinned key {signer}"
    try:
        public_key.verify(base64.b64decode(str(cp["signature"])), checkpoint_message(
            int(str(seq)), str(cp["hash"]), str(cp["signed_at"]), signer))
    except (InvalidSignature, ValueError, KeyError):
        return f"checkpoint at seq {seq} has an invalid signature"
    return None


@dataclass(frozen=True)
class FreshnessPolicy:
    """How much of the chain's head may be unsigned: the service signs at least every
    ``max_entries`` entries and every ``max_seconds`` while entries arrive, so a longer
    unsigned tail means checkpoints were deleted (or the tail was rewritten)."""

    max_entries: int
    max_seconds: float


def load_public_key(b64: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(b64))


@dataclass
class VerifyResult:
    ok: bool
    entries: int = 0
    checkpoints: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS
    first_bad_seq: int | None = None
    first_bad_event_id: str | None = None
    reason: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok, "entries": self.entries, "checkpoints": self.checkpoints,
            "head_seq": self.head_seq, "head_hash": self.head_hash,
            "first_bad_seq": self.first_bad_seq, "first_bad_event_id": self.first_bad_event_id,
            "reason": self.reason,
        }


class ChainVerifier:
    """Feed entries in ``seq`` order; the first that does not verify is kept, and stops it."""

    def __init__(self) -> None:
        self.result = VerifyResult(ok=True)
        self._hashes: dict[int, str] = {}
        self._wanted: set[int] = set()
        # When the first entry after the newest checkpoint, and the head, were recorded:
        # what the freshness rule needs (checkpoints are known before the entries stream).
        self._unsigned_since: str | None = None
        self._head_recorded: str | None = None

    def want_hashes_at(self, seqs: Iterable[int]) -> None:
        """Remember the hashes at these positions (the checkpoints) while streaming."""
        self._wanted.update(seqs)

    def _fail(self, entry: Mapping[str, Any] | None, reason: str, seq: int | None) -> None:
        self.result.ok = False
        self.result.first_bad_seq = seq
        self.result.first_bad_event_id = entry.get("event_id") if entry else None
        self.result.reason = reason

    def feed(self, entry: Mapping[str, Any]) -> bool:
        """Check one entry; False once the chain is broken (further entries are ignored)."""
        r = self.result
        if not r.ok:
            return False
        seq = int(entry["seq"])
        expected_seq = r.head_seq + 1
        if seq != expected_seq:
            self._fail(entry, f"expected seq {expected_seq}, found {seq} (entries missing)",
                       expected_seq if seq > expected_seq else seq)
            return False
        if entry["prev_hash"] != r.head_hash:
            self._fail(entry, "prev_hash does not match the previous entry's hash", seq)
            return False
        try:
            computed = entry_hash(entry)
        except (KeyError, TypeError, ValueError) as err:
            self._fail(entry, f"entry cannot be hashed: {type(err).__name__}", seq)
            return False
        if computed != entry["hash"]:
            self._fail(entry, "hash does not match the entry's contents (altered)", seq)
            return False
        r.entries += 1
        r.head_seq, r.head_hash = seq, computed
        if seq in self._wanted:
            self._hashes[seq] = computed
        recorded_at = entry.get("recorded_at")
        self._head_recorded = recorded_at if isinstance(recorded_at, str) else None
        if seq in self._wanted:
            self._unsigned_since = None
        elif self._unsigned_since is None:
            self._unsigned_since = self._head_recorded
        return True

    def check_checkpoints(
        self, checkpoints: Iterable[Mapping[str, Any]], public_key: Ed25519PublicKey | None,
        freshness: FreshnessPolicy | None = None,
    ) -> VerifyResult:
        """After the entries: every checkpoint must be signed with the pinned key and
        match the chain; with a freshness policy, the head must be signed recently."""
        r = self.result
        newest, matched = 0, 0
        for cp in sorted(checkpoints, key=lambda c: int(c["seq"])):
            if not r.ok:
                break
            seq, cp_hash = int(cp["seq"]), str(cp["hash"])
            if public_key is not None:
                problem = signature_problem(cp, public_key)
                if problem is not None:
                    self._fail(None, problem, seq)
                    break
            if seq > r.head_seq:
                self._fail(None, f"signed checkpoint at seq {seq} is beyond the chain's end "
                                 f"({r.head_seq}): entries were removed", r.head_seq + 1)
                break
            if self._hashes.get(seq) != cp_hash:
                since = (f"the one at seq {matched} matches: the change is after it"
                         if matched else "none before it matches")
                self._fail(None, f"chain hash at seq {seq} differs from its signed checkpoint "
                                 f"({since})", seq)
                break
            r.checkpoints += 1
            newest = matched = max(newest, seq)
        if r.ok and freshness is not None:
            self._check_freshness(newest, freshness)
        return r

    def _check_freshness(self, signed_seq: int, policy: FreshnessPolicy) -> None:
        r = self.result
        unsigned = r.head_seq - signed_seq
        if unsigned <= 0:
            return
        if unsigned >= policy.max_entries:
            self._fail(None, f"no signed checkpoint within {policy.max_entries} entries of "
                             f"the head: the last {unsigned} entries are unsigned "
                             "(checkpoints deleted?)", signed_seq + 1)
            return
        first, last = self._unsigned_since, self._head_recorded
        if first is None or last is None:
            return
        try:
            span = (_parse_timestamp(last) - _parse_timestamp(first)).total_seconds()
        except ValueError:
            self._fail(None, "an unsigned entry's recorded_at is not a timestamp",
                       signed_seq + 1)
            return
        if span > policy.max_seconds:
            self._fail(None, f"no signed checkpoint within {policy.max_seconds:g} s of the "
                             f"head: its unsigned entries span {span:.0f} s "
                             "(checkpoints deleted?)", signed_seq + 1)


def verify_chain(
    entries: Iterable[Mapping[str, Any]],
    checkpoints: Iterable[Mapping[str, Any]] = (),
    public_key: Ed25519PublicKey | None = None,
    freshness: FreshnessPolicy | None = None,
) -> VerifyResult:
    """Verify a whole chain held in memory (or streamed) plus its checkpoints."""
    checkpoints = list(checkpoints)
    verifier = ChainVerifier()
    verifier.want_hashes_at(int(c["seq"]) for c in checkpoints)
    for entry in entries:
        if not verifier.feed(entry):
            break
    return verifier.check_checkpoints(checkpoints, public_key, freshness)


def link(entries: Iterable[dict[str, Any]], prev_hash: str, first_seq: int) -> str:
    """Give new entries their seq, prev_hash and hash in place; returns the new head hash."""
    seq = first_seq
    for entry in entries:
        entry["seq"] = seq
        entry["prev_hash"] = prev_hash
        entry["hash"] = prev_hash = entry_hash(entry)
        seq += 1
    return prev_hash
