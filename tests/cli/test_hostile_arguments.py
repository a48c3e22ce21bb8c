"""Hostile arguments: the options the README gives every command, written where a script writer puts them.

What was found: ``motcua dossier list --data-dir D`` and ``motcua report stats … --lang en`` answered "không hiểu
tham số" (unknown argument): ``--data-dir`` and ``--lang`` were taken only before the sub-command, though the
README says every command takes them. Now they are taken on either side; given on both, the later one counts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import run_cli

GOOD_ID = "001085012345"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run_cli(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_data_dir_and_lang_after_the_sub_command(capsys, data_dir: Path, monkeypatch):
    monkeypatch.delenv("MOTCUA_DATA_DIR", raising=False)
    code, out, err = run(capsys, "dossier", "receive", "--procedure", "1.004873", "--name", "Lê An", "--id-number",
                         GOOD_ID, "--data-dir", str(data_dir), "--lang", "en")
    assert code == 0 and out and "Đã tiếp nhận" not in out, err  # said in English
    listed = run(capsys, "dossier", "list", "--data-dir", str(data_dir))
    assert listed[0] == 0 and "Lê An" in listed[1]
    missing = run(capsys, "dossier", "show", "000.00.12.H62-261116-0999", "--data-dir", str(data_dir), "--lang", "en")
    assert missing[0] == 4 and missing[2].startswith("Error: ")


def test_the_later_of_two_languages_counts_and_a_bad_one_is_named(capsys, data_dir: Path):
    code, _, err = run(capsys, "--lang", "en", "--data-dir", str(data_dir), "dossier", "show", "X", "--lang", "vi")
    assert code == 4 and err.startswith("Lỗi: ")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "dossier", "show", "X")  # before the command: as ever
    assert code == 4 and err.startswith("Lỗi: ")
    with pytest.raises(SystemExit) as exit_:
        run_cli(["--data-dir", str(data_dir), "dossier", "list", "--lang", "fr"])
    assert exit_.value.code == 2 and "--lang" in capsys.readouterr().err
