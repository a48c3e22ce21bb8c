"""``motcua dossier attach|attachments|pages`` and ``motcua attachments usage`` as real processes."""

from __future__ import annotations

import json

import pytest

from tests.attachments.conftest import receive_cli
from tests.cli.test_cli import motcua


@pytest.mark.slow
def test_attach_list_usage_and_bad_file(data_dir, page_files, tmp_path):
    code = receive_cli(data_dir)
    out = motcua(
        data_dir,
        "dossier",
        "attach",
        code,
        str(page_files["grey.png"]),
        str(page_files["bw.tif"]),
        "--document",
        "2",
        "--json",
    )
    doc = json.loads(out.stdout)
    assert doc["pages"] == 2 and doc["position"] == 2
    motcua(data_dir, "dossier", "pages", code, "--document", "2", "--rotate", "1")
    listing = json.loads(
        motcua(data_dir, "dossier", "attachments", code, "--json", "--export", str(tmp_path / "out")).stdout
    )
    assert [d["pages"] for d in listing["documents"]] == [0, 2]
    assert listing["documents"][1]["upload_state"] == "pending" and len(listing["exported"]) == 1
    usage = json.loads(motcua(data_dir, "attachments", "usage", "--json").stdout)
    assert usage["pages"] == 2 and usage["disk_bytes"] >= listing["bytes"]

    note = tmp_path / "note.txt"
    note.write_text("xin chào", encoding="utf-8")
    bad = motcua(data_dir, "dossier", "attach", code, str(page_files["grey.png"]), str(note), check=False)
    assert bad.returncode == 2 and str(note) in bad.stderr and "không phải ảnh" in bad.stderr
    assert bad.stderr.count("\n") == 1
    en = motcua(data_dir, "--lang", "en", "dossier", "attach", code, str(note), check=False)
    assert "not an image or a PDF" in en.stderr
    after = json.loads(motcua(data_dir, "dossier", "attachments", code, "--json").stdout)
    assert after["documents"] == listing["documents"]
    assert motcua(data_dir, "attachments", "check").returncode == 0
