"""The payload that publishes a triage policy version's full text, and the digest that
names a version.

Triage records a policy's SHA-256 on every decision. The first time it decides under a
version it also sends :class:`PolicyVersionUsed` with the policy's exact text (and the
learned reader file the digest also covers), so audit can archive it by that digest and
anyone can read what rules decided a call. The event goes on ``policy.versions`` (a topic
of its own, so the consumers of ``calls.triaged`` see decisions only), keyed by the
digest; its id is derived from the digest, so a restart or a second instance sends the
very same event and the record keeps it once.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import hashlib
import zlib
from typing import ClassVar

from pydantic import Field

from shared.contracts import Contract

# What separates the policy's bytes from the reader's in the digest (see policy_digest).
READER_SEPARATOR = b"\0reader\0"

# Bounds that keep the event under the broker's default 1 MB record: the reader travels
# gzip-compressed (a JSON of weights shrinks to about a third), the policy as text. JSON
# escaping lengthens the policy a little, so the two stay near 930,000 characters at most,
# the envelope's few hundred beside (current sizes: docs/TRIAGE.md). The reader grows about
# 12,000 packed characters with each six splits it learns from, the policy a few thousand;
# when the reader nears its bound, its weakest features are to be pruned.
MAX_POLICY_CHARS = 200_000
MAX_READER_PACKED_CHARS = 730_000
# A packed reader never unpacks past this (a small record must not inflate to gigabytes).
MAX_READER_BYTES = 16_000_000


def policy_digest(policy: bytes, reader: bytes | None = None) -> str:
    """The SHA-256 triage records on its decisions: the policy file's bytes, then (with a
    learned reader) a separator and the reader file's bytes."""
    digest = hashlib.sha256(policy)
    if reader is not None:
        digest.update(READER_SEPARATOR + reader)
    return digest.hexdigest()


def pack_reader(raw: bytes) -> str:
    """A reader file's bytes as gzip, in base64 (deterministic: no timestamp)."""
    return base64.b64encode(gzip.compress(raw, compresslevel=9, mtime=0)).decode("ascii")


class ReaderUnpackError(ValueError):
    """A packed reader that is not base64 gzip, or unpacks past MAX_READER_BYTES."""


def unpack_reader(packed: str, limit: int = MAX_READER_BYTES) -> bytes:
    """The reader file's bytes back from :func:`pack_reader`, never more than ``limit``."""
    try:
        compressed = base64.b64decode(packed, validate=True)
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip framing
        raw = inflater.decompress(compressed, limit + 1)
    except (binascii.Error, zlib.error) as err:
        raise ReaderUnpackError(f"not base64 gzip: {err}") from err
    if len(raw) > limit or inflater.unconsumed_tail:
        raise ReaderUnpackError(f"unpacks past {limit} bytes")
    if not inflater.eof:
        raise ReaderUnpackError("truncated gzip stream")
    return raw


class PolicyVersionUsed(Contract):
    """Triage decided its first call under this policy version: here is its full text."""

    event_type: ClassVar[str] = "PolicyVersionUsed"
    schema_version: ClassVar[int] = 1

    policy_id: str = Field(max_length=200, description="The policy's id.",
                           examples=["rightresponse-default"])
    policy_version: str = Field(max_length=200, description="Its version label, as the "
                                "file states it.", examples=["1"])
    policy_hash: str = Field(pattern=r"^[0-9a-f]{64}$",
                             description="SHA-256 of the policy file (and of its reader "
                             "file, when it has one): the hash every decision records.",
                             examples=["9f2c0d4e" * 8])
    policy_file: str = Field(max_length=200, description="The policy file's name.",
                             examples=["default.yaml"])
    policy_text: str = Field(max_length=MAX_POLICY_CHARS,
                             description="The policy file's full text (UTF-8).",
                             examples=["policy_id: rightresponse-default\nversion: 1\n"])
    reader_file: str | None = Field(default=None, max_length=200,
                                    description="The learned reader's file name, if any.",
                                    examples=["reader.json"])
    reader_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$",
                                      description="SHA-256 of the reader file alone.",
                                      examples=["4b1e" * 16])
    reader_gzip_base64: str | None = Field(
        default=None, max_length=MAX_READER_PACKED_CHARS,
        description="The reader file's bytes, gzip-compressed, in base64.",
        examples=["H4sIAAAAAAAC/6tWSs7PS8nMS1eyUlBKL0pNzSvJzM9TqgUA"])

    def digest_holds(self) -> bool:
        """Whether the text carried is exactly what ``policy_hash`` names."""
        reader = None
        if self.reader_gzip_base64 is not None:
            try:
                reader = unpack_reader(self.reader_gzip_base64)
            except ReaderUnpackError:
                return False
            if self.reader_sha256 != hashlib.sha256(reader).hexdigest():
                return False
        return policy_digest(self.policy_text.encode("utf-8"), reader) == self.policy_hash


POLICY_PAYLOADS: tuple[type[Contract], ...] = (PolicyVersionUsed,)
