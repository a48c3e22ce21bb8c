"""The lock (constraints.txt) covers what Windows needs, and the closure check finds what a lock forgot.

Why: ``pip download --platform win_amd64`` silently drops dependencies marked ``sys_platform == "win32"``; the
day a dependency gains one, the Windows build must fail here or in the build, not on a commune PC.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from installer import windeps

ROOT = Path(__file__).resolve().parents[2]


def fake_wheel(folder: Path, name: str, version: str, requires: list[str]) -> None:
    dist = f"{name.replace('-', '_')}-{version}"
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(
        f"Requires-Dist: {r}\n" for r in requires
    )
    with zipfile.ZipFile(folder / f"{dist}-py3-none-any.whl", "w") as zf:
        zf.writestr(f"{dist}.dist-info/METADATA", meta)


def test_a_windows_only_dependency_of_a_dependency_is_found_missing(tmp_path: Path) -> None:
    fake_wheel(tmp_path, "click", "8.1.0", ['colorama; platform_system == "Windows"', "typing-x; python_version<'3'"])
    fake_wheel(tmp_path, "escpos", "3.1", ['pywin32; extra == "win32"', 'pyusb; extra == "usb"'])
    roots = [Requirement("click>=8"), Requirement("escpos[usb]"), Requirement("uvloop; sys_platform != 'win32'")]
    missing = windeps.missing_on_windows(tmp_path, roots)
    assert [str(r) for r in missing] == ["colorama", "pyusb"]  # not pywin32 (extra not asked), not uvloop (Linux)


def test_a_wheel_that_does_not_satisfy_its_requirement_fails(tmp_path: Path) -> None:
    fake_wheel(tmp_path, "click", "7.0", [])
    try:
        windeps.missing_on_windows(tmp_path, [Requirement("click>=8")])
    except SystemExit as exc:
        assert "click 7.0 does not satisfy" in str(exc)
    else:
        raise AssertionError("an unsatisfied pin passed")


def pins() -> dict[str, tuple[str, str]]:
    found = {}
    for line in (ROOT / "constraints.txt").read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            req = Requirement(line)
            specs = list(req.specifier)
            assert len(specs) == 1 and specs[0].operator == "==", f"not an exact pin: {line}"
            found[canonicalize_name(req.name)] = (specs[0].version, str(req.marker or ""))
    return found


def test_every_runtime_dependency_is_pinned_exactly_incl_windows_only_ones() -> None:
    locked = pins()
    for req in windeps.runtime_requirements():
        assert canonicalize_name(req.name) in locked, f"{req.name} is not in constraints.txt"
        assert req.specifier.contains(locked[canonicalize_name(req.name)][0]), f"{req.name} pin breaks {req}"
    assert locked["pywin32"][1] == 'sys_platform == "win32"'
    assert locked["pyside6-essentials"][0] == "6.11.3" and locked["shiboken6"][0] == "6.11.3"


def test_dev_setup_and_the_windows_build_use_the_same_lock() -> None:
    setup = (ROOT / "installer" / "dev-setup.sh").read_text("utf-8")
    assert re.search(r"pip install .*-c constraints\.txt -e \"\.\[test\]\"", setup)
    build = (ROOT / "installer" / "build-windows.sh").read_text("utf-8")
    assert "installer/windeps.py download" in build and windeps.CONSTRAINTS == ROOT / "constraints.txt"
