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


def _module_state(path: Path) -> list[str]:
    """Names a module binds to an empty list, dict or set at its top level (a registry filled at run time), and
    its ``global`` statements."""
    tree = ast.parse(path.read_text("utf-8"))
    found = [f"global {', '.join(node.names)}" for node in ast.walk(tree) if isinstance(node, ast.Global)]
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        empty = isinstance(value, ast.List | ast.Set) and not value.elts
        empty = empty or (isinstance(value, ast.Dict) and not value.keys)
        empty = empty or (isinstance(value, ast.Call) and ast.unparse(value.func) in ("list", "dict", "set"))
        found += [ast.unparse(t) for t in targets] if empty else []
    return found


def test_the_hub_code_keeps_no_registry() -> None:
    """DESIGN "Layers": one composition root passes the objects in, no global registries. The hub's key source
    is an argument of each hub entry point (``sync/hub/keys.py``): a source kept in a module would be whichever
    was installed last in the process (two tests, or a restore with a recovery key and a later command)."""
    wrong = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / "sync" / "hub").rglob("*.py")
        for name in _module_state(path)
    }
    assert not wrong, f"module-level state in sync/hub: {sorted(wrong)}"
