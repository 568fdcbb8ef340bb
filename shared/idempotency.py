"""The ``Idempotency-Key`` request header: one definition of a well-formed key.

A route declares the header with :func:`idempotency_key_header`; code that reads
requests without FastAPI (intake's fast path) checks a key with
:func:`valid_idempotency_key`, so both accept exactly the same keys.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import Header

IDEMPOTENCY_KEY_HEADER = "Idempotency-Key"
IDEMPOTENCY_KEY_MAX_LENGTH = 200
# Visible ASCII, no spaces: safe to store, log by id and compare byte for byte.
IDEMPOTENCY_KEY_PATTERN = r"^[\x21-\x7e]+$"
_WELL_FORMED = re.compile(rf"[\x21-\x7e]{{1,{IDEMPOTENCY_KEY_MAX_LENGTH}}}")


def valid_idempotency_key(value: str) -> bool:
    """The key is one the header's declaration accepts."""
    return _WELL_FORMED.fullmatch(value) is not None


def idempotency_key_header(description: str) -> Any:
    """The header's FastAPI declaration (``Annotated[str | None, idempotency_key_header(...)]``)."""
    return Header(alias=IDEMPOTENCY_KEY_HEADER, min_length=1,
                  max_length=IDEMPOTENCY_KEY_MAX_LENGTH, pattern=IDEMPOTENCY_KEY_PATTERN,
                  description=description)
