"""A crash always leaves a trace (issue 17): native crashes in crash.log, Python ones in ui.log."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox

ROOT = Path(__file__).resolve().parents[2]


def test_a_native_crash_is_written_to_the_log(tmp_path: Path) -> None:
    code = ("import faulthandler, sys; from app.ui.crash_log import enable_crash_log; "
            f"enable_crash_log(__import__('pathlib').Path({str(tmp_path)!r})); faulthandler._sigsegv()")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, timeout=60)
    assert done.returncode != 0
    log = (tmp_path / "logs" / "crash.log").read_text("utf-8")
    assert "--- started" in log and "Fatal Python error" in log and "Segmentation fault" in log


def test_a_second_store_moves_the_crash_log_and_a_clean_exit_leaves_no_open_file(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    code = ("import faulthandler, pathlib; from app.ui.crash_log import enable_crash_log; "
            f"enable_crash_log(pathlib.Path({str(first)!r})); enable_crash_log(pathlib.Path({str(second)!r}))")
    done = subprocess.run([sys.executable, "-X", "dev", "-W", "error::ResourceWarning", "-c", code], cwd=ROOT,
                          capture_output=True, timeout=60, text=True)
    assert done.returncode == 0 and "ResourceWarning" not in done.stderr, done.stderr
    crash = subprocess.run([sys.executable, "-c", code + "; faulthandler._sigsegv()"], cwd=ROOT,
                           capture_output=True, timeout=60)
    assert crash.returncode != 0
    assert "Segmentation fault" in (second / "logs" / "crash.log").read_text("utf-8")
    assert "Segmentation fault" not in (first / "logs" / "crash.log").read_text("utf-8")


def test_an_uncaught_exception_is_logged_and_shown_calmly(session: Any, qtbot: Any) -> None:
    from app.ui.launch import _excepthook

    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError as exc:
        _excepthook(session)(RuntimeError, exc, exc.__traceback__)
    log = (session.data_dir / "logs" / "ui.log").read_text("utf-8")
    assert "RuntimeError: boom in a slot" in log and "Traceback" in log

    def boxes() -> list[QMessageBox]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]

    qtbot.waitUntil(lambda: bool(boxes()))  # with no window active, the box must not vanish at once
    assert "Traceback" not in boxes()[0].text() and "boom" not in boxes()[0].text()
    for box in boxes():
        box.close()
