"""The project's lock (``constraints.txt``) and the Windows wheels of exactly the versions it pins.

Why this exists: the tests run on Linux and the installer ships Windows wheels; both must be the same versions.
pip resolves for the machine it runs on, so a plain ``pip freeze`` misses the Windows-only dependencies
(``pywin32``, ``colorama``, ``tzdata``… marked ``sys_platform == "win32"``) and ``pip download --platform
win_amd64`` silently drops them too. ``lock`` therefore resolves twice with pip (this Linux, then Windows wheels
for CPython 3.13 constrained to the Linux result) and walks the downloaded wheels' metadata under a Windows
marker environment until nothing is missing. ``download`` fetches every pin that applies to Windows (``--no-deps``)
and checks the same closure, so a lock that forgot something fails the build instead of the user's PC.

Usage (build tools only, run with a Python that has pip and ``packaging``):
    python installer/windeps.py lock [--extra REQ ...]       # rewrite constraints.txt
    python installer/windeps.py download WHEEL_DIR            # Windows wheels of the pins, closure checked
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from email.parser import HeaderParser
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parent.parent
CONSTRAINTS = ROOT / "constraints.txt"
PY_TAG = "3.13"
WIN_ENV = {
    "sys_platform": "win32",
    "platform_system": "Windows",
    "os_name": "nt",
    "platform_machine": "AMD64",
    "python_version": PY_TAG,
    "python_full_version": "3.13.2",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
}
WIN_PIP = ["--only-binary=:all:", "--platform", "win_amd64", "--python-version", PY_TAG, "--implementation", "cp"]
# PySide6-Essentials 6.12.0 drops a reference to True on each Signal(bool).emit (aborts Python 3.11).
DEFAULT_EXTRA = ["PySide6-Essentials!=6.12.0"]


def runtime_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return [Requirement(r) for r in project["dependencies"]]


def applies_on_windows(req: Requirement, extras: frozenset[str] = frozenset()) -> bool:
    if req.marker is None:
        return True
    return any(req.marker.evaluate({**WIN_ENV, "extra": e}) for e in (extras or {""}))


def _extras(req: Requirement) -> str:
    return "[" + ",".join(sorted(req.extras)) + "]" if req.extras else ""


def wheel_metadata(path: Path) -> tuple[str, str, list[Requirement]]:
    name, version, _, _ = parse_wheel_filename(path.name)
    with zipfile.ZipFile(path) as zf:
        meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA") and n.count("/") == 1)
        headers = HeaderParser().parsestr(zf.read(meta).decode("utf-8"))
    return name, str(version), [Requirement(r) for r in headers.get_all("Requires-Dist") or []]


def missing_on_windows(wheel_dir: Path, roots: list[Requirement]) -> list[Requirement]:
    """Requirements (with their extras) that the downloaded wheels need on Windows but that are not there."""
    found = {}
    for path in wheel_dir.glob("*.whl"):
        name, version, reqs = wheel_metadata(path)
        found[name] = (version, reqs)
    missing: dict[str, Requirement] = {}
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [r for r in roots if applies_on_windows(r)]
    while todo:
        req = todo.pop()
        key = (canonicalize_name(req.name), frozenset(req.extras))
        if key in seen:
            continue
        seen.add(key)
        if key[0] not in found:
            missing[key[0]] = Requirement(req.name + _extras(req))
            continue
        version, reqs = found[key[0]]
        if not req.specifier.contains(version, prereleases=True):
            raise SystemExit(f"windeps: {req.name} {version} does not satisfy {req}")
        todo += [sub for sub in reqs if applies_on_windows(sub, key[1])]
    return sorted(missing.values(), key=lambda r: r.name)


def pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args], check=True)


def lock(extra: list[str]) -> None:
    roots = runtime_requirements() + [Requirement(e) for e in extra]
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "linux.json"
        pip("install", "-q", "--dry-run", "--ignore-installed", "--report", str(report), *map(str, roots))
        linux = {
            canonicalize_name(i["metadata"]["name"]): i["metadata"]["version"]
            for i in json.loads(report.read_text("utf-8"))["install"]
        }
        pins = Path(tmp) / "linux-pins.txt"
        pins.write_text("".join(f"{n}=={v}\n" for n, v in sorted(linux.items())), "utf-8")
        wheels = Path(tmp) / "wheels"
        wanted = [r for r in roots if applies_on_windows(r)]
        for _ in range(6):
            plain = [f"{r.name}{_extras(r)}{r.specifier}" for r in wanted]
            pip("download", "-q", *WIN_PIP, "-d", str(wheels), "-c", str(pins), *plain)
            gap = missing_on_windows(wheels, roots)
            if not gap:
                break
            wanted += gap
        else:
            raise SystemExit("windeps: the Windows closure did not settle")
        windows = {}
        for path in wheels.glob("*.whl"):
            name, version, _ = wheel_metadata(path)
            windows[name] = version
    lines = []
    for name in sorted(set(linux) | set(windows)):
        if name in linux and name in windows and linux[name] != windows[name]:
            raise SystemExit(f"windeps: {name} resolved to {linux[name]} on Linux but {windows[name]} on Windows")
        marker = "" if name in linux and name in windows else (
            ' ; sys_platform == "win32"' if name in windows else ' ; sys_platform != "win32"')
        lines.append(f"{name}=={linux.get(name) or windows[name]}{marker}\n")
    header = (
        "# The project's lock: exact versions of every runtime dependency, Linux and Windows (CPython 3.13).\n"
        "# Used by installer/dev-setup.sh (pip install -c constraints.txt) and installer/build-windows.sh.\n"
        "# Regenerate with: build/win-cache/tools/bin/python installer/windeps.py lock   (see installer/README.md)\n"
    )
    CONSTRAINTS.write_text(header + "".join(lines), "utf-8")
    print(f"windeps: {len(lines)} pins written to {CONSTRAINTS.name}")


def windows_pins() -> list[Requirement]:
    reqs = []
    for line in CONSTRAINTS.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            req = Requirement(line)
            if req.marker is None or Marker(str(req.marker)).evaluate(WIN_ENV):
                reqs.append(req)
    return reqs


def download(wheel_dir: Path) -> None:
    pins = windows_pins()
    pip("download", "-q", "--no-deps", *WIN_PIP, "-d", str(wheel_dir), *(f"{r.name}{r.specifier}" for r in pins))
    pinned = {canonicalize_name(r.name): str(r.specifier)[2:] for r in pins}
    for path in list(wheel_dir.glob("*.whl")):
        name, version, _ = wheel_metadata(path)
        if pinned.get(name) != version:  # an older pin left in the cache folder
            path.unlink()
    gap = missing_on_windows(wheel_dir, runtime_requirements())
    if gap:
        raise SystemExit("windeps: constraints.txt misses Windows dependencies: " + ", ".join(map(str, gap)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p_lock = sub.add_parser("lock")
    p_lock.add_argument("--extra", action="append", default=list(DEFAULT_EXTRA))
    p_dl = sub.add_parser("download")
    p_dl.add_argument("wheel_dir", type=Path)
    args = parser.parse_args()
    if args.cmd == "lock":
        lock(args.extra)
    else:
        download(args.wheel_dir)


if __name__ == "__main__":
    main()
