"""The checkpoint signing key: from settings, generated for development, required in production."""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from services.audit.settings import AuditSettings


class SigningKeyMissing(RuntimeError):
    """Production must be given its key: a generated one would make checkpoints worthless."""


def _raw_key(text: str, what: str) -> bytes:
    """The 32 raw bytes of a key given as base64."""
    try:
        raw = base64.b64decode(text, validate=True)
    except binascii.Error as err:
        raise ValueError(f"the audit {what} is neither PEM nor base64") from err
    if len(raw) != 32:
        raise ValueError(f"a base64 audit {what} must hold exactly 32 bytes")
    return raw


def parse_private_key(text: str) -> Ed25519PrivateKey:
    """Base64 of the 32 raw bytes, or a PEM (PKCS#8) Ed25519 private key."""
    text = text.strip()
    if text.startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(text.encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("the audit signing key must be an Ed25519 key")
        return key
    return Ed25519PrivateKey.from_private_bytes(_raw_key(text, "signing key"))


def private_key_pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def public_key_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM,
                            serialization.PublicFormat.SubjectPublicKeyInfo)


def parse_public_key(text: str) -> Ed25519PublicKey:
    """Base64 of the 32 raw bytes, or a PEM (SubjectPublicKeyInfo) Ed25519 public key."""
    text = text.strip()
    if text.startswith("-----BEGIN"):
        key = serialization.load_pem_public_key(text.encode())
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("the audit public key must be an Ed25519 key")
        return key
    return Ed25519PublicKey.from_public_bytes(_raw_key(text, "public key"))


def load_pinned_public_key(path: Path) -> Ed25519PublicKey | None:
    """The public key verification trusts: the file an auditor was given, or None when
    there is none. It is never derived from the private key, which whoever can replace
    the service's key could otherwise swap along with the checkpoints."""
    if not path.exists():
        return None
    return parse_public_key(path.read_text())


def _write(path: Path, data: bytes, mode: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    tmp.replace(path)


def generate_key_pair(private_path: Path) -> Ed25519PrivateKey:
    """A new signing key in ``private_path`` (mode 600) and its public key beside it
    (``.pub``, the file to hand to auditors)."""
    key = Ed25519PrivateKey.generate()
    _write(private_path, private_key_pem(key), 0o600)
    _write(private_path.with_suffix(".pub"), public_key_pem(key.public_key()), 0o644)
    return key


def load_signing_key(settings: AuditSettings) -> Ed25519PrivateKey:
    if settings.signing_key:
        return parse_private_key(settings.signing_key)
    if settings.environment == "production":
        raise SigningKeyMissing(
            "RR_SIGNING_KEY is not set: production refuses to start without the key "
            "that signs the audit chain's checkpoints")
    path = settings.signing_key_path()
    if path.exists():
        key = parse_private_key(path.read_text())
        public = path.with_suffix(".pub")
        if not public.exists():  # a key generated before public key files were written
            _write(public, public_key_pem(key.public_key()), 0o644)
        return key
    return generate_key_pair(path)
