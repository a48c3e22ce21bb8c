"""The bundle spec and the Windows installer script agree with the code they package.

Why: the spec excludes Qt modules and libraries to stay under 150 MB; the day a view starts using one of them
the bundle would fail on the user's PC, not in the tests. These checks read the files as data (the build
itself runs in .ci/build-bundle.sh).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installer" / "motcua.spec"
ISS = ROOT / "installer" / "motcua.iss"
SHIPPED = [ROOT / "app", ROOT / "sync" / "client", ROOT / "sync" / "protocol"]


def spec_list(name: str) -> list[str]:
    for node in ast.parse(SPEC.read_text("utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return list(ast.literal_eval(node.value))
    raise AssertionError(f"{name} not found in {SPEC.name}")


def imports_in_shipped_code() -> set[str]:
    found: set[str] = set()
    for folder in SHIPPED:
        for path in folder.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.Import):
                    found.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    found.add(node.module)
                    found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_no_qt_module_the_app_imports_is_excluded() -> None:
    used = {name.split(".")[1] for name in imports_in_shipped_code() if name.startswith("PySide6.Qt")}
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    assert not used & set(spec_list("QT_UNUSED")), "a Qt module the app imports is excluded in motcua.spec"


def test_nothing_the_app_imports_is_excluded() -> None:
    excluded = set(spec_list("SERVER_AND_DEV"))
    tops = {name.split(".")[0] for name in imports_in_shipped_code()}
    assert not tops & excluded, "motcua.spec excludes a package the shipped code imports"


def test_installer_has_both_languages_and_the_three_shortcuts() -> None:
    text = ISS.read_text("utf-8")
    assert re.search(r'^Name: "vi"; MessagesFile: "Vietnamese\.isl"', text, re.M)
    assert re.search(r'^Name: "en"; MessagesFile: "compiler:Default\.isl"', text, re.M)
    assert "PrivilegesRequired=admin" in text and r"DefaultDirName={autopf}" in text
    icons = [line for line in text.splitlines() if line.startswith('Name: "{auto')]
    for parameters in ('Parameters: "--kiosk"', 'Parameters: "--display"'):
        assert sum(parameters in line for line in icons) == 2, f"{parameters}: Start menu and desktop"
    assert sum("{autodesktop}" in line for line in icons) == 3


def test_uninstall_keeps_the_data_folder() -> None:
    text = ISS.read_text("utf-8")
    section = re.search(r"^\[UninstallDelete\](.*?)(^\[|\Z)", text, re.M | re.S)
    assert section is None or "appdata" not in section.group(1).lower()
    assert "appdata}\\{#AppName}" in text  # the uninstaller tells where the data stays


def test_installer_packages_the_executable_the_spec_builds() -> None:
    exe = re.search(r'#define AppExe "([^"]+)"', ISS.read_text("utf-8"))
    assert exe and exe.group(1) == "motcua.exe"
    assert '_exe("motcua", ' in SPEC.read_text("utf-8") and '_exe("motcua-cli", ' in SPEC.read_text("utf-8")
