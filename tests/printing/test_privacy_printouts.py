"""Receipts saved as PDF when no printer is set (name, ID number, address, phone in clear) are removed a day
after they were written, when the next one is saved; other files in the folder are never touched."""

from __future__ import annotations

import os
import time
from pathlib import Path

from app.printing.printers import PrintSettings
from app.printing.printout_files import KEEP_S
from app.printing.service import PrintService
from tests.printing import samples


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_yesterday_s_printouts_go_when_the_next_is_saved(tmp_path: Path) -> None:
    folder = tmp_path / "printouts"
    service = PrintService(PrintSettings(pdf_dir=folder))
    old = service.print_sheet("receipt", samples.receipt(), name=f"receipt-{samples.CODE}").path
    fresh = service.print_ticket(samples.ticket()).path
    assert old is not None and fresh is not None
    mine = folder / "ke-hoach.pdf"  # the supervisor's own file in a shared folder
    mine.write_bytes(b"%PDF-1.4 not ours")
    for path in (old, mine):
        _age(path, KEEP_S + 60)
    _age(fresh, KEEP_S - 600)
    again = service.print_sheet("receipt", samples.receipt(), name=f"receipt-{samples.CODE}").path
    assert sorted(p.name for p in folder.iterdir()) == sorted([fresh.name, mine.name, again.name])
    assert again.read_bytes().startswith(b"%PDF")
