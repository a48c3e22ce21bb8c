"""The calendar commands given years the app does not know: refused with one line, and nothing bricked."""

from __future__ import annotations

import json

import pytest

from app.cli import run_cli
from app.domain.lunar import MAX_YEAR, MIN_YEAR


def _run(capsys, data_dir, *args: str) -> tuple[int, str, str]:
    code = run_cli(["--data-dir", str(data_dir), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _receives(capsys, data_dir) -> bool:
    code, _, _ = _run(capsys, data_dir, "dossier", "receive", "--procedure", "1.004873", "--name", "Lê An",
                      "--id-number", "001085012345")
    return code == 0


@pytest.mark.parametrize("day", ["0001-01-01", "0999-12-31", f"{MIN_YEAR - 1}-06-01", f"{MAX_YEAR + 1}-01-05"])
def test_a_day_in_a_year_the_app_does_not_know_is_refused_and_nothing_breaks(capsys, data_dir, day):
    code, _, err = _run(capsys, data_dir, "calendar", "set-day", day, "--name", "Ngày thử")
    assert code == 2 and err.count("\n") == 1 and f"{MIN_YEAR}–{MAX_YEAR}" in err
    # the stored calendar still loads: receiving, listing and editing go on
    assert _receives(capsys, data_dir)
    code, out, _ = _run(capsys, data_dir, "calendar", "list", "--year", "2026", "--json")
    assert code == 0 and json.loads(out)["status"] == "announced"
    assert _run(capsys, data_dir, "calendar", "set-day", "2026-12-31", "--name", "Nghỉ địa phương")[0] == 0


@pytest.mark.parametrize("year", ["0", "1", str(MIN_YEAR - 1), str(MAX_YEAR + 1), "99999"])
def test_listing_a_year_the_app_does_not_know_says_so(capsys, data_dir, year):
    code, out, err = _run(capsys, data_dir, "calendar", "list", "--year", year)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert f"{MIN_YEAR}–{MAX_YEAR}" in err  # not "Năm 2200: đã công bố" with no day off at all


@pytest.mark.parametrize("year", [str(MIN_YEAR), "2027", str(MAX_YEAR)])
def test_the_first_and_last_known_years_list(capsys, data_dir, year):
    code, out, _ = _run(capsys, data_dir, "calendar", "list", "--year", year, "--json")
    days = [e["date"] for e in json.loads(out)["entries"]]
    assert code == 0 and f"{year}-01-01" in days and f"{year}-09-02" in days


def test_an_imported_calendar_with_a_year_the_app_does_not_know_is_refused(capsys, data_dir, tmp_path):
    bad = tmp_path / "cal.json"
    bad.write_text(json.dumps({"0001": [{"date": "0001-01-01", "kind": "holiday", "name_vi": "Thử"}]}), "utf-8")
    code, _, err = _run(capsys, data_dir, "calendar", "import", str(bad))
    assert code == 2 and err.count("\n") == 1 and f"{MIN_YEAR}–{MAX_YEAR}" in err
    assert _receives(capsys, data_dir)


def test_confirming_a_saturday_24_11_keeps_monday_off(capsys, data_dir):
    assert _run(capsys, data_dir, "calendar", "set-day", "2029-11-24", "--name", "Ngày Văn hóa Việt Nam")[0] == 0
    _, out, _ = _run(capsys, data_dir, "calendar", "list", "--year", "2029", "--json")
    entries = {e["date"]: e for e in json.loads(out)["entries"]}
    assert entries["2029-11-24"]["provisional"] is False
    assert entries["2029-11-26"]["kind"] == "compensatory"
