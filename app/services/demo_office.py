"""A whole demo office on this one PC: a throwaway province, an office hub, two counters, a kiosk and a screen.

Why: ``motcua --demo`` shows one PC; a real commune centre is several PCs around a hub (docs/DESIGN.md, "Queue").
This builds that office in one folder with the same commands a province and an office run (``motcua-central
office add`` / ``enrollment-code --hub``, ``motcua hub init``, ``motcua hub enrollment-code``, ``motcua enroll``),
everything on 127.0.0.1: the hub speaks HTTPS with its own certificate and the devices pin it through their
enrolment codes. Each PC is a data folder of its own, so each window is a separate process as in a real office.

The folder (``<data folder>/demo-office`` unless told otherwise) holds ``office.json`` once the build is
complete: a second start reuses it; a folder without it (an interrupted build) is emptied and built again.
The ports are chosen when it is built and kept, because the devices remember the hub's address.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import socket
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from app.services.context import ServiceContext
from app.services.demo import DEMO_OFFICE, DEMO_PASSWORD, DEMO_USER, demo_context, init_demo, seed_dossiers

MARKER = "office.json"
LAYOUT_VERSION = 1
HOST = "127.0.0.1"
PORT_WAIT_S = 5.0
PCS = ("counter-1", "counter-2", "kiosk", "screen")  # data folders of the office's PCs, in window order
ROLES = {"counter-1": "counter", "counter-2": "counter", "kiosk": "kiosk", "screen": "screen"}
TITLES = {"counter-1": ("Quầy 1", "Counter 1"), "counter-2": ("Quầy 2", "Counter 2"),
          "kiosk": ("Máy lấy số", "Ticket kiosk"), "screen": ("Màn hình phòng chờ", "Waiting-room screen")}


class DemoOfficeError(RuntimeError):
    """A step of the demo office failed; carries one sentence in each language."""

    def __init__(self, vi: str, en: str, exit_code: int = 3) -> None:
        super().__init__(en)
        self.vi, self.en, self.exit_code = vi, en, exit_code

    def user_message(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


@dataclass(frozen=True)
class Layout:
    root: Path
    province_port: int
    hub_port: int
    version: int = LAYOUT_VERSION

    @property
    def province_db(self) -> str:
        return f"sqlite:///{self.root / 'province.sqlite3'}"

    @property
    def province_url(self) -> str:
        return f"http://{HOST}:{self.province_port}"

    @property
    def hub_url(self) -> str:
        return f"https://{HOST}:{self.hub_port}"

    @property
    def hub_dir(self) -> Path:
        return self.root / "hub-pc"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def pc(self, name: str) -> Path:
        return self.root / name

    def save(self) -> None:
        data = {k: v for k, v in asdict(self).items() if k != "root"}
        (self.root / MARKER).write_text(json.dumps(data), "utf-8")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


def existing(root: Path) -> Layout | None:
    """The office built earlier in ``root``, if its build completed and its ports are still free."""
    try:
        data = json.loads((root / MARKER).read_text("utf-8"))
        layout = Layout(root, int(data["province_port"]), int(data["hub_port"]), int(data["version"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if layout.version != LAYOUT_VERSION or not all(layout.pc(n).is_dir() for n in PCS):
        return None
    deadline = time.monotonic() + PORT_WAIT_S  # a previous run's servers may still be letting go of them
    while not (port_free(layout.province_port) and port_free(layout.hub_port)):
        if time.monotonic() > deadline:
            return None  # another program took a port since: the devices' hub address cannot be kept
        time.sleep(0.2)
    return layout


OURS = {MARKER, "demo-office.lock", "demo-password.txt", "logs", "hub-pc", "pc-template", "province.sqlite3",
        "province.sqlite3-wal", "province.sqlite3-shm", "province.sqlite3-journal", *PCS}


def check_folder(root: Path) -> None:
    """Refuse a folder that holds anything the demo did not make: emptying it must never cost real data
    (``--data-dir`` pointed at an office's own data folder by mistake)."""
    if root.exists() and not root.is_dir():
        raise DemoOfficeError(f"--data-dir: {root} là một tệp, không phải thư mục",
                              f"--data-dir: {root} is a file, not a folder", 2)
    foreign = sorted(e.name for e in root.iterdir() if e.name not in OURS) if root.is_dir() else []
    if foreign:
        raise DemoOfficeError(
            f"--data-dir: {root} có dữ liệu không phải của văn phòng mẫu ({', '.join(foreign[:3])}…); hãy chọn "
            "một thư mục trống",
            f"--data-dir: {root} holds data that is not the demo office's ({', '.join(foreign[:3])}…); choose an "
            "empty folder", 2)


def reset(root: Path, keep: tuple[str, ...] = ()) -> None:
    """Empty ``root`` (all but ``keep``) so a new office can be built in it."""
    root.mkdir(parents=True, exist_ok=True)
    for entry in root.iterdir():
        if entry.name in keep:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def motcua(data_dir: Path, *argv: str) -> dict[str, Any]:
    """Run a ``motcua`` command in this process (the real command), its ``--json`` answer as a dict."""
    from app.cli import run_cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run_cli(["--data-dir", str(data_dir), "--lang", "en", *argv, "--json"])
    if code != 0:
        raise DemoOfficeError(f"lệnh “motcua {' '.join(argv[:2])}” không thành công: {err.getvalue().strip()}",
                              f"“motcua {' '.join(argv[:2])}” failed: {err.getvalue().strip()}")
    return dict(json.loads(out.getvalue()))


def central(layout: Layout, *argv: str) -> dict[str, Any]:
    """Run a ``motcua-central`` administration command in this process, its ``--json`` answer."""
    from sync.server.cli import main as central_main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = central_main([*argv, "--json", "--database-url", layout.province_db])
    if code != 0:
        raise DemoOfficeError(f"lệnh “motcua-central {argv[0]}” không thành công",
                              f"“motcua-central {argv[0]}” failed")
    return dict(json.loads(out.getvalue()))


def prepare_province(layout: Layout) -> str:
    """The province's database with the demo office; returns a hub enrolment code (before the server runs)."""
    from app.services.demo import DEMO_NAME

    central(layout, "office", "add", "--code", DEMO_OFFICE, "--name", DEMO_NAME)
    return str(central(layout, "enrollment-code", "--office", DEMO_OFFICE, "--hub")["code"])


def init_hub(layout: Layout, code: str) -> None:
    """``motcua hub init``: the hub's folder, TLS key and certificate, enrolled with the running province."""
    motcua(layout.hub_dir, "hub", "init", "--office-code", DEMO_OFFICE, "--upstream", layout.province_url,
           "--code", code, "--host", HOST, "--port", str(layout.hub_port))


def build_pcs(layout: Layout, progress: Callable[[str], None] = lambda _: None) -> None:
    """The four PCs' data folders, each enrolled with the running hub; dossiers at the counters, a few tickets."""
    from app.services.setup import open_store

    template = layout.root / "pc-template"
    store = open_store(template)
    try:
        init_demo(demo_context(store, template))
    finally:
        store.close()
    for name in PCS:
        progress(name)
        shutil.copytree(template, layout.pc(name))
        code = motcua(layout.hub_dir, "hub", "enrollment-code", "--role", ROLES[name])["code"]
        motcua(layout.pc(name), "enroll", "--server", layout.hub_url, "--code", code, "--name", name,
               "--admin-password-file", str(_password_file(layout)))
    shutil.rmtree(template)
    _counter_numbers(layout)
    _dossiers(layout)
    morning(layout)


def _password_file(layout: Layout) -> Path:
    """The demo admin's password (public: it is printed on every demo window) for commands that ask for it."""
    path = layout.root / "demo-password.txt"
    if not path.exists():
        path.write_text(DEMO_PASSWORD, "utf-8")
    return path


def _context(layout: Layout, name: str) -> ServiceContext:
    """The demo's admin on one PC's store (the caller closes it)."""
    from app.services.setup import open_store

    return demo_context(open_store(layout.pc(name)), layout.pc(name))


def _counter_numbers(layout: Layout) -> None:
    """Counter 2's PC says it is counter 2; on the hub, counter 1 calls A–C and counter 2 every service."""
    from app.services.queue_backend import queue_for
    from app.services.settings_update import save_settings

    for number, name in ((1, "counter-1"), (2, "counter-2")):
        ctx = _context(layout, name)
        try:
            save_settings(ctx, {"counter": number})
            q = queue_for(ctx)
            letters = [s["letter"] for s in q.list_services(ctx)]
            q.set_counter(ctx, number, letters[:3] if number == 1 else letters)
        finally:
            ctx.store.close()


def _dossiers(layout: Layout) -> None:
    """A fortnight of dossiers received at each counter, synced through the hub so each counter finds all."""
    from app.services.sync_bridge import build_engine

    for seed, name in enumerate(("counter-1", "counter-2")):
        ctx = _context(layout, name)
        try:
            seed_dossiers(ctx, days=10, per_day=3, seed=2025 + seed)
            build_engine(ctx.store, ctx.data_dir).run_once()
        finally:
            ctx.store.close()
    ctx = _context(layout, "counter-1")
    try:
        build_engine(ctx.store, ctx.data_dir).run_once()  # counter 2's dossiers come down
    finally:
        ctx.store.close()


def morning(layout: Layout) -> bool:
    """A morning under way when the hub's queue is empty (a new build, or a later day): tickets taken at the
    kiosk (one by an elderly citizen), one being served at counter 1. False when tickets were waiting already."""
    from app.services.queue_backend import queue_for

    kiosk = _context(layout, "kiosk")
    try:
        q = queue_for(kiosk)
        if q.waiting_for(kiosk):
            return False
        for letter, group in (("A", ""), ("B", ""), ("A", "elderly"), ("C", ""), ("D", "")):
            q.issue_ticket(kiosk, letter, group, "kiosk")
    finally:
        kiosk.store.close()
    counter = _context(layout, "counter-1")
    try:
        queue_for(counter).call_next(counter, 1)
    finally:
        counter.store.close()
    return True


def login() -> tuple[str, str]:
    return DEMO_USER, DEMO_PASSWORD
