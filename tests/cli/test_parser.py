"""A mistyped option gets one line in the user's language naming the option and the value (exit code 2), not
argparse's usage block in English; and nothing is written."""

from __future__ import annotations

import pytest

from app.cli import run_cli
from app.cli.parser import plain_message
from tests.cli.test_invariants import GOOD_ID, motcua

RECEIVE = ("dossier", "receive", "--procedure", "1.004873", "--name", "Lê An", "--id-number", GOOD_ID)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as done:
        run_cli(list(args))
    return int(done.value.code or 0), capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "vi"),
    [
        ((*RECEIVE, "--pages", "abc"), "--pages: “abc” không phải số nguyên"),
        ((*RECEIVE, "--pages", "a'b"), "--pages: “a'b” không phải số nguyên"),
        (("dossier", "receive"), "thiếu --procedure"),
        (("dossier", "receive", "--procedure"), "--procedure: thiếu giá trị"),
        (("dossier", "list", "--bogus"), "không hiểu tham số: --bogus"),
        (("print", "ticket", "A001", "--out", "x.pdf", "--width", "33"), "--width: “33” không hợp lệ"),
        ((*RECEIVE, "--c", "1"), "--c có thể là"),
    ],
)
def test_one_line_in_vietnamese(capsys: pytest.CaptureFixture[str], args: tuple[str, ...], vi: str) -> None:
    code, err = _run(capsys, *args)
    assert code == 2 and err.startswith("Lỗi: Tham số dòng lệnh: ") and vi in err, err
    assert "usage:" not in err and err.count("\n") == 1 and "-h)" in err


def test_english_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(capsys, "--lang", "en", *RECEIVE, "--pages", "abc")
    assert code == 2 and err == (
        "Error: Command-line argument: --pages: “abc” is not a whole number (see: motcua dossier receive -h)\n")


def test_an_unknown_argparse_sentence_is_kept() -> None:
    assert plain_message("something new from argparse") == ("something new from argparse",) * 2


@pytest.mark.slow
def test_a_real_process_and_a_negative_page_count_write_nothing(data_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    proc = motcua(data_dir, *RECEIVE, "--pages", "x1")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "--pages" in proc.stderr, proc.stderr
    proc = motcua(data_dir, *RECEIVE, "--pages", "-1")  # a free procedure: the count was stored and printed
    assert proc.returncode == 2 and "Số trang" in proc.stderr and "-1" in proc.stderr, proc.stderr
    listed = motcua(data_dir, "dossier", "list", "--json")
    assert listed.returncode == 0 and listed.stdout.strip() == "[]"
