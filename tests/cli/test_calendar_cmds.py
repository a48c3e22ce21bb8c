"""Editing the calendar changes due dates at once; bad edits write nothing."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app.cli import run_cli
from app.domain.errors import ValidationError
from app.services.calendar_admin import set_day
from app.services.receive import ReceiveInput, receive_dossier


def _run(capsys, data_dir, *args: str) -> tuple[int, str, str]:
    code = run_cli(["--data-dir", str(data_dir), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_declared_holiday_moves_the_due_date(ctx):
    before = receive_dossier(ctx, ReceiveInput("1.004873", "Lê An", "001085012345")).dossier["due_at"]
    assert before.startswith("2026-11-19")
    from app.services.context import Actor

    ctx.actor = Actor("sup", "Giám sát", "supervisor")
    set_day(ctx, date(2026, 11, 18), "holiday", "Ngày nghỉ địa phương")
    after = receive_dossier(ctx, ReceiveInput("1.004873", "Lê An", "001085012345")).dossier["due_at"]
    assert after.startswith("2026-11-20")


def test_clerk_cannot_edit(ctx):
    with pytest.raises(ValidationError) as err:
        set_day(ctx, date(2026, 11, 18), "holiday", "X")
    assert err.value.field == "role"


def test_cli_list_set_remove(capsys, data_dir):
    code, out, _ = _run(capsys, data_dir, "calendar", "list", "--year", "2027", "--json")
    data = json.loads(out)
    assert code == 0 and data["status"] == "provisional"
    assert any(e["provisional"] for e in data["entries"])
    code, _, _ = _run(capsys, data_dir, "calendar", "set-day", "2026-11-24", "--name", "Ngày Văn hóa Việt Nam")
    assert code == 0
    _, out, _ = _run(capsys, data_dir, "calendar", "list", "--year", "2026", "--json")
    assert "2026-11-24" in [e["date"] for e in json.loads(out)["entries"]]
    code, _, err = _run(capsys, data_dir, "calendar", "set-day", "2026-11-25", "--kind", "party", "--name", "x")
    assert code == 2 and err.count("\n") == 1
    code, _, _ = _run(capsys, data_dir, "calendar", "remove-day", "2026-11-24")
    assert code == 0


def test_cli_import_rejects_garbage(capsys, data_dir, tmp_path):
    bad = tmp_path / "cal.json"
    bad.write_text("{not json", "utf-8")
    code, _, err = _run(capsys, data_dir, "calendar", "import", str(bad))
    assert (code == 2 and "Lịch" in err) or "calendar" in err.lower()
