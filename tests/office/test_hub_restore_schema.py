"""A hub backup from another MotCua version: a newer one is refused naming its schema, an older one upgraded.

No old backup fixture exists, so the older one is made the way an older MotCua made it: a hub whose database
ran only the schema steps that version had (the steps are appended, never changed), backed up by this code."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from app.services.hub_keys import AppHubKeys
from sync.hub.backup import backup_hub
from sync.hub.folder import HubFolder
from sync.hub.restore import restore_hub
from sync.server import schema
from sync.server.schema_slotless import SLOTLESS
from tests.conftest import OFFICE_CODE
from tests.office.conftest import motcua
from tests.office.hubfolder import hub_connect, make_hub, recovery_file

LATEST = len(schema.MIGRATIONS)


def _digest(folder: HubFolder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.path.iterdir())
            if p.is_file() and not p.name.endswith(".lock")}


def _version(path: Path) -> int:
    conn = hub_connect(path)
    try:
        return int(conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])
    finally:
        conn.close()


def _with_schema(archive: Path, out: Path, version: int, tmp: Path, data_dir: Path) -> Path:
    """``archive`` with its database claiming schema ``version`` (what a newer MotCua's backup holds)."""
    with zipfile.ZipFile(archive) as zf:
        zf.extract("hub.sqlite3", tmp)
    conn = hub_connect(tmp / "hub.sqlite3", data_dir)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
    conn.execute("CREATE TABLE made_by_a_newer_version (x TEXT)")
    conn.commit()
    conn.close()
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = (tmp / "hub.sqlite3").read_bytes() if item.filename == "hub.sqlite3" else src.read(item)
            dst.writestr(item, body)
    return out


def test_a_backup_from_a_newer_motcua_is_refused_naming_its_schema_version(tmp_path: Path) -> None:
    folder = make_hub(tmp_path / "pc", OFFICE_CODE)
    archive = backup_hub(tmp_path / "pc", tmp_path / "out", key_source=AppHubKeys())
    newer = _with_schema(archive, tmp_path / "newer.zip", LATEST + 1, tmp_path / "x", tmp_path / "pc")
    before = _digest(folder)
    code, _, err = motcua(tmp_path / "pc", "hub", "restore", str(newer))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert f"was made by a newer MotCua (hub schema version {LATEST + 1}, this one reads up to version {LATEST})" in err
    assert err.rstrip().endswith("nothing changed") and _digest(folder) == before
    assert not (tmp_path / "pc" / "hub-backups").exists()
    code, _, err = motcua(tmp_path / "new-pc", "--lang", "vi", "hub", "restore", str(newer), "--recovery-key-file",
                          str(recovery_file(tmp_path / "pc", tmp_path / "recovery.txt")))
    assert code == 2 and f"lược đồ hub phiên bản {LATEST + 1}" in err, err
    assert not HubFolder.of_data_dir(tmp_path / "new-pc").initialised()


def test_a_backup_from_an_older_motcua_is_upgraded_on_restore(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old_steps = schema.MIGRATIONS.index(SLOTLESS)  # before kiosks and screens had no slot
    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:old_steps])
        old = make_hub(tmp_path / "old-pc", OFFICE_CODE)
        conn = hub_connect(old.database)
        conn.execute("INSERT INTO devices (id, office_code, name, slot, token_hash, enrolled_at, role) VALUES"
                     " ('d1', ?, 'Quầy 1', 1, 'h1', '2026-12-01T01:00:00.000Z', 'device')", (OFFICE_CODE,))
        conn.commit()
        conn.close()
        archive = backup_hub(tmp_path / "old-pc", tmp_path / "stick", key_source=AppHubKeys())
    assert _version(old.database) == old_steps < LATEST
    key_file = recovery_file(tmp_path / "old-pc", tmp_path / "recovery.txt")  # another PC: its recovery key
    code, out, err = motcua(tmp_path / "new-pc", "hub", "restore", str(archive), "--recovery-key-file", str(key_file),
                            "--json")
    assert code == 0, err
    restored = HubFolder.of_data_dir(tmp_path / "new-pc").database
    assert _version(restored) == LATEST
    conn = hub_connect(restored)
    try:
        assert conn.execute("SELECT name, slot FROM devices WHERE id = 'd1'").fetchone() == ("Quầy 1", 1)
        conn.execute("INSERT INTO devices (id, office_code, name, slot, token_hash, enrolled_at, role) VALUES"
                     " ('k1', ?, 'Kiosk', NULL, 'h2', '2026-12-01T01:00:00.000Z', 'kiosk')", (OFFICE_CODE,))
        generation = conn.execute("SELECT value FROM hub_state WHERE key = 'generation'").fetchone()[0]
    finally:
        conn.close()
    assert generation == out["generation"]
    again = restore_hub(tmp_path / "new-pc", archive, key_source=AppHubKeys())  # again, over the upgraded one
    assert again.generation != generation


def test_a_database_from_a_newer_motcua_is_not_served(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """After a downgrade (or a hub folder copied from a newer PC) `hub serve` and motcua-central refuse the database
    in one line; they migrated nothing and served it, writing rows without the columns they do not know."""
    from sync.server.cli import main as central

    folder = make_hub(tmp_path / "pc", OFFICE_CODE)
    conn = hub_connect(folder.database)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(LATEST + 1),))
    conn.commit()
    conn.close()
    code, _, err = motcua(tmp_path / "pc", "hub", "serve", "--port", "0")
    assert code == 3 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert f"made by a newer MotCua (schema {LATEST + 1}; this version knows {LATEST})" in err
    assert central(["--database-url", f"sqlite:///{folder.database}", "office", "list"]) == 3
    assert "cannot use the database" in capsys.readouterr().err, "the hub's file is encrypted: no plain reader"
    assert _version(folder.database) == LATEST + 1
