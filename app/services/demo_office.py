"""A whole demo office on this one PC: a throwaway province, an office hub, two counters, a kiosk and a screen.

Why: ``motcua --demo`` shows one PC; a real commune centre is several PCs around a hub (docs/DESIGN.md, "Queue").
This builds that office in one folder with the same commands a province and an office run (``motcua-central
office add`` / ``enrollment-code --hub``, ``motcua hub init``, ``motcua hub enrollment-code``, ``motcua enroll``),
everything on 127.0.0.1: the hub speaks HTTPS with its own certificate and the devices pin it through their
enrolment codes. Each PC is a data folder of its own, so each window is a separate process as in a real office.

This module is the folder: its layout, when it is reused, what may be emptied. The build steps are in
:mod:`app.services.demo_office_build`. The folder (``<data folder>/demo-office`` unless told otherwise) holds
``office.json`` once the build is complete: a second start reuses it; a folder without it (an interrupted
build) is emptied and built again. The ports are chosen when it is built and kept, because the devices remember
the hub's address.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from app.services.demo import DEMO_PASSWORD, DEMO_USER

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
    """True when a server could listen on ``port`` now. Like the servers (uvicorn), ask for SO_REUSEADDR on
    POSIX: a port whose last connections linger in TIME_WAIT for a minute is free for them (on Windows the same
    option would let a bind steal a port in use, and TIME_WAIT does not block a bind there)."""
    with socket.socket() as s:
        if os.name != "nt":
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
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


def login() -> tuple[str, str]:
    return DEMO_USER, DEMO_PASSWORD
