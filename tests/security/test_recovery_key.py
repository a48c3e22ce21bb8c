"""The recovery key is shown once at set-up, as letters and on a printable page whose QR code scans back to it."""

from __future__ import annotations

import os

import pytest

from app.cli import run_cli
from app.domain.errors import ValidationError
from app.security.keys import DeviceKeys
from app.security.recovery import parse_recovery_key
from app.services.recovery_key import show_again
from tests.conftest import OFFICE_CODE
from tests.printing.tools import pdf_text, render_png, scan


def _init(capsys, folder, *extra: str) -> str:
    code = run_cli(["--data-dir", str(folder), "init", "--office-code", OFFICE_CODE, "--office-name", "UBND xã Mẫu Sơn",
                    *extra])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0, out
    return out


def test_init_shows_the_key_once_and_writes_the_sheet(tmp_path, capsys):
    folder = tmp_path / "data"
    sheet = tmp_path / "sheet.pdf"
    password = ("--admin-password-file", os.environ["MOTCUA_ADMIN_PASSWORD_FILE"])
    out = _init(capsys, folder, "--recovery-sheet", str(sheet), *password)
    key_line = next(line.strip() for line in out.splitlines() if line.startswith("  "))
    assert parse_recovery_key(key_line) == DeviceKeys().load(folder)
    pdf = sheet.read_bytes()
    text = pdf_text(pdf)
    assert "KHÓA KHÔI PHỤC" in text and "UBND xã Mẫu Sơn" in text
    assert all(group in text for group in key_line.split("-"))
    assert scan(*render_png(pdf, tmp_path, dpi=150)) == [f"QR-Code:{key_line}"]
    again = _init(capsys, folder, *password)
    assert key_line not in again, "a second init does not show it again"


def test_only_an_admin_sees_it_again(ctx):
    with pytest.raises(ValidationError) as err:
        show_again(ctx)  # ctx acts as a clerk
    assert err.value.field == "role"
