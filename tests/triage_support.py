"""Policy copies for tests: a policy file travels with the reader file it names."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from services.triage.policy import DEFAULT_POLICY_PATH


def write_policy(directory: Path, data: dict[str, Any], name: str = "policy.yaml") -> Path:
    """Write ``data`` as a policy file in ``directory``, with the default policy's reader
    file beside it when ``data`` names one."""
    path = directory / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    reader = (data.get("reader") or {}).get("file")
    source = DEFAULT_POLICY_PATH.parent / reader if reader else None
    if source is not None and source.exists() and not (directory / reader).exists():
        shutil.copy(source, directory / reader)
    return path
