"""One-click form 04 for an overdue dossier: supervisors only, unfinished dossiers only, sensible defaults."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from app.domain.errors import ValidationError
from app.reports.service import make_scope, report_stats
from app.services.apology import apology_letter, default_new_due
from tests.reports.month import FIRST, LAST


def test_letter_for_the_first_overdue(month: Any, tmp_path: Path) -> None:
    item = report_stats(month, make_scope(FIRST, LAST))["overdue"][0]
    pdf = tmp_path / "04.pdf"
    pdf.write_bytes(apology_letter(month, item["code"]))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "XIN LỖI" in text and item["code"] in text
    due = default_new_due(month)
    assert due > month.clock.now() and f"{due:%d/%m/%Y}" in text


def test_refused_for_a_finished_dossier_and_for_a_clerk(month: Any) -> None:
    from app.services.context import Actor

    done = month.store.execute("SELECT code FROM dossiers WHERE status = 10 LIMIT 1").fetchone()[0]
    with pytest.raises(ValidationError) as err:
        apology_letter(month, done)
    assert err.value.field == "status"
    month.actor = Actor("lan", "Nguyễn Thị Lan", "clerk")
    with pytest.raises(ValidationError) as err:
        apology_letter(month, done)
    assert err.value.field == "role"
