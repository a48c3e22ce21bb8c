"""Password and recovery-key files as Notepad on Windows saves them: UTF-8 with a byte-order mark and CRLF, or
"Unicode" (UTF-16 with a mark).

Why: read as plain UTF-8 the mark stayed in the text. A clerk's password set from such a file held an invisible
character, so the clerk could never log in by typing it; a supervisor's file with the mark was "wrong password";
a recovery key file was "57 characters". Each case failed on the old readers.
"""

from __future__ import annotations

import codecs

import pytest

from app.cli import run_cli
from app.cli.user_files import read_user_text
from app.domain.errors import ValidationError
from app.security.recovery import format_recovery_key, parse_recovery_key
from app.services.accounts import authenticate
from app.services.setup import open_store
from tests.conftest import ADMIN_PASSWORD

NOTEPAD = {
    "utf-8 bom crlf": lambda text: codecs.BOM_UTF8 + (text + "\r\n").encode("utf-8"),
    "unicode": lambda text: codecs.BOM_UTF16_LE + (text + "\r\n").encode("utf-16-le"),
    "unicode big endian": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
}


@pytest.mark.parametrize("form", NOTEPAD)
def test_a_clerk_added_with_a_notepad_password_file_logs_in_by_typing_it(capsys, data_dir, tmp_path, form):
    secret = tmp_path / "mat-khau.txt"
    secret.write_bytes(NOTEPAD[form]("Lan@Mau-Son-2026"))
    admin = tmp_path / "quan-tri.txt"
    admin.write_bytes(NOTEPAD[form](ADMIN_PASSWORD))  # the supervisor's own file, saved the same way
    code = run_cli(["--data-dir", str(data_dir), "user", "add", "lan", "--full-name", "Trần Thị Lan",
                    "--password-file", str(secret), "--admin-password-file", str(admin)])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    store = open_store(data_dir)
    try:
        assert authenticate(store, "lan", "Lan@Mau-Son-2026").username == "lan"  # as typed at the login screen
    finally:
        store.close()


@pytest.mark.parametrize("form", NOTEPAD)
def test_a_recovery_key_file_saved_by_notepad_reads(tmp_path, form):
    key = bytes(range(32))
    path = tmp_path / "khoa.txt"
    path.write_bytes(NOTEPAD[form](format_recovery_key(key)))
    assert parse_recovery_key(read_user_text(path, "recovery_key_file")) == key


def test_a_file_in_another_encoding_is_named_with_its_field(tmp_path):
    path = tmp_path / "mat-khau.txt"
    path.write_bytes(b"Mat khau cu".replace(b"a", b"\xe0"))  # a Windows code page, no mark
    with pytest.raises(ValidationError) as err:
        read_user_text(path, "password")
    assert err.value.field == "password" and str(path) in err.value.reason_vi
