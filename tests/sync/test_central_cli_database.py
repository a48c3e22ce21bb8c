"""``motcua-central`` with a database it cannot use says so in one line (exit 3), its password masked, for the
admin commands and for ``serve``; it printed a psycopg or SQLite traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.server.cli import main
from tests.sync.pgserver import free_port


def _bad_urls(tmp_path: Path) -> list[str]:
    not_a_db = tmp_path / "notes.sqlite3"
    not_a_db.write_text("this is not a database\n")
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    return [
        f"postgresql://motcua:s3cret-pw@127.0.0.1:{free_port()}/central",  # nobody listens
        f"sqlite:///{not_a_db}",
        f"sqlite:///{a_file}/sub/central.sqlite3",  # its folder cannot be made
    ]


@pytest.mark.parametrize("command", [["office", "list"], ["dossiers", "--office", "000.00.12.H62"],
                                     ["serve", "--port", "0"]])
def test_a_database_it_cannot_use_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              command: list[str]) -> None:
    for url in _bad_urls(tmp_path):
        code = main(["--database-url", url, *command] if command[0] != "serve" else
                    [*command, "--database-url", url])
        err = capsys.readouterr().err
        assert code == 3 and err.startswith("motcua-central: error: cannot use the database ") and err.count("\n") == 1
        assert "Traceback" not in err and "s3cret-pw" not in err, err
    assert (tmp_path / "notes.sqlite3").read_text() == "this is not a database\n"  # left as it was


@pytest.mark.parametrize("argv", [["office", "add", "--code"], ["bogus"], [],
                                  ["enrollment-code", "--office", "X", "--ttl-hours", "abc"]])
def test_a_mistyped_command_is_one_line(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and err.startswith("motcua-central: error: ") and err.count("\n") == 1, err
    assert "usage:" not in err and "-h)" in err
