"""The import rules of docs/DESIGN.md ("Layers") that a reviewer cannot see at a glance, checked on the source."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_sync_imports_nothing_of_the_app() -> None:
    """DESIGN "Layers": the sync engine and its servers get what they need of the app through interfaces
    (the hub's queue rules are handed to ``create_app``), so the province's server carries no desktop code."""
    wrong = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / "sync").rglob("*.py")
        for name in _imports(path)
        if name == "app" or name.startswith("app.")
    }
    assert not wrong, f"sync/ imports app/: {sorted(wrong)}"


def test_the_domain_imports_nothing_else_of_the_project() -> None:
    wrong = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / "app" / "domain").rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in ("app", "sync") and not name.startswith("app.domain")
    }
    assert not wrong, sorted(wrong)


_SQL = re.compile(r"""["'](SELECT |INSERT INTO |INSERT OR |UPDATE \w+ SET |DELETE FROM |CREATE (TABLE|INDEX) )""")


def test_only_the_store_speaks_sql() -> None:
    """DESIGN "Layers": services and screens ask app/store; a query elsewhere escapes its indexes and tests."""
    wrong = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "app").rglob("*.py")
        if "store" not in path.relative_to(ROOT / "app").parts[:1]
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if _SQL.search(line)
    ]
    assert not wrong, f"SQL outside app/store: {wrong}"
