"""Build ``tests/upgrade/fixtures/store-v<N>.sqlite3``: a small store made by the MotCua that shipped schema N.

Why from old commits and not from today's code: an upgrade test is only worth something if the old store was
written by the old program, with its defaults, its triggers and its quirks. So each fixture is made by running
the command line of the commit that introduced that schema version (``git archive`` into a temp folder, then
``python -m app`` from there with this virtualenv). Commit the fixtures; rerun only when adding a version:

    .venv/bin/python tests/upgrade/make_fixtures.py            # every version that has no fixture yet
    .venv/bin/python tests/upgrade/make_fixtures.py --force 2  # rebuild one

When a migration step v<N+1> lands, add the commit that shipped v<N+1> to ``VERSIONS`` and run the script, so
the store of the version before it is already kept.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Schema version -> the commit whose code made stores of that version (the commit that added the step).
VERSIONS: dict[int, str] = {
    1: "b92aacb",  # store: keep migrations at v1 until the queue schema lands
    2: "07bd3e4",  # queue: migration step v2
    3: "921c583",  # the last commit at v3 (store v3: indexes for the supervisor's figures)
    7: "114e7ab",  # the last commit at v7 (v4-v6 never shipped alone; the first encrypted store)
    9: "0733930",  # the last commit at v9 (v8 never shipped alone; handed-over tickets)
    10: "851005a",  # the last commit at v10 (compact audit log)
    11: "e6cb033",  # the last commit at v11 (compact store: document names once, search index without columns)
    12: "dc14485",  # the last commit at v12 (search entries written in batches: search_pending)
}
OFFICE = ("000.00.12.H62", "UBND xã Mẫu Sơn")
# Made-up citizens; well-formed citizen ID numbers so every version accepts them.
PEOPLE = [
    ("1.004873", "Nguyễn Văn Mạnh", "001085012345", "0912345678", "Thôn Đông, xã Mẫu Sơn"),
    ("1.001193", "Trần Thị Hoa", "001185012346", "0987654321", "Thôn Tây, xã Mẫu Sơn"),
    ("1.004873", "Lê Đức Anh", "001090012347", "", ""),
]
# Extra steps per version, as Python run inside the old tree (the CLI had no queue command when v2 landed).
EXTRA: dict[int, str] = {
    2: (
        "from app.services.context import ServiceContext\n"
        "from app.services.queue import issue_ticket\n"
        "from app.services.setup import open_store\n"
        "s = open_store(DATA)\n"
        "ctx = ServiceContext(store=s, data_dir=DATA)\n"
        "issue_ticket(ctx, 'A'); issue_ticket(ctx, 'B')\n"
        "s.close()\n"
    ),
}
EXTRA[3] = EXTRA[7] = EXTRA[9] = EXTRA[10] = EXTRA[11] = EXTRA[12] = EXTRA[2]


def _run(tree: Path, data: Path, *args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(tree), "MOTCUA_LANG": "en", "QT_QPA_PLATFORM": "offscreen",
           "MOTCUA_KEY_DIR": str(data.parent / "keys")}  # fmt: skip
    env.pop("MOTCUA_RESOURCES_DIR", None)
    subprocess.run(
        [sys.executable, *args], cwd=tree, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def build(version: int, commit: str, target: Path) -> None:
    """Make the fixture of ``version`` with the code of ``commit``."""
    with tempfile.TemporaryDirectory(prefix=f"motcua-v{version}-") as tmp:
        tree, data = Path(tmp) / "tree", Path(tmp) / "data"
        archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, capture_output=True).stdout
        tree.mkdir()
        with tarfile.open(fileobj=__import__("io").BytesIO(archive)) as tar:
            tar.extractall(tree, filter="data")
        password = Path(tmp) / "password"
        password.write_text("mat-khau-quan-tri\n", "utf-8")
        cli = ["-m", "app", "--data-dir", str(data)]
        _run(tree, data, *cli, "init", "--office-code", OFFICE[0], "--office-name", OFFICE[1],
             "--admin-password-file", str(password))  # fmt: skip
        for procedure, name, id_number, phone, address in PEOPLE:
            _run(tree, data, *cli, "dossier", "receive", "--procedure", procedure, "--name", name,
                 "--id-number", id_number, "--phone", phone, "--address", address,
                 "--received-at", "2026-11-16T09:30")  # fmt: skip
        _run(tree, data, *cli, "dossier", "set-status", f"{OFFICE[0]}-261116-0001", "4")
        if version in EXTRA:
            _run(tree, data, "-c", f"from pathlib import Path\nDATA = Path({str(data)!r})\n" + EXTRA[version])
        store = _plain_copy(data)
        conn = sqlite3.connect(store)
        try:
            found = conn.execute("PRAGMA user_version").fetchone()[0]
            if found != version:
                raise SystemExit(f"commit {commit} made schema v{found}, not v{version}")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.execute("VACUUM")
        finally:
            conn.close()
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(store, target)


def _plain_copy(data: Path) -> Path:
    """The store as a plain SQLite file: stores made after the encryption step (v7) are exported with their key.

    Fixtures are kept plain so that they can be read with any SQLite tool; opening one also exercises the
    encryption in place that every upgraded store goes through.
    """
    store = data / "motcua.sqlite3"
    os.environ["MOTCUA_KEY_DIR"] = str(data.parent / "keys")
    sys.path.insert(0, str(ROOT))
    from app.store import driver  # the checkout's own code, not the old tree's
    from tests.helpers.raw import raw_connect

    if driver.is_plaintext(store):
        return store
    plain = data.parent / "plain.sqlite3"
    conn = raw_connect(store)
    try:
        conn.execute(driver.attach_sql("plain", None), (str(plain),))
        conn.execute("SELECT sqlcipher_export('plain')")
        conn.execute("PRAGMA plain.user_version = " + str(conn.execute("PRAGMA user_version").fetchone()[0]))
        conn.execute("DETACH DATABASE plain")
    finally:
        conn.close()
    return plain


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", type=int, action="append", default=[], help="rebuild this version")
    args = parser.parse_args()
    for version, commit in sorted(VERSIONS.items()):
        target = FIXTURES / f"store-v{version}.sqlite3"
        if target.exists() and version not in args.force:
            continue
        build(version, commit, target)
        print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB (commit {commit})")


if __name__ == "__main__":
    main()
