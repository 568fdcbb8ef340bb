"""The checkpoint signing key: from settings, generated for development, required in production."""

from __future__ import annotations

import base64
import binascii
import os

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.audit.settings import AuditSettings


class SigningKeyMissing(RuntimeError):
    """Production must be given its key: a generated one would make checkpoints worthless."""


def parse_private_key(text: str) -> Ed25519PrivateKey:
    """Base64 of the 32 raw bytes, or a PEM (PKCS#8) Ed25519 private key."""
    text = text.strip()
    if text.startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(text.encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("the audit signing key must be an Ed25519 key")
        return key
    try:
        raw = base64.b64decode(text, validate=True)
    except binascii.Error as err:
        raise ValueError("the audit signing key is neither PEM nor base64") from err
    if len(raw) != 32:
        raise ValueError("a base64 audit signing key must hold exactly 32 bytes")
    return Ed25519PrivateKey.from_private_bytes(raw)


def private_key_pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def load_signing_key(settings: AuditSettings) -> Ed25519PrivateKey:
    if settings.signing_key:
        return parse_private_key(settings.signing_key)
    if settings.environment == "production":
        raise SigningKeyMissing(
            "RR_SIGNING_KEY is not set: production refuses to start without the key "
            "that signs the audit chain's checkpoints")
    path = settings.signing_key_path()
    if path.exists():
        return parse_private_key(path.read_text())
    key = Ed25519PrivateKey.generate()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(private_key_pem(key))
    tmp.replace(path)
    return key
