"""A fee typed the way the app itself prints it: "20.000" is twenty thousand đồng in Vietnamese, not an error.

Why: ``catalog list`` shows "20.000 đ"; a supervisor copying that into ``catalog set-fee`` got an argparse usage
dump, while "٣" (an Arabic-Indic digit, which Python's int() reads) quietly set the fee to 3 đ. Only ASCII digits,
grouped by dots or spaces in threes, with or without "đ", are amounts; anything else is one sentence naming the
fee, and nothing is written."""

from __future__ import annotations

import json

import pytest

from app.cli import run_cli

CODE = "2.000815"


def _run(capsys, data_dir, *args: str) -> tuple[int, str, str]:
    code = run_cli(["--data-dir", str(data_dir), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _fee(capsys, data_dir) -> int:
    code, out, err = _run(capsys, data_dir, "catalog", "list", "--json")
    assert code == 0, err
    return next(p["fee_amount_vnd"] for p in json.loads(out) if p["code"] == CODE)


@pytest.mark.parametrize(("typed", "amount"), [("20.000", 20000), ("20 000 đ", 20000), ("1.500.000", 1500000),
                                               ("20000", 20000), ("0", 0)])
def test_a_fee_as_the_list_prints_it_is_read(capsys, data_dir, typed, amount):
    code, out, err = _run(capsys, data_dir, "catalog", "set-fee", CODE, typed)
    assert code == 0, err
    assert _fee(capsys, data_dir) == amount
    assert f"{amount:,}".replace(",", ".") + " đ" in out, out


@pytest.mark.parametrize("typed", ["٣", "20,5", "2.00", "20.0000", "1e3", "-1", "", "20.000.000.000"])
def test_anything_else_is_one_sentence_naming_the_fee_and_writes_nothing(capsys, data_dir, typed):
    before = _fee(capsys, data_dir)
    code, _, err = _run(capsys, data_dir, "catalog", "set-fee", CODE, "--", typed)
    assert code == 2 and err.count("\n") == 1 and "Phí, lệ phí" in err and "usage" not in err, err
    assert _fee(capsys, data_dir) == before
