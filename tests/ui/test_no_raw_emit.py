"""Every Python-side signal emit goes through app.ui.signals.emit (PySide6 6.12.0 loses a reference to True per
raw emit and eventually aborts the process; see app/ui/signals.py)."""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "app" / "ui"


def test_no_raw_emit_in_the_ui():
    offenders = [
        f"{path.relative_to(UI)}:{n}"
        for path in UI.rglob("*.py")
        if path.name != "signals.py"
        for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if re.search(r"\.emit\(", line) and not line.lstrip().startswith("#")
    ]
    assert offenders == []
