"""``motcua export daily|range|apology`` and ``motcua report stats`` on the generated month."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import app.cli
from app.cli import run_cli
from tests.reports.month import FIRST, LAST


@pytest.fixture(autouse=True)
def wired(monkeypatch: pytest.MonkeyPatch) -> None:
    """Until ``app.cli.report_cmds`` is in COMMAND_MODULES (the CLI owner's file), add it for these tests."""
    if "app.cli.report_cmds" not in app.cli.COMMAND_MODULES:
        monkeypatch.setattr(app.cli, "COMMAND_MODULES", (*app.cli.COMMAND_MODULES, "app.cli.report_cmds"))


def _run(capsys: Any, data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = run_cli(["--data-dir", str(data_dir), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_export_daily_each_format(month: Any, capsys: Any, tmp_path: Path) -> None:
    month.store.close()
    for fmt in ("pdf", "xlsx", "csv"):
        out = tmp_path / f"day.{fmt}"
        code, text, err = _run(capsys, month.data_dir, "export", "daily", "--date", "2026-11-10", "--format", fmt,
                               "--out", str(out))
        assert code == 0, err
        assert out.stat().st_size > 500 and str(out) in text


def test_export_range_stats_and_json(month: Any, capsys: Any, tmp_path: Path) -> None:
    received = month.store.execute("SELECT COUNT(*) FROM dossiers WHERE received_day BETWEEN ? AND ?",
                                   (FIRST.isoformat(), LAST.isoformat())).fetchone()[0]
    month.store.close()
    out = tmp_path / "range.xlsx"
    code, _, err = _run(capsys, month.data_dir, "export", "range", "--from", FIRST.isoformat(), "--to",
                        LAST.isoformat(), "--format", "xlsx", "--out", str(out))
    assert code == 0, err
    assert load_workbook(out).active.max_row == received + 1
    code, text, err = _run(capsys, month.data_dir, "report", "stats", "--from", FIRST.isoformat(), "--to",
                           LAST.isoformat(), "--json")
    assert code == 0, err
    assert json.loads(text)["received"] == received
    code, text, _ = _run(capsys, month.data_dir, "report", "stats", "--from", "01/11/2026", "--to", "30/11/2026")
    assert code == 0 and "Tỷ lệ đúng hạn" in text and "None" not in text
    # a day with dossiers received but none finished has no on-time rate: a dash, not "None %"
    code, text, _ = _run(capsys, month.data_dir, "report", "stats", "--from", "2030-01-01", "--to", "2030-01-01")
    assert code == 0 and "Tỷ lệ đúng hạn: – ·" in text and "None" not in text, text


def test_bad_input_names_the_field(month: Any, capsys: Any, tmp_path: Path) -> None:
    month.store.close()
    code, _, err = _run(capsys, month.data_dir, "export", "daily", "--date", "hôm qua", "--format", "pdf", "--out",
                        str(tmp_path / "x.pdf"))
    assert code == 2 and "hôm qua" in err
    code, _, err = _run(capsys, month.data_dir, "export", "range", "--from", "2026-11-30", "--to", "2026-11-01",
                        "--format", "csv", "--out", str(tmp_path / "x.csv"))
    assert code == 2 and not (tmp_path / "x.csv").exists()


def test_export_apology_for_an_overdue_dossier(month: Any, capsys: Any, tmp_path: Path) -> None:
    from app.reports.service import make_scope, report_stats

    overdue = report_stats(month, make_scope(FIRST, LAST))["overdue"][0]["code"]
    month.store.close()
    out = tmp_path / "04.pdf"
    code, _, err = _run(capsys, month.data_dir, "export", "apology", overdue, "--out", str(out))
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF")
