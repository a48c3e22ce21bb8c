"""Taking a citizen's scanned papers off the PC (``dossier attachments CODE --export DIR``) is a supervisor's
export, like the log book's: the device's clerk account alone, which every command runs as, could write every
scanned ID card to a USB stick. The listing itself stays the clerk's; the export asks for a supervisor's
password and the access trail names the supervisor."""

from __future__ import annotations

import json

from app.cli import run_cli
from tests.attachments.test_hostile_export import run, scanned  # noqa: F401 - fixture
from tests.helpers.raw import store_scalar


def test_the_clerk_lists_pages_but_exports_none(capsys, monkeypatch, data_dir, scanned, tmp_path):  # noqa: F811
    monkeypatch.delenv("MOTCUA_ADMIN_PASSWORD_FILE")
    out = tmp_path / "usb"
    out.mkdir()
    status, err = run(capsys, data_dir, "dossier", "attachments", scanned)
    assert status == 0, err
    status, err = run(capsys, data_dir, "dossier", "attachments", scanned, "--export", str(out))
    assert status != 0 and err.startswith("Lỗi:") and "Traceback" not in err
    assert list(out.iterdir()) == []
    assert store_scalar(data_dir, "SELECT COUNT(*) FROM audit_log WHERE action = 'dossier.export'") == 0


def test_a_supervisor_exports_and_is_named_in_the_trail(capsys, data_dir, scanned, tmp_path):  # noqa: F811
    out = tmp_path / "usb"
    out.mkdir()
    assert run_cli(["--data-dir", str(data_dir), "dossier", "attachments", scanned, "--export", str(out)]) == 0
    capsys.readouterr()
    assert [p.name for p in out.iterdir()] == [f"{scanned}-01.pdf"]
    assert run_cli(["--data-dir", str(data_dir), "audit", "accesses", "--code", scanned, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["actor"] for r in rows if r["action"] == "dossier.export"] == ["admin"]
