"""``motcua user deactivate|reactivate``: supervisors and admins only, audited; a deactivated user cannot sign in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.domain.errors import ValidationError
from app.services.accounts import authenticate
from app.services.setup import open_store
from tests.cli.test_invariants import motcua, run

PASSWORD = "mat-khau-lan-1"


@pytest.fixture
def lan(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A clerk "lan" added by the admin; returns her password file."""
    pw = tmp_path / "lan.txt"
    pw.write_text(PASSWORD)
    add = ("user", "add", "lan", "--full-name", "Nguyễn Thị Lan", "--password-file", str(pw))
    assert run(capsys, data_dir, *add)[0] == 0
    return pw


def signs_in(data_dir: Path, username: str, password: str) -> bool:
    store = open_store(data_dir)
    try:
        authenticate(store, username, password)
        return True
    except ValidationError:
        return False
    finally:
        store.close()


@pytest.mark.slow
def test_deactivate_then_reactivate_a_clerk(data_dir: Path, lan: Path) -> None:
    assert signs_in(data_dir, "lan", PASSWORD)
    proc = motcua(data_dir, "user", "deactivate", "lan", admin=True)
    assert proc.returncode == 0 and "Đã khóa lan: không đăng nhập được nữa" in proc.stdout
    assert not signs_in(data_dir, "lan", PASSWORD)
    again = motcua(data_dir, "user", "deactivate", "LAN", "--json", admin=True)  # second run: nothing changes
    assert again.returncode == 0 and json.loads(again.stdout) == {"username": "lan", "active": False, "changed": False}
    proc = motcua(data_dir, "user", "reactivate", "lan", admin=True)
    assert proc.returncode == 0 and "đăng nhập được trở lại" in proc.stdout
    assert signs_in(data_dir, "lan", PASSWORD)
    store = open_store(data_dir)
    try:
        acts = [(r["action"], r["actor"], r["object_id"]) for r in store.query(
            "SELECT action, actor, object_id FROM audit_log WHERE action LIKE 'user.%activate' ORDER BY seq")]
    finally:
        store.close()
    assert acts == [("user.deactivate", "admin", "lan"), ("user.activate", "admin", "lan")]
    assert json.loads(motcua(data_dir, "audit", "verify", "--json").stdout)["ok"]


def test_who_may_deactivate_whom(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                 data_dir: Path, lan: Path, tmp_path: Path) -> None:
    sup = tmp_path / "sup.txt"
    sup.write_text("mat-khau-giam-sat")
    add = ("user", "add", "giamsat", "--full-name", "Giám Sát", "--role", "supervisor", "--password-file", str(sup))
    assert run(capsys, data_dir, *add)[0] == 0
    as_sup = ("--user", "giamsat", "--admin-password-file", str(sup))
    status, err = run(capsys, data_dir, "user", "deactivate", "admin", *as_sup)
    assert status == 2 and "giám sát chỉ quản lý tài khoản cán bộ tiếp nhận" in err
    status, err = run(capsys, data_dir, "user", "deactivate", "admin")  # the admin itself
    assert status == 2 and "không tự khóa tài khoản của mình" in err
    status, err = run(capsys, data_dir, "user", "deactivate", "khong-co")
    assert status == 2 and "không có tài khoản “khong-co”" in err and "Traceback" not in err
    assert run(capsys, data_dir, "user", "deactivate", "lan", *as_sup)[0] == 0  # a supervisor may, for a clerk
    as_lan = ("--user", "lan", "--admin-password-file", str(lan))
    assert run(capsys, data_dir, "--lang", "en", "user", "reactivate", "lan", *as_lan)[0] == 2  # she cannot sign in
    monkeypatch.delenv("MOTCUA_ADMIN_PASSWORD_FILE")
    status, err = run(capsys, data_dir, "user", "reactivate", "lan")  # a clerk at the counter: no password
    assert status == 2 and "--admin-password-file" in err
    assert not signs_in(data_dir, "lan", PASSWORD)
