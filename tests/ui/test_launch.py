"""The real ``motcua`` program on a virtual X screen: the demo office opens to a usable window."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture
def display() -> Iterator[str]:
    """A fresh Xvfb server; its display number comes back through ``-displayfd``."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (installer/dev-setup.sh installs it)")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        assert number, "Xvfb gave no display number"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def test_motcua_demo_opens_the_main_window(display: str, tmp_path: Path) -> None:
    picture = tmp_path / "window.png"
    motcua = Path(sys.executable).with_name("motcua")
    command = [str(motcua)] if motcua.exists() else [sys.executable, "-m", "app"]
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "MOTCUA_UI_SMOKE": str(picture),
           "MOTCUA_UI_QUIT_AFTER_MS": "300", "MOTCUA_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([*command, "--demo", "--data-dir", str(tmp_path / "demo")], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "MOTCUA_UI_READY" in done.stdout
    assert "Traceback" not in done.stderr and "Error" not in done.stderr, done.stderr
    assert picture.is_file() and picture.stat().st_size > 10_000  # a real picture, not an empty window

    from PySide6.QtGui import QImage

    image = QImage(str(picture))
    assert image.width() >= 800 and image.height() >= 500
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 23)}
    assert len(colours) > 5  # widgets were drawn


HEAVY = ("pikepdf", "PIL", "pypdfium2", "img2pdf", "reportlab", "sqlite_utils", "requests", "openpyxl", "barcode",
         # the store opens after the first paint: neither the key store, SQLCipher nor the store's modules before
         "keyring", "sqlcipher3", "cryptography", "app.store.db", "app.services.setup", "app.services.accounts")
_PROBE = """
import sys
import app.ui.launch as launch
shown = launch._smoke
def smoke(window, path):
    print("LOADED", ",".join(m for m in {heavy!r} if m in sys.modules), flush=True)
    shown(window, path)
launch._smoke = smoke
from app.main import main
sys.exit(main())
"""


def test_the_first_window_loads_no_heavy_library(display: str, tmp_path: Path) -> None:
    """PDF, image, report and network libraries load when first used, and the store's after the first window."""
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "MOTCUA_UI_SMOKE": str(tmp_path / "w.png"),
           "MOTCUA_UI_QUIT_AFTER_MS": "100", "MOTCUA_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", _PROBE.format(heavy=HEAVY), "--demo", "--data-dir",
                           str(tmp_path / "demo")], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    loaded = next(line for line in done.stdout.splitlines() if line.startswith("LOADED"))
    assert loaded == "LOADED ", loaded


def test_a_store_that_cannot_open_says_so_over_the_window(display: str, tmp_path: Path) -> None:
    """The window is drawn first; a store it cannot open (here: its key is not on this PC) is one sentence and
    exit code 3, never a traceback."""
    from app.store.db import Store

    folder = tmp_path / "data"
    Store.in_folder(folder).close()  # a store whose key is in this run's key folder (MOTCUA_KEY_DIR)...
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "MOTCUA_UI_SMOKE": str(tmp_path / "w.png"),
           "MOTCUA_UI_QUIT_AFTER_MS": "100"}
    (folder / "store-key.id").write_text("0123456789abcdef0123456789abcdef", "ascii")  # ...now named wrongly
    done = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(folder)], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "MOTCUA_UI_READY"  # the window came first
    assert lines[1].startswith("MOTCUA_UI_FAILED Máy này không có khóa mở dữ liệu"), lines
    assert "Traceback" not in done.stderr, done.stderr
