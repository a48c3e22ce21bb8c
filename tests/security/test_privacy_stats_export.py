"""A statistics export names citizens (its overdue and due-soon lists: name, phone), so it is in the access trail.

Why: ``motcua audit accesses --id-number N`` answers a citizen who asks who took their data (Decree 13/2023).
The statistics were treated as figures only, but their lists name every overdue citizen of the period, also
those received before its first day (carried over), whom the export's range of days does not cover: such a
citizen's list of accesses showed nothing of an export that carried their name and phone off the PC.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.cli import run_cli
from tests.security.conftest import PEOPLE


def _cli(capsys: Any, data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = run_cli(["--data-dir", str(data_dir), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_carried_over_citizen_named_by_a_statistics_export_sees_it_among_their_accesses(
    ctx: Any, people: list[str], tmp_path: Path, capsys: Any, fmt: str
) -> None:
    ctx.store.close()  # the people were received on 16/11/2026; by today they are overdue
    today = date.today().isoformat()
    out = tmp_path / f"thong-ke.{fmt}"
    code, _, err = _cli(capsys, ctx.data_dir, "export", "daily", "--date", today, "--what", "stats",
                        "--format", fmt, "--out", str(out))  # fmt: skip
    assert code == 0, err
    if fmt == "csv":
        text = out.read_bytes().decode("utf-8-sig")
        assert all(v in text for v in (people[0], PEOPLE[0][0], PEOPLE[0][2])), "it names the citizen, the phone"
    code, listed, err = _cli(capsys, ctx.data_dir, "audit", "accesses", "--id-number", PEOPLE[0][1], "--json")
    assert code == 0, err
    rows = [r for r in json.loads(listed) if r["action"] == "records.export"]
    assert [r["code"] for r in rows] == [people[0]], listed
    detail = rows[0]["detail"]
    assert detail["document"] == f"stats.{fmt}" and detail["first_day"] == today and detail["via"] == "cli"
    assert sorted(detail["codes"]) == sorted(people), "every carried-over citizen it names, by code"


def test_a_citizen_the_statistics_do_not_name_has_no_such_access(ctx: Any, people: list[str], tmp_path: Path,
                                                                  capsys: Any) -> None:
    ctx.store.close()
    code, _, err = _cli(capsys, ctx.data_dir, "export", "daily", "--date", "2026-11-10", "--what", "stats",
                        "--format", "csv", "--out", str(tmp_path / "s.csv"))  # fmt: skip
    assert code == 0, err  # a day before they were received: the export names nobody
    code, listed, _ = _cli(capsys, ctx.data_dir, "audit", "accesses", "--id-number", PEOPLE[0][1], "--json")
    assert [r for r in json.loads(listed) if r["action"] == "records.export"] == []
