"""One boundary between the UI and the library: `tui/` (app and command line)
uses `index/` only through its facade, `index.api`, and never touches Whoosh."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

FACADE = "index.api"


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports (absolute names), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [(node.lineno, node.module)]
            # `from index import api` names the facade module itself.
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names if node.module == "index"]
    return found


def _violations() -> list[str]:
    problems = []
    for path in sorted((ROOT / "tui").rglob("*.py")):
        for line, module in _imports(path):
            where = f"{path.relative_to(ROOT)}:{line}"
            if module == "whoosh" or module.startswith("whoosh."):
                problems.append(f"{where} imports {module}")
            elif module == "index":
                continue  # checked name by name above
            elif module.startswith("index.") and module != FACADE:
                problems.append(f"{where} imports {module}; use {FACADE}")
    return problems


def test_tui_uses_index_only_through_the_facade():
    assert _violations() == []


def test_the_facade_does_not_import_whoosh_on_import():
    import subprocess
    import sys

    code = "import index.api, sys; print(any(m.split('.')[0] == 'whoosh' for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
