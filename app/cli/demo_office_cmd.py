"""``motcua --demo-office``: start the demo office with a hub and open its four PCs' windows on this PC.

This process is the office's caretaker, not a window: it builds (or reuses) the office folder
(:mod:`app.services.demo_office`), starts the province (``motcua-central serve``) and the hub (``motcua hub
serve``) as servers, then counter 1, counter 2, the kiosk and the waiting-room screen as four separate windows,
each its own process on its own data folder, as in a real office. Closing counter 1's window ends the demo (so
does Ctrl+C, or closing this console): every process it started is stopped; the others may be closed and the
demo goes on. If this process itself is killed, the OS stops the children (see :mod:`app.services.demo_children`).
Never imports Qt: the windows are the children.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path
from types import FrameType

from app.services import demo_office as office
from app.services import demo_office_build as build
from app.services.demo_children import Child, Children, program, servers_available
from app.services.demo_office import DemoOfficeError, Layout

READY_TIMEOUT_S = 60.0
NOTE_ENV = "MOTCUA_WINDOW_NOTE"  # app/ui/launch.py adds it to the window's title
WINDOWED_ENV = "MOTCUA_WINDOWED"  # app/ui/queue/entry.py: the kiosk and the screen in a normal window
LOCK_FILE = "demo-office.lock"
POLL_S = 0.2
WINDOW_STAGGER_S = 3.0


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="motcua --demo-office", add_help=False)
    parser.add_argument("--demo-office", action="store_true")
    parser.add_argument("--data-dir")
    parser.add_argument("--lang", choices=["vi", "en"])
    parser.add_argument("--reset", action="store_true")
    parser.add_argument("--no-windows", action="store_true")  # servers only (tests, a headless look)
    return parser.parse_known_args(argv)[0]


def root_for(ns: argparse.Namespace) -> Path:
    from app.paths import default_data_dir

    return Path(ns.data_dir) if ns.data_dir else default_data_dir() / "demo-office"


class Stop(Exception):
    """SIGTERM / SIGINT / console close: end the demo in order."""


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise Stop


def run_demo_office(argv: list[str]) -> int:
    ns = parse(argv)
    lang = ns.lang or "vi"

    def say(vi: str, en: str) -> None:
        print(en if lang == "en" else vi, flush=True)

    root = root_for(ns)
    from app.cli.context import CliContext
    from app.cli.errors import report_error
    from sync.hub.lock import HubBusyError, HubLock

    try:
        if not servers_available():
            raise DemoOfficeError(
                "bản cài đặt này không có máy chủ (motcua-central) nên không chạy được văn phòng mẫu; hãy dùng bản "
                "cài đặt Windows hoặc mã nguồn",
                "this build carries no server (motcua-central), so it cannot run the demo office; use the Windows "
                "installer or a checkout")
        office.check_folder(root)
        root.mkdir(parents=True, exist_ok=True)
        lock = HubLock(root / LOCK_FILE).acquire()
    except HubBusyError:
        say(f"Văn phòng mẫu trong {root} đang chạy rồi", f"The demo office in {root} is already running")
        return 3
    except (DemoOfficeError, OSError) as exc:
        return report_error(exc, CliContext(data_dir=root, lang=lang))
    children = Children(root / "logs")
    stops = [s for s in (signal.SIGTERM, signal.SIGINT, getattr(signal, "SIGBREAK", None),
                         getattr(signal, "SIGHUP", None)) if s is not None]
    for sig in stops:
        signal.signal(sig, _raise_stop)
    try:
        layout = None if ns.reset else office.existing(root)
        if layout is None:
            say(f"Đang dựng văn phòng mẫu trong {root} (khoảng một phút)…",
                f"Building the demo office in {root} (about a minute)…")
            layout = _build(root, children)
        else:
            say(f"Dùng lại văn phòng mẫu trong {root}", f"Reusing the demo office in {root}")
            _start_servers(layout, children)
            build.morning(layout)
        user, password = office.login()
        say(f"Hub: {layout.hub_url} · tỉnh: {layout.province_url} · đăng nhập: {user} / {password}",
            f"Hub: {layout.hub_url} · province: {layout.province_url} · sign in: {user} / {password}")
        if ns.no_windows:
            say("READY (không mở cửa sổ; Ctrl+C để dừng)", "READY (no windows; Ctrl+C to stop)")
            _wait_for(None)
        else:
            first = _open_windows(layout, children, lang)
            say("READY: đóng cửa sổ Quầy 1 để kết thúc văn phòng mẫu", "READY: close Counter 1 to end the demo")
            _wait_for(first)
        return 0
    except Stop:
        return 0
    except Exception as exc:  # one line for the user (a bug: details in <folder>/logs/errors.log), never a traceback
        return report_error(exc, CliContext(data_dir=root, lang=lang))
    finally:
        for sig in stops:
            signal.signal(sig, signal.SIG_IGN)  # a second Ctrl+C or SIGTERM must not cut the orderly stop short
        children.stop_all()
        lock.release()
        say("Đã dừng văn phòng mẫu", "Demo office stopped")


def _build(root: Path, children: Children) -> Layout:
    office.reset(root, keep=(LOCK_FILE,))
    layout = Layout(root, office.free_port(), office.free_port())
    code = build.prepare_province(layout)
    _start_province(layout, children)
    build.init_hub(layout, code)
    _start_hub(layout, children)
    build.build_pcs(layout)
    layout.save()  # last: a folder without it is an unfinished build, emptied at the next start
    return layout


def _start_servers(layout: Layout, children: Children) -> None:
    _start_province(layout, children)
    _start_hub(layout, children)


def _start_province(layout: Layout, children: Children) -> None:
    child = children.start("province", [*program("sync.server.cli"), "serve", "--database-url", layout.province_db,
                                        "--host", office.HOST, "--port", str(layout.province_port)], server=True)
    _wait_healthy(child, layout.province_url, None)


def _start_hub(layout: Layout, children: Children) -> None:
    from sync.client.pinning import PinnedAdapter
    from sync.hub.folder import HubFolder
    from sync.hub.tls import fingerprint

    child = children.start("hub", [*program("app"), "--data-dir", str(layout.hub_dir), "hub", "serve", "--host",
                                   office.HOST, "--port", str(layout.hub_port), "--no-announce", "--log-level",
                                   "warning"], server=True)
    _wait_healthy(child, layout.hub_url, PinnedAdapter(fingerprint(HubFolder.of_data_dir(layout.hub_dir).cert)))


def _wait_healthy(child: Child, url: str, adapter: object) -> None:
    import requests

    from sync.client.lan import proxies_for

    session = requests.Session()
    if adapter is not None:
        session.mount("https://", adapter)  # type: ignore[arg-type]
    deadline = time.monotonic() + READY_TIMEOUT_S
    try:
        while time.monotonic() < deadline:
            if not child.running():
                break
            try:
                if session.get(url + "/health", timeout=1, verify=False, proxies=proxies_for(url)).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
    finally:
        session.close()
    log = Path(child.log.name)
    raise DemoOfficeError(f"máy chủ “{child.name}” không khởi động được; xem {log}",
                          f"the “{child.name}” server did not start; see {log}")


def _open_windows(layout: Layout, children: Children, lang: str) -> Child:
    """The four PCs' windows, counter 1 last so that it opens on top (returned: closing it ends the demo)."""
    opened: dict[str, Child] = {}
    for name in reversed(office.PCS):
        argv = [*program("app", gui=True), "--data-dir", str(layout.pc(name)), "--lang", lang]
        env = {NOTE_ENV: office.TITLES[name][1 if lang == "en" else 0]}
        if name.startswith("counter"):
            argv.append("--demo-login")
        else:
            argv.append("--kiosk" if name == "kiosk" else "--display")
            env[WINDOWED_ENV] = "1"  # four windows share one screen: none takes it whole
        if name == office.PCS[0]:
            time.sleep(WINDOW_STAGGER_S)  # the others first on screen, so counter 1 (with the sign-in) opens on top
        opened[name] = children.start(name, argv, env=env)
    return opened[office.PCS[0]]


def _wait_for(first: Child | None) -> None:
    """Until counter 1's window ends (or, with no windows, until stopped)."""
    while first is None or first.running():
        time.sleep(POLL_S)


if __name__ == "__main__":  # pragma: no cover - `motcua --demo-office` is the way in
    sys.exit(run_demo_office(sys.argv[1:]))
