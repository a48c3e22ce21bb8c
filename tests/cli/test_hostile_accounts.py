"""Hostile accounts on the command line: the clerk who left, deactivated, whose name the device still used.

What was found: everyday commands run as the device's clerk account named at ``init``; after ``motcua user
deactivate clerk`` (the clerk left) ``motcua dossier receive`` and ``motcua ticket issue`` went on working in
that clerk's name, and ``user list`` looked the same before and after. Now the clerk's own work is refused by
name with the way out, device upkeep (sync, backups) goes on, and the list marks the account.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import run_cli
from tests.helpers.raw import store_scalar

GOOD_ID = "001085012345"
RECEIVE = ("dossier", "receive", "--procedure", "1.004873", "--name", "Lê An", "--id-number", GOOD_ID)


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = run_cli(["--data-dir", str(data_dir), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _dossiers(data_dir: Path) -> int:
    return int(store_scalar(data_dir, "SELECT COUNT(*) FROM dossiers"))  # type: ignore[call-overload]


def test_a_deactivated_device_clerk_receives_nothing_until_reactivated(capsys, data_dir):
    clerk = run(capsys, data_dir, "user", "list", "--json")[1]
    assert '"clerk"' in clerk
    assert run(capsys, data_dir, "user", "deactivate", "clerk")[0] == 0
    listed = run(capsys, data_dir, "user", "list")[1]
    assert next(line for line in listed.splitlines() if line.startswith("clerk ")).endswith("(đã khóa)")

    for args in (RECEIVE, ("ticket", "issue", "--service", "A")):
        code, _, err = run(capsys, data_dir, *args)
        assert code == 2 and err.count("\n") == 1, err
        assert "clerk" in err and "đã bị khóa" in err and "motcua user reactivate clerk" in err
    assert _dossiers(data_dir) == 0
    assert run(capsys, data_dir, "sync", "status")[0] == 0  # the device's upkeep is nobody's work

    assert run(capsys, data_dir, "user", "reactivate", "clerk")[0] == 0
    assert run(capsys, data_dir, *RECEIVE)[0] == 0 and _dossiers(data_dir) == 1
    assert not run(capsys, data_dir, "user", "list")[1].count("(đã khóa)")
