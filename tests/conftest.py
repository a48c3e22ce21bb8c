"""Test-session set-up shared by every test folder.

Qt must run offscreen (no display in CI) and must be told so before any Qt import; see the traps in STYLE.md.
Stores are built once per session as a template and copied for each test that needs one (Anki's
``pylib/tests/shared.py`` idea): migrating and loading the catalogue is the slow part.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MOTCUA_LANG", "vi")
# Store keys go to a key folder of this test run, never to the developer's OS key store (see app/security/keys.py).
if "MOTCUA_KEY_DIR" not in os.environ:
    os.environ["MOTCUA_KEY_DIR"] = tempfile.mkdtemp(prefix="motcua-keys-")
    atexit.register(shutil.rmtree, os.environ["MOTCUA_KEY_DIR"], True)

OFFICE_CODE = "000.00.12.H62"
ADMIN_PASSWORD = "mat-khau-quan-tri"
# A fixed "now" on a Monday morning that is a working day (2026-11-16).
FIXED_NOW = datetime.fromisoformat("2026-11-16T09:00:00+07:00")


@pytest.fixture(scope="session")
def store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with an initialised office, built once for the whole run."""
    from app.services.clock import FixedClock
    from app.services.context import ServiceContext
    from app.services.setup import init_office, open_store

    folder = tmp_path_factory.mktemp("template")
    store = open_store(folder)
    try:
        ctx = ServiceContext(store=store, data_dir=folder, clock=FixedClock(FIXED_NOW))
        init_office(ctx, office_code=OFFICE_CODE, office_name="UBND xã Mẫu Sơn", admin_password=ADMIN_PASSWORD)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    return folder


@pytest.fixture
def data_dir(store_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the template data folder."""
    target = tmp_path / "data"
    shutil.copytree(store_template, target)
    return target


@pytest.fixture
def ctx(data_dir: Path) -> Iterator[object]:
    """A service context on a copied store, with a fixed clock."""
    from app.services.clock import FixedClock
    from app.services.context import Actor, ServiceContext
    from app.services.setup import open_store

    store = open_store(data_dir)
    context = ServiceContext(
        store=store,
        data_dir=data_dir,
        clock=FixedClock(FIXED_NOW),
        actor=Actor("clerk1", "Nguyễn Thị Lan", "clerk"),
    )
    yield context
    store.close()


@pytest.fixture(autouse=True)
def admin_password_file(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The template store's admin password in a file named by MOTCUA_ADMIN_PASSWORD_FILE, so CLI commands that
    need an admin (in this process or in a child ``motcua``) get it; tests of the refusal remove the variable."""
    path = tmp_path_factory.getbasetemp() / "admin-password.txt"
    if not path.exists():
        path.write_text(ADMIN_PASSWORD, "utf-8")
    monkeypatch.setenv("MOTCUA_ADMIN_PASSWORD_FILE", str(path))
    return path


@pytest.fixture
def system_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder standing for the system temp folder (``tempfile``'s), to see what a run leaves there."""
    import tempfile

    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture(autouse=True)
def logging_left_as_found() -> Iterator[None]:
    """The root logger's handlers, level and uvicorn's access switch put back after each test.

    Why: a test that runs ``hub serve`` in-process (refused, or served in a thread) has the server configure the
    root logger with a handler on the stderr of that moment, a captured stream closed when the test ends; a later
    test's command then wrote "--- Logging error ---" into its one-line error (seen in combined runs).
    """
    import logging

    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    access = logging.getLogger("uvicorn.access").disabled
    yield
    for added in [h for h in root.handlers if h not in handlers]:
        added.close()  # a command's log file among them: closed, not left to the garbage collector
    root.handlers[:] = handlers
    root.setLevel(level)
    logging.getLogger("uvicorn.access").disabled = access
