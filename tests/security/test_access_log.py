"""Who saw what: views, prints and exports are audited, and only a supervisor lists a citizen's accesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace

import pytest

from app.cli import run_cli
from app.domain.errors import ValidationError
from app.services.access_log import list_accesses, record_access, record_range_export
from app.services.context import Actor
from app.store.audit import verify
from app.store.row_audit import SERVICE_ROWS
from tests.security.conftest import PEOPLE


def _cli(capsys, data_dir, *args: str) -> tuple[int, str, str]:
    code = run_cli(["--data-dir", str(data_dir), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_clerk_cannot_list_accesses(ctx, people):
    record_access(ctx, people[0], "view")
    with pytest.raises(ValidationError) as err:
        list_accesses(ctx, id_number=PEOPLE[0][1])
    assert err.value.field == "role"


def test_supervisor_lists_one_citizens_views_prints_and_exports(ctx, people):
    record_access(ctx, people[0], "view", {"via": "app"})
    record_access(ctx, people[1], "view", {"via": "app"})  # another citizen: not listed
    record_access(ctx, people[0].lower(), "print", {"document": "form01"})
    record_range_export(ctx, "2026-11-16", "2026-11-16", {"document": "form07.csv"})
    record_range_export(ctx, "2026-10-01", "2026-10-31", {"document": "form07.csv"})  # not that day
    supervisor = replace(ctx, actor=Actor("giamsat", "Phạm Giám Sát", "supervisor"))
    rows = list_accesses(supervisor, id_number=PEOPLE[0][1])
    assert [(r["action"], r["code"], r["actor"]) for r in rows] == [
        ("dossier.view", people[0], "clerk1"),
        ("dossier.print", people[0], "clerk1"),
        ("records.export", people[0], "clerk1"),
    ]
    assert all(r["at"].startswith("2026-11-16T09:00") for r in rows)
    assert list_accesses(supervisor, code=people[1])[0]["action"] == "dossier.view"
    assert verify(ctx.store).ok


def test_cli_show_print_and_export_are_recorded(ctx, people, tmp_path, capsys):
    ctx.store.close()
    data = ctx.data_dir
    assert _cli(capsys, data, "dossier", "show", people[0])[0] == 0
    assert _cli(capsys, data, "print", "receipt", people[0], "--out", str(tmp_path / "r.pdf"))[0] == 0
    day = "2026-" + people[0].split("-")[1][2:4] + "-" + people[0].split("-")[1][4:6]
    assert _cli(capsys, data, "export", "daily", "--date", day, "--format", "csv",
                "--out", str(tmp_path / "log.csv"))[0] == 0  # fmt: skip
    code, out, _ = _cli(capsys, data, "audit", "accesses", "--id-number", PEOPLE[0][1], "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["action"] for r in rows] == ["dossier.view", "dossier.print", "records.export"]
    assert rows[1]["detail"]["document"] == "form01" and [r["actor"] for r in rows] == ["clerk", "clerk", "admin"], rows
    code, out, err = _cli(capsys, data, "audit", "accesses")
    assert code == 2 and len(err.strip().splitlines()) == 1


@pytest.mark.slow
def test_cli_restore_on_a_new_pc_with_and_without_the_recovery_key(ctx, people, tmp_path):
    from app.security.recovery import format_recovery_key

    backup = tmp_path / "office.sqlite3"
    key_text = format_recovery_key(ctx.store.key)
    ctx.store.close()
    env = {**os.environ, "MOTCUA_KEY_DIR": str(tmp_path / "new-keys"), "MOTCUA_LANG": "vi"}
    run = [sys.executable, "-m", "app"]
    subprocess.run([*run, "--data-dir", str(ctx.data_dir), "backup", "--out", str(backup)], check=True,
                   env={**os.environ}, capture_output=True)  # fmt: skip
    fresh = tmp_path / "new-pc"
    refused = subprocess.run([*run, "--data-dir", str(fresh), "restore", str(backup)], env=env,
                             capture_output=True, text=True, stdin=subprocess.DEVNULL)  # fmt: skip
    assert refused.returncode == 3 and "khóa khôi phục" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and "Traceback" not in refused.stderr
    assert not fresh.exists()
    key_file = tmp_path / "recovery.txt"
    key_file.write_text(key_text + "\n", "utf-8")
    done = subprocess.run([*run, "--data-dir", str(fresh), "restore", str(backup), "--recovery-key-file",
                           str(key_file)], env=env, capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    shown = subprocess.run([*run, "--data-dir", str(fresh), "dossier", "show", people[0], "--json"], env=env,
                           capture_output=True, text=True)  # fmt: skip
    assert shown.returncode == 0 and json.loads(shown.stdout)["applicant_name"] == PEOPLE[0][0]


def test_listing_accesses_uses_the_audit_indexes(ctx, people):
    """Every opening adds a row, so the audit log grows fastest of all: the listing must never scan it."""
    plans = [
        " ".join(r["detail"] for r in ctx.store.query(f"EXPLAIN QUERY PLAN {sql}", params))
        for sql, params in (
            ("SELECT seq FROM audit_log WHERE object_type = 'dossier' AND object_id IN (?, ?) AND action IN (?, ?)",
             (people[0], people[1], "dossier.view", "dossier.print")),
            (f"SELECT seq FROM audit_log WHERE action = ? AND {SERVICE_ROWS}", ("records.export",)),
        )
    ]  # fmt: skip
    assert "audit_log_object" in plans[0] and "audit_log_action" in plans[1], plans
