"""Hostile supervisor exports: the export folder chosen in the settings is a USB stick that was pulled out.

What was found: the export then went to ``<data folder>/exports`` and the view said only "✓ Đã lưu tệp: …" in
the data folder, so a supervisor expecting the stick carried an empty one to the province. The file still goes
to the data folder (the export is not lost), and the view now says the chosen folder was not there. (Marked
``gui`` by this folder's conftest.)
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from app.store import settings
from tests.ui_supervisor.test_view import _view


def test_an_export_folder_that_is_gone_is_said_and_the_file_is_kept(qtbot: Any, session: Any,
                                                                    tmp_path: Path) -> None:
    stick = tmp_path / "media" / "USB"
    stick.mkdir(parents=True)
    with session.store.transaction():
        settings.set_many(session.store, {"export_folder": str(stick)})
    view = _view(qtbot, session)
    with qtbot.waitSignal(view.exported, timeout=10000) as blocker:
        view.export("stats:xlsx")
    assert Path(blocker.args[0]).parent == stick and "⚠" not in view.message.text()

    shutil.rmtree(stick)  # pulled out
    with qtbot.waitSignal(view.exported, timeout=10000) as blocker:
        view.export("log:pdf")
    written = Path(blocker.args[0])
    assert written.parent == session.data_dir / "exports" and written.read_bytes().startswith(b"%PDF")
    assert f"Không thấy thư mục xuất {stick}" in view.message.text() and "USB" in view.message.text()
    assert not stick.exists()
