"""The bundle spec and the Windows installer script (NSIS) agree with the code they package.

Why: the spec excludes Qt modules and libraries to stay under 150 MB; the day a view starts using one of them
the bundle would fail on the user's PC, not in the tests. These checks read the files as data (the build
itself runs in .ci/build-bundle.sh).
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installer" / "motcua.spec"
NSI = ROOT / "installer" / "motcua.nsi"
STRINGS = ROOT / "installer" / "motcua-strings.nsh"
SHIPPED = [ROOT / "app", ROOT / "sync" / "client", ROOT / "sync" / "protocol", ROOT / "sync" / "hub",
           ROOT / "sync" / "server"]  # the office hub runs the server from the bundle
SERVER_ONLY = {"psycopg"}  # imported only for a postgresql:// database: a province's server, never the bundled hub


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
    assert not (tops - SERVER_ONLY) & excluded, "motcua.spec excludes a package the shipped code imports"


def nsi() -> str:
    return NSI.read_text("utf-8")


def lang_strings(language: str) -> dict[str, str]:
    pattern = rf'^LangString (\w+) \$\{{LANG_{language}\}} "(.*)"$'
    return dict(re.findall(pattern, STRINGS.read_text("utf-8"), re.M))


def test_installer_texts_exist_in_vietnamese_and_english() -> None:
    vi, en = lang_strings("VIETNAMESE"), lang_strings("ENGLISH")
    used = set(re.findall(r"\$\((\w+)\)", nsi()))
    assert used and used <= set(vi) and set(vi) == set(en)
    assert vi["ScKiosk"] == "MotCua - Máy bốc số (kiosk)" and vi["ScDisplay"] == "MotCua - Màn hình phòng chờ"
    assert 'MUI_LANGUAGE "Vietnamese"' in nsi() and "StrCpy $LANGUAGE ${LANG_VIETNAMESE}" in nsi()


def test_installer_is_per_user_without_admin_and_per_machine_as_admin() -> None:
    text = nsi()
    assert "!define MULTIUSER_EXECUTIONLEVEL Highest" in text and "MULTIUSER_INSTALLMODE_COMMANDLINE" in text
    assert "MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER" not in text  # administrators default to per machine
    assert "MULTIUSER_USE_PROGRAMFILES64" in text


def test_start_menu_and_desktop_shortcuts_start_the_windowed_app() -> None:
    shortcuts = [line.strip() for line in nsi().splitlines() if line.strip().startswith("CreateShortCut")]
    for args in ('"--kiosk"', '"--display"'):
        assert sum(args in line for line in shortcuts) == 2, f"{args}: Start menu and desktop"
    assert sum("$DESKTOP" in line for line in shortcuts) == 3
    assert all("motcua-app.exe" in line for line in shortcuts if "uninstall" not in line)


def test_hub_autostart_is_optional_and_starts_hub_serve() -> None:
    text = nsi()
    assert re.search(r'^Section /o "\$\(SecHub\)" sec_hub$', text, re.M), "hub autostart must be unticked"
    assert '!define HUB_ARGS "hub serve"' in text
    assert 'WriteRegStr SHCTX "${RUN_KEY}" "${RUN_VALUE}" \'"$INSTDIR\\bin\\motcua-app.exe" ${HUB_ARGS}\'' in text


def test_uninstall_keeps_the_data_folder_unless_asked() -> None:
    section = nsi().split('Section "Uninstall"', 1)[1]
    deletions = [line.strip() for line in section.splitlines() if line.strip().startswith(("RMDir", "Delete "))]
    data = [line for line in deletions if "DataDir" in line or "LOCALAPPDATA" in line]
    assert data == ['RMDir /r "$DataDir"']
    guard = section.split('RMDir /r "$DataDir"')[0].rsplit("${If}", 1)[1]
    assert "$DeleteData == ${BST_CHECKED}" in guard
    assert "StrCpy $DeleteData ${BST_UNCHECKED}" in nsi()


def test_the_launchers_the_installer_expects_are_the_ones_staged() -> None:
    from installer.winstage import COMMANDS

    staged = {f"{name}.exe" for name, _, _ in COMMANDS}
    assert staged == {"motcua.exe", "motcua-central.exe", "motcua-app.exe"}
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    for name, entry, console in COMMANDS:
        assert entry == scripts[name.removesuffix("-app")] and console == (name != "motcua-app")
    for exe in staged:
        assert f"bin\\{exe}" in nsi()


def test_installer_packages_the_executable_the_spec_builds() -> None:
    assert '_exe("motcua", ' in SPEC.read_text("utf-8") and '_exe("motcua-cli", ' in SPEC.read_text("utf-8")
