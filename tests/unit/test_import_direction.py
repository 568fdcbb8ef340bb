"""shared/ is what the services build on: no module in it may import a service."""

from __future__ import annotations

import ast
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def imported_modules(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def test_no_shared_module_imports_a_service() -> None:
    modules = sorted(SHARED.rglob("*.py"))
    assert modules, SHARED
    upward = [f"{path.relative_to(SHARED.parent)}: {name}" for path in modules
              for name in imported_modules(path)
              if name == "services" or name.startswith("services.")]
    assert upward == []
