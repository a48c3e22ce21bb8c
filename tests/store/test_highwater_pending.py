"""The high-water file is written beside the commit, and is on disk before the receive returns."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from app.services.receive import ReceiveInput, receive_dossier
from app.store.counters import HighWater, Pending


def test_written_and_waited_for_before_receive_returns(ctx) -> None:
    code = receive_dossier(ctx, ReceiveInput("1.004873", "Nguyễn Văn Mạnh", "001085012345")).code
    number = int(code.rsplit("-", 1)[1])
    unit, day = code.split("-")[0], ctx.clock.now().date().isoformat()
    assert HighWater(ctx.data_dir).get(unit, day, 0) == number


def test_waits_also_when_the_block_raises(tmp_path: Path) -> None:
    hw = HighWater(tmp_path)
    with pytest.raises(RuntimeError), Pending() as pending:
        hw.record_in_background(pending, "U", "2026-11-16", 0, 7, today=date(2026, 11, 16))
        raise RuntimeError("rolled back")
    assert hw.get("U", "2026-11-16", 0) == 7  # a gap at worst, never a reuse


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_owner_only_like_every_file_of_the_data_folder_even_after_a_crash_left_a_temp(tmp_path: Path) -> None:
    hw = HighWater(tmp_path)
    hw.path.with_name(hw.path.name + ".tmp").write_text("half written")  # a crash between write and rename
    os.chmod(hw.path.with_name(hw.path.name + ".tmp"), 0o644)
    hw.record("U", "2026-11-16", 0, 3, today=date(2026, 11, 16))
    assert stat.S_IMODE(hw.path.stat().st_mode) == 0o600 and hw.get("U", "2026-11-16", 0) == 3
    hw.record("U", "2026-11-16", 0, 4, today=date(2026, 11, 16))
    assert stat.S_IMODE(hw.path.stat().st_mode) == 0o600 and hw.get("U", "2026-11-16", 0) == 4
