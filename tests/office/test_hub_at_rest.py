"""The office hub's database and its backups are encrypted at rest, as a PC's store is (DESIGN "Personal data at rest").

Why: the hub holds every dossier of the office (names, ID numbers, addresses, phones, scanned ID cards) in
``hub/hub.sqlite3`` and in every ``hub backup`` archive; a copied folder, a backup on a USB stick or a stolen disk
gave them away in clear. Now the file opens only with the hub key (derived from the PC's store key), an older
hub's plain file is encrypted in place by the next hub command (a kill at any step leaves a working hub), and a
restore opens an archive only with this PC's key or the recovery key of the PC that made it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import textwrap
import zipfile
from pathlib import Path
from typing import Any

import pytest

from app.security.keys import KEY_ID_FILE
from app.services.hub_keys import AppHubKeys
from app.services.receive import ReceiveInput, receive_dossier
from app.store.encrypt import STEPS
from sync.hub import keys
from sync.hub.backup import backup_hub
from sync.hub.folder import HubFolder
from sync.hub.lock import HubLock
from sync.server import cipher
from tests.conftest import OFFICE_CODE
from tests.helpers.crash import STOP_AT_STEP, kill_9_after
from tests.office.conftest import Office, motcua
from tests.office.hubfolder import hub_connect, make_hub, recovery_file
from tests.security.conftest import PEOPLE, leaks


def _plain_refuses(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def _people_in(path: Path, data_dir: Path) -> int:
    """How many of PEOPLE's ID numbers the database at ``path`` holds, read with the hub key (the control)."""
    conn = hub_connect(path, data_dir)
    try:
        return sum(conn.execute("SELECT count(*) FROM events WHERE payload LIKE ?", (f"%{p[1]}%",)).fetchone()[0] > 0
                   for p in PEOPLE)
    finally:
        conn.close()


@pytest.mark.slow
def test_the_hubs_database_and_its_backup_hold_no_citizen_in_clear(office_module: Office, tmp_path: Path) -> None:
    counter = office_module.counter("at-rest")
    for name, id_number, phone, address in PEOPLE:
        receive_dossier(counter.ctx, ReceiveInput("1.001193", name, id_number, phone=phone, address=address))
    report = counter.sync()
    assert report.pending == 0 and report.rejected == 0, report
    folder = HubFolder.of_data_dir(office_module.hub_dir)
    assert _people_in(folder.database, office_module.hub_dir) == len(PEOPLE), "the hub has them (the control)"
    for path in sorted(folder.path.glob("hub.sqlite3*")):  # the database, its WAL and shared memory
        assert leaks(path.read_bytes()) == [], path
    _plain_refuses(folder.database)

    code, out, err = motcua(office_module.hub_dir, "hub", "backup", "--to", str(tmp_path / "stick"), "--json")
    assert code == 0, err
    archive = Path(out["backup"])
    assert leaks(archive.read_bytes()) == [], "the archive as a whole"
    with zipfile.ZipFile(archive) as zf:
        zf.extract("hub.sqlite3", tmp_path / "x")
    assert leaks((tmp_path / "x" / "hub.sqlite3").read_bytes()) == []
    _plain_refuses(tmp_path / "x" / "hub.sqlite3")
    assert _people_in(tmp_path / "x" / "hub.sqlite3", office_module.hub_dir) == len(PEOPLE)


def _people_rows(folder: HubFolder) -> None:
    """The citizens as rows of the hub's database, so a leak of the file shows in its bytes."""
    db = keys.open_database(folder, AppHubKeys())
    try:
        with db.transaction() as tx:
            tx.executemany("INSERT INTO hub_state (key, value) VALUES (?, ?)",
                           [(f"person-{n}", " ".join(person)) for n, person in enumerate(PEOPLE)])
    finally:
        db.close()


def _decrypt(path: Path, key: bytes) -> None:
    """Turn the encrypted database at ``path`` back into a plain file (what a hub before encryption left)."""
    plain = path.with_name("plain.tmp")
    conn = cipher.connect(path, key)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute(cipher.attach_sql("plain", None), (str(plain),))
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    os.replace(plain, path)


@pytest.fixture
def old_hub(tmp_path: Path) -> HubFolder:
    """A hub-only PC as a version before encryption left it: a plain hub database and no key at all."""
    folder = make_hub(tmp_path / "pc", OFFICE_CODE)
    _people_rows(folder)
    _decrypt(folder.database, AppHubKeys().key(tmp_path / "pc", create=False) or b"")
    (tmp_path / "pc" / KEY_ID_FILE).unlink()
    assert leaks(folder.database.read_bytes()), "the old hub is readable as it is"
    return folder


def _encrypted_and_whole(folder: HubFolder) -> None:
    assert not cipher.is_plaintext(folder.database)
    for path in folder.path.parent.rglob("*"):
        if path.is_file() and "sqlite3" in path.name:
            assert leaks(path.read_bytes()) == [], path
    _whole(hub_connect(folder.database))


def _whole(conn: Any) -> None:
    """The database on ``conn`` (closed after) checks and holds the citizens."""
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM hub_state WHERE key LIKE 'person-%'").fetchone()[0] == len(PEOPLE)
    finally:
        conn.close()


def test_an_older_plain_hub_is_encrypted_in_place_by_the_next_hub_command_and_keeps_its_data(old_hub) -> None:
    data_dir = old_hub.path.parent
    code, out, err = motcua(data_dir, "hub", "status", "--json")
    assert code == 0 and out["office_code"] == OFFICE_CODE, err
    _encrypted_and_whole(old_hub)
    assert [p.name for p in old_hub.path.iterdir() if "encrypting" in p.name or "pre-encryption" in p.name] == []
    code, out, err = motcua(data_dir, "hub", "recovery-key", "--json")  # a hub-only PC: its key was made now
    assert code == 0 and len(out["recovery_key"].replace("-", "")) == 56, err


@pytest.mark.slow
def test_hub_serve_encrypts_an_older_plain_hub_and_serves_it(old_hub) -> None:
    from tests.office.hubproc import HubProcess

    hub = HubProcess(old_hub.path.parent, plain_http=True).start()
    try:
        assert hub.session().get(hub.url + "/health", timeout=10).status_code == 200
        assert not cipher.is_plaintext(old_hub.database), "encrypted before it served"
    finally:
        hub.stop()
    _encrypted_and_whole(old_hub)


def test_a_plain_hub_an_older_hub_serve_still_holds_is_left_for_the_next_serve(old_hub) -> None:
    """An older ``hub serve`` keeps the plain file open: encrypting it under that process would lose what it
    writes afterwards (into the renamed-away file). A command meanwhile reads it plain; a backup refuses."""
    data_dir = old_hub.path.parent
    with HubLock(old_hub.lock):
        code, _, err = motcua(data_dir, "hub", "status", "--json")
        assert code == 0, err
        assert cipher.is_plaintext(old_hub.database)
        code, _, err = motcua(data_dir, "hub", "backup")
        assert code == 3 and "restart the hub" in err and len(err.strip().splitlines()) == 1, err
    assert not (data_dir / "hub-backups").exists() or list((data_dir / "hub-backups").iterdir()) == []


CHILD = STOP_AT_STEP + textwrap.dedent(
    """
    from pathlib import Path
    from app.services.hub_keys import AppHubKeys
    from app.store.encrypt import encrypt_database
    from sync.hub import keys
    from sync.hub.folder import HubFolder

    class Stepped(AppHubKeys):
        def encrypt_in_place(self, database, key):
            return encrypt_database(database, key, on_step=on_step)

    keys.database_key(HubFolder.of_data_dir(Path(sys.argv[1])), Stepped())
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("step", STEPS)
def test_kill_9_at_each_step_of_the_encryption_leaves_a_working_hub(old_hub, step) -> None:
    data_dir = old_hub.path.parent
    printed = kill_9_after(CHILD.format(step=step), data_dir, STEPS.index(step) + 1)
    assert printed[-1] == step
    plain = cipher.is_plaintext(old_hub.database)
    assert plain == (step != "replaced"), "the old file untouched, or the new one in its place"
    _whole(cipher.connect(old_hub.database, None) if plain else hub_connect(old_hub.database))
    code, _, err = motcua(data_dir, "hub", "status")  # the next command finishes the job
    assert code == 0, err
    _encrypted_and_whole(old_hub)


def _files(data_dir: Path) -> list[str]:
    return sorted(str(p.relative_to(data_dir)) for p in data_dir.rglob("*") if p.is_file()
                  and not p.name.endswith(".lock"))


def test_a_restore_on_a_new_pc_needs_the_old_pcs_recovery_key_and_a_wrong_one_writes_nothing(tmp_path: Path) -> None:
    folder = make_hub(tmp_path / "old-pc", OFFICE_CODE)
    _people_rows(folder)
    archive = backup_hub(tmp_path / "old-pc", tmp_path / "stick", key_source=AppHubKeys())
    make_hub(tmp_path / "other-pc", OFFICE_CODE)
    wrong = recovery_file(tmp_path / "other-pc", tmp_path / "wrong.txt")
    new = tmp_path / "new-pc"
    code, _, err = motcua(new, "hub", "restore", str(archive))
    assert code == 2 and "encrypted with another PC's key" in err and "--recovery-key-file" in err, err
    code, _, err = motcua(new, "hub", "restore", str(archive), "--recovery-key-file", str(wrong))
    assert code == 2 and err.startswith("Error: --recovery-key-file: the recovery key does not open"), err
    assert len(err.strip().splitlines()) == 1 and err.rstrip().endswith("nothing changed")
    assert _files(new) == [], "no database, no settings, no key adopted"

    right = recovery_file(tmp_path / "old-pc", tmp_path / "right.txt")
    code, _, err = motcua(new, "hub", "restore", str(archive), "--recovery-key-file", str(right))
    assert code == 0, err
    assert AppHubKeys().keys.load(new) == AppHubKeys().keys.load(tmp_path / "old-pc"), "the sheet stays valid"
    _encrypted_and_whole(HubFolder.of_data_dir(new))


def test_an_old_plain_backup_still_restores_and_ends_up_encrypted(tmp_path: Path) -> None:
    folder = make_hub(tmp_path / "pc", OFFICE_CODE)
    _people_rows(folder)
    archive = backup_hub(tmp_path / "pc", tmp_path / "stick", key_source=AppHubKeys())
    with zipfile.ZipFile(archive) as zf:
        zf.extract("hub.sqlite3", tmp_path / "x")
    _decrypt(tmp_path / "x" / "hub.sqlite3", AppHubKeys().key(tmp_path / "pc", create=False) or b"")
    old = tmp_path / "before-encryption.zip"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(old, "w") as dst:
        for item in src.infolist():
            name = item.filename
            dst.writestr(item, (tmp_path / "x" / name).read_bytes() if name == "hub.sqlite3" else src.read(item))
    assert leaks(old.read_bytes()), "the old archive holds them in clear"
    for data_dir in (tmp_path / "pc", tmp_path / "new-pc"):  # this PC, and a new one that gets a key now
        code, _, err = motcua(data_dir, "hub", "restore", str(old))
        assert code == 0, err
        _encrypted_and_whole(HubFolder.of_data_dir(data_dir))
    shutil.rmtree(tmp_path / "x")


@pytest.mark.slow
def test_hub_init_on_a_hub_only_pc_prints_the_recovery_key_a_later_motcua_init_keeps(tmp_path: Path) -> None:
    """A hub-only PC has no store, so ``hub init`` makes the folder's key and shows its recovery key (the only
    way back into its backups after a dead disk); ``motcua init`` in the same folder later keeps that key, so
    the PC still has one key and one sheet."""
    from app.security.recovery import parse_recovery_key
    from app.services.hub_keys import hub_key
    from sync.protocol.timefmt import utc_now
    from sync.server import devices
    from tests.conftest import ADMIN_PASSWORD
    from tests.sync.test_origin import Province

    province = Province(tmp_path)
    try:
        office = province.office()
        with province.db.transaction() as tx:
            code = devices.new_enrollment_code(tx, office, utc_now(), role=devices.ROLE_HUB)
        rc, out, err = motcua(tmp_path / "hub-pc", "hub", "init", "--office-code", office, "--upstream", province.url,
                              "--code", code, "--json")
    finally:
        province.close()
    assert rc == 0, err
    store_key = parse_recovery_key(out["recovery_key"])
    assert AppHubKeys().keys.load(tmp_path / "hub-pc") == store_key
    conn = cipher.connect(HubFolder.of_data_dir(tmp_path / "hub-pc").database, hub_key(store_key))
    try:
        assert conn.execute("SELECT count(*) FROM offices WHERE code = ?", (office,)).fetchone()[0] == 1
    finally:
        conn.close()
    password = tmp_path / "admin.txt"
    password.write_text(ADMIN_PASSWORD, "utf-8")
    rc, made, err = motcua(tmp_path / "hub-pc", "init", "--office-code", office, "--office-name", "UBND xã Thử",
                           "--admin-password-file", str(password), "--json")
    assert rc == 0 and made["recovery_key"] == out["recovery_key"], err


def test_a_key_store_that_fails_during_a_restore_is_one_line_about_the_key_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new PC whose key folder cannot be written (or whose OS key store is down) cannot take a key: the restore
    says so in one line and writes nothing; it was read as a full disk ("cannot write into --data-dir")."""
    make_hub(tmp_path / "old-pc", OFFICE_CODE)
    archive = backup_hub(tmp_path / "old-pc", tmp_path / "stick", key_source=AppHubKeys())
    key_file = recovery_file(tmp_path / "old-pc", tmp_path / "key.txt")
    (tmp_path / "not-a-folder").write_text("x", "utf-8")
    monkeypatch.setenv("MOTCUA_KEY_DIR", str(tmp_path / "not-a-folder"))
    new = tmp_path / "new-pc"
    code, _, err = motcua(new, "hub", "restore", str(archive), "--recovery-key-file", str(key_file))
    assert code == 3 and "key store" in err and "cannot write into" not in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert _files(new) == []
