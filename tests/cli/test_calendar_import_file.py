"""Importing an announced calendar file the way a supervisor really has one: saved by Notepad, edited by hand.

Why: the file replaces the years it carries, so a bad row among good ones must be refused with a message that points
at that row (year, place in the list, the bad value) and leave the calendar in force untouched; odd bytes in a
day's name would reach every printed due-date explanation."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from app.cli import run_cli

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "data" / "holidays.json"


def _run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = run_cli(["--data-dir", str(data_dir), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _calendar(capsys: pytest.CaptureFixture[str], data_dir: Path) -> str:
    code, out, err = _run(capsys, data_dir, "calendar", "list", "--year", "2026", "--json")
    assert code == 0, err
    return out


def _shipped() -> dict[str, Any]:
    return json.loads(SHIPPED.read_text("utf-8"))


def test_a_file_saved_by_notepad_with_a_byte_order_mark_imports(capsys, data_dir, tmp_path):
    path = tmp_path / "lich.json"
    path.write_bytes(b"\xef\xbb\xbf" + SHIPPED.read_bytes())
    code, _, err = _run(capsys, data_dir, "calendar", "import", str(path))
    assert code == 0, err


def _bad_row(tmp_path: Path, key: str, value: str) -> tuple[Path, dict[str, Any]]:
    data = _shipped()
    bad = copy.deepcopy(data)
    bad["2026"][3][key] = value
    path = tmp_path / "lich.json"
    path.write_text(json.dumps(bad, ensure_ascii=False), "utf-8")
    return path, bad["2026"][3]


def test_a_bad_date_among_good_rows_names_the_year_the_row_and_the_value_and_changes_nothing(
    capsys, data_dir, tmp_path
):
    before = _calendar(capsys, data_dir)
    path, row = _bad_row(tmp_path, "date", "2026-02-30")
    code, _, err = _run(capsys, data_dir, "calendar", "import", str(path))
    assert code == 2 and err.count("\n") == 1, err
    assert "2026-02-30" in err and "năm 2026" in err and "mục 4" in err, err
    assert row["source"][0] not in err, "the message names the row, it does not dump it"
    assert _calendar(capsys, data_dir) == before


@pytest.mark.parametrize("odd", ["Tết\x00Nguyên đán", "Tết\u202eNguyên đán", "Tết\x1b[31mNguyên đán"])
@pytest.mark.parametrize("key", ["name_vi", "note"])
def test_control_and_direction_characters_in_a_days_text_are_refused(capsys, data_dir, tmp_path, odd, key):
    before = _calendar(capsys, data_dir)
    path, _ = _bad_row(tmp_path, key, odd)
    code, _, err = _run(capsys, data_dir, "--lang", "en", "calendar", "import", str(path))
    assert code == 2 and err.count("\n") == 1, err
    assert "2026-02-16" in err and key in err and "U+" in err, err
    assert _calendar(capsys, data_dir) == before


def test_a_file_of_next_year_alone_keeps_this_year_s_announced_days(capsys, data_dir, tmp_path):
    """A province sends next year's announced calendar as that year alone: 2026's swapped day (02/01, worked
    back on Saturday 10/01) and its announced status must stay, not fall back to the provisional rules."""
    before = json.loads(_calendar(capsys, data_dir))
    path = tmp_path / "lich-2027.json"
    path.write_text(json.dumps({"2027": [{"date": "2027-04-16", "kind": "holiday",
                                          "name_vi": "Giỗ Tổ Hùng Vương"}]}, ensure_ascii=False), "utf-8")
    code, out, err = _run(capsys, data_dir, "calendar", "import", str(path))
    assert code == 0 and "2027" in out and "giữ nguyên" in out, (out, err)
    assert json.loads(_calendar(capsys, data_dir)) == before
    code, out, err = _run(capsys, data_dir, "calendar", "list", "--year", "2027", "--json")
    assert code == 0, err
    assert any(e["date"] == "2027-04-16" and e["name_vi"] == "Giỗ Tổ Hùng Vương" for e in json.loads(out)["entries"])


@pytest.mark.parametrize("content", ["{}", '{"_notes": ["x"]}'])
def test_a_file_with_no_year_is_refused_and_changes_nothing(capsys, data_dir, tmp_path, content):
    before = _calendar(capsys, data_dir)
    path = tmp_path / "lich.json"
    path.write_text(content, "utf-8")
    code, _, err = _run(capsys, data_dir, "calendar", "import", str(path))
    assert code == 2 and err.count("\n") == 1 and "không có năm nào" in err, err
    assert _calendar(capsys, data_dir) == before
