"""Hostile export of a dossier's scanned pages (``motcua dossier attachments CODE --export DIR``).

What was found: the export wrote with a plain ``write_bytes``, outside the rules every ``--out`` follows: it
created a missing folder with its parents (a pulled-out USB stick's path landed on the PC's disk), wrote into the
data folder, wrote *through* a symbolic link (a link named like the export replaced the file it pointed at), and
left no trace in the access log though the pages are a citizen's papers. Now each file goes through the same
checks, a new folder is made only inside an existing one, and each export is recorded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import run_cli
from app.services.attachments import attach_files
from tests.helpers.raw import store_scalar


@pytest.fixture
def scanned(ctx, code, page_files) -> str:
    attach_files(ctx, code, [page_files["grey.png"]], 1, "auto")
    ctx.store.close()
    return code


def run(capsys, data_dir: Path, *args: str) -> tuple[int, str]:
    status = run_cli(["--data-dir", str(data_dir), *args])
    return status, capsys.readouterr().err


def test_export_follows_the_out_rules(capsys, data_dir, scanned, tmp_path):
    name = f"{scanned}-01.pdf"
    gone = tmp_path / "media" / "USB" / "hs"
    status, err = run(capsys, data_dir, "dossier", "attachments", scanned, "--export", str(gone))
    assert status == 2 and "không có thư mục" in err and not (tmp_path / "media").exists()

    status, err = run(capsys, data_dir, "dossier", "attachments", scanned, "--export", str(data_dir))
    assert status == 2 and "thư mục dữ liệu" in err and not (data_dir / name).exists()

    secret = tmp_path / "secret.txt"
    secret.write_text("mine", "utf-8")
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / name).symlink_to(secret)
    status, err = run(capsys, data_dir, "dossier", "attachments", scanned, "--export", str(linked))
    assert status == 2 and "liên kết" in err and secret.read_text("utf-8") == "mine"


def test_a_new_folder_in_an_existing_one_gets_the_pages_twice_and_each_is_recorded(capsys, data_dir, scanned,
                                                                                   tmp_path):
    out = tmp_path / "ho-so"
    for _ in range(2):  # a second export of the same dossier replaces its own files
        status, err = run(capsys, data_dir, "dossier", "attachments", scanned, "--export", str(out))
        assert status == 0, err
    assert (out / f"{scanned}-01.pdf").read_bytes().startswith(b"%PDF")
    exports = store_scalar(data_dir, "SELECT COUNT(*) FROM audit_log WHERE action = 'dossier.export'"
                                     f" AND object_id = '{scanned}'")
    assert exports == 2
