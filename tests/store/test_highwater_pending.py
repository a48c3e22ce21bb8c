"""The high-water file is written beside the commit, and is on disk before the receive returns."""

from __future__ import annotations

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
