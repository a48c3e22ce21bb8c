"""The Windows installer, proven under Wine on every CI run (issue 14): install, use, upgrade, uninstall.

Why a script and not a pytest test: it needs the installer that installer/build-windows.sh made (minutes of build,
once per CI run) and a Wine prefix; each step is judged by what it left on disk and printed, never by Wine's exit
code alone (Wine returns 0 for an installer that could not even start). Wine-only shims (ICU forwarders for Qt,
ProcessPrng for Rust extensions, ``_wmi.pyd`` set aside) are added to the *installed* copy here and never ship.

Usage: .venv/bin/python .ci/windows_smoke.py dist/MotCua-Setup-<v>.exe [--next dist/MotCua-Setup-<v2>.exe]
Writes .ci/artifacts/ (logs, PDF, screenshots); exits 1 naming the first failed step.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ART = REPO / ".ci" / "artifacts"
WORK = REPO / "build" / "win-smoke"
USER = "Nguyễn Văn An"  # the Wine prefix user: C:\users\Nguyễn Văn An\AppData\Local\MotCua
OFFICE = "000.00.00.T00"
APPLICANT = "Nguyễn Thị Bích Ngọc"
OLD_DATA = "C:\\Hồ sơ cũ\\Dữ liệu xã"  # MOTCUA_DATA_DIR with spaces and Vietnamese letters (upgrade fixture)
HUB_OFFICE = "000.00.00.T01"
DEMO_OFFICE = "000.00.12.H62"  # app/services/demo.py
HUB_DATA = "C:\\Máy chủ văn phòng"  # the hub PC's MOTCUA_DATA_DIR (Vietnamese letters and a space)
timings: dict[str, float] = {}


class SmokeError(Exception):
    pass


def log(msg: str) -> None:
    print(f"[windows-smoke {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def check(cond: object, what: str) -> None:
    if not cond:
        raise SmokeError(what)


class Wine:
    """One fresh prefix whose user is USER; every program runs with stdin from /dev/null and output through a
    pipe (Wine 8's Python dies on a regular-file stdout)."""

    def __init__(self, root: Path) -> None:
        self.prefix = root / USER / "pfx"
        self.env = {
            **os.environ,
            "WINEPREFIX": str(self.prefix),
            "WINEDEBUG": "-all",
            # No Mono/Gecko prompts; no menu entries written into the real $HOME by winemenubuilder.
            "WINEDLLOVERRIDES": "mscoree,mshtml=;winemenubuilder.exe=d",
            "HOME": str(root / "home"),
            "USER": USER,
            "LOGNAME": USER,
            "PYTHONUTF8": "1",
            "PYTHONIOENCODING": "utf-8",
        }
        self.env.pop("DISPLAY", None)
        self.env.pop("MOTCUA_DATA_DIR", None)

    @property
    def c(self) -> Path:
        return self.prefix / "drive_c"

    @property
    def home(self) -> Path:
        return self.c / "users" / USER

    @property
    def appdir(self) -> Path:
        return self.home / "AppData" / "Local" / "Programs" / "MotCua"

    @property
    def data(self) -> Path:
        return self.home / "AppData" / "Local" / "MotCua"

    def unix(self, win_path: str) -> Path:
        check(win_path[1:3] == ":\\" and win_path[0].upper() == "C", f"not a C: path: {win_path}")
        return self.c.joinpath(*win_path[3:].split("\\"))

    def run(self, *argv: str, timeout: float = 300, env: dict[str, str] | None = None) -> tuple[int, str]:
        proc = subprocess.run(
            ["wine", *argv], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env={**self.env, **(env or {})}, timeout=timeout, check=False,
        )
        out = proc.stdout.decode("utf-8", "replace")
        return proc.returncode, out

    def start(self, log: Path, *argv: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        """A server in the background, its output copied into ``log`` through a pipe (a file as stdout kills
        Wine 8's Python at start: "init_sys_streams: Invalid handle")."""
        proc = subprocess.Popen(["wine", *argv], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, env={**self.env, **(env or {})})

        def pump() -> None:
            assert proc.stdout is not None
            with log.open("ab") as out:
                for line in proc.stdout:
                    out.write(line)
                    out.flush()

        threading.Thread(target=pump, daemon=True).start()
        return proc

    def run_gui(self, *argv: str, timeout: float = 900) -> int:
        """An installer or uninstaller: no output to read, and a pipe would be held open by the explorer.exe
        that Wine starts for the first GUI program of a prefix."""
        return subprocess.run(["wine", *argv], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env=self.env, timeout=timeout, check=False).returncode

    def kill_all(self) -> None:
        subprocess.run(["wineserver", "-k"], env=self.env, check=False, timeout=60)
        self.wait()

    def wait(self) -> None:
        subprocess.run(["wineserver", "-w"], env=self.env, check=False, timeout=300)

    def motcua(self, *argv: str, env: dict[str, str] | None = None, exe: str = "motcua.exe") -> tuple[int, str]:
        code, out = self.run(str(self.appdir / "bin" / exe), *argv, env=env)
        with (ART / "motcua-commands.log").open("a", encoding="utf-8") as f:
            f.write(f"$ {exe} {' '.join(argv)}\n{out}[exit {code}]\n\n")
        return code, out


@contextmanager
def timed(name: str) -> Iterator[None]:
    log(name + " …")
    start = time.monotonic()
    yield
    timings[name] = round(time.monotonic() - start, 1)
    log(f"{name}: ok ({timings[name]} s)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def json_out(out: str) -> object:
    start = min(i for i in (out.find("{"), out.find("[")) if i >= 0)
    return json.loads(out[start:])


def install(wine: Wine, setup: Path, *flags: str) -> int:
    code = wine.run_gui(str(setup), "/S", "/CurrentUser", *flags)
    wine.wait()
    return code


def installed_version(wine: Wine) -> str:
    text = (wine.appdir / "pkgs" / "app" / "__init__.py").read_text("utf-8")
    return text.split('__version__ = "', 1)[1].split('"', 1)[0]


def add_wine_shims(wine: Wine, shims: Path) -> None:
    """Test-only: make the installed copy start under Wine 8 (see the module docstring)."""
    wmi = wine.appdir / "Python" / "_wmi.pyd"
    if wmi.exists():
        wmi.rename(wmi.with_suffix(".pyd.wine-off"))  # platform's WMI query hits an unimplemented propsys call
    for f in (shims / "python").iterdir():
        shutil.copy2(f, wine.appdir / "Python" / f.name)
    for f in (shims / "pyside").iterdir():
        shutil.copy2(f, wine.appdir / "pkgs" / "PySide6" / f.name)


def check_installed(wine: Wine, version: str) -> None:
    for rel in ("bin/motcua.exe", "bin/motcua-central.exe", "bin/motcua-app.exe", "Python/python.exe",
                "Python/python313.dll", "pkgs/app/__init__.py", "pkgs/PySide6/Qt6Widgets.dll", "uninstall.exe"):
        check((wine.appdir / rel).is_file(), f"installed file missing: {rel}")
    check(not (wine.appdir / "_new").exists() and not (wine.appdir / "_old").exists(), "swap folders left behind")
    check(installed_version(wine) == version, f"installed version {installed_version(wine)}, expected {version}")
    check(any((wine.appdir / "pkgs" / "app").rglob("*.pyc")), "byte-compilation did not run")
    menu = wine.home / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "MotCua"
    names = sorted(p.name for p in menu.glob("*.lnk"))
    expected = ["Gỡ cài đặt MotCua.lnk", "Một cửa.lnk", "MotCua - Màn hình phòng chờ.lnk",
                "MotCua - Máy bốc số (kiosk).lnk", "MotCua - Văn phòng mẫu (tập huấn).lnk"]
    check(names == sorted(expected), f"Start-menu shortcuts {names}, expected {expected}")
    check((wine.home / "Desktop" / "MotCua - Một cửa.lnk").is_file(), "desktop shortcut missing")


def smoke(setup: Path, next_setup: Path | None, shims: Path, screenshot: bool) -> None:
    shutil.rmtree(WORK, ignore_errors=True)
    shutil.rmtree(ART, ignore_errors=True)  # no picture or log of an earlier run may pass for this one
    ART.mkdir(parents=True)
    wine = Wine(WORK)
    wine.prefix.parent.mkdir(parents=True)
    (WORK / "home").mkdir()
    version = setup.name.removeprefix("MotCua-Setup-").removesuffix(".exe")

    with timed("fresh Wine prefix"):
        wine.run("wineboot", "-i", timeout=300)
        wine.wait()
        check(wine.home.is_dir(), f"Wine made no profile for {USER}")
        # Wine links Desktop, Documents… to $HOME: make them real folders of the prefix.
        for link in wine.home.iterdir():
            if link.is_symlink():
                link.unlink()
                link.mkdir()

    with timed("silent install"):
        install(wine, setup)
        check_installed(wine, version)
        add_wine_shims(wine, shims)
    timings["silent install (s)"] = timings["silent install"]

    with timed("--version"):
        code, out = wine.motcua("--version")
        check(out.strip().splitlines()[-1] == f"motcua {version}", f"--version printed {out!r}")

    with timed("selftest"):
        code, out = wine.motcua("--lang", "en", "selftest")
        check(code == 0 and "Selftest: FAILED" not in out, f"selftest failed:\n{out}")
        check(not wine.data.exists(), "selftest wrote into the user's data folder")

    pw_unix = WORK / "mật khẩu quản trị.txt"
    pw_unix.write_text("Quan-tri 2026!\n", "utf-8")
    pw = "Z:" + str(pw_unix).replace("/", "\\")
    admin_env = {"MOTCUA_ADMIN_PASSWORD_FILE": pw}
    with timed("init"):
        code, out = wine.motcua("init", "--office-code", OFFICE, "--office-name", "UBND xã Tân Phú",
                                "--admin-password-file", pw, "--json", env=admin_env)
        check(code == 0, f"init failed:\n{out}")
        check((wine.data / "motcua.sqlite3").is_file(), f"no store under %LOCALAPPDATA%: {wine.data}")

    with timed("receive"):
        code, out = wine.motcua("dossier", "receive", "--procedure", "1.001193", "--name", APPLICANT,
                                "--id-number", "001085012345", "--json", env=admin_env)
        check(code == 0, f"receive failed:\n{out}")
        dossier = str(json_out(out)["code"])  # type: ignore[index]
        code, out = wine.motcua("dossier", "show", dossier)
        check(code == 0 and APPLICANT in out, f"dossier show lost the Vietnamese name:\n{out}")

    with timed("print form 01"):
        pdf_win = f"C:\\users\\{USER}\\Documents\\Biên nhận {dossier}.pdf"
        code, out = wine.motcua("print", "receipt", dossier, "--out", pdf_win)
        pdf = wine.unix(pdf_win)
        check(code == 0 and pdf.is_file(), f"no PDF at {pdf_win}:\n{out}")
        shutil.copy2(pdf, ART / "windows-form01.pdf")
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        check(APPLICANT in text and dossier in text, f"form 01 text lacks the name or code:\n{text[:500]}")
        png = WORK / "form01"
        subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile", str(pdf), str(png)], check=True)
        bars = subprocess.run(["zbarimg", "-q", "--raw", f"{png}.png"], capture_output=True, text=True).stdout
        check(dossier in bars.split(), f"zbarimg did not read {dossier} from form 01: {bars!r}")

    with timed("Windows printer through python-escpos Win32Raw"):
        win32_printer(wine)

    with timed("backup and restore"):
        bak_win = f"C:\\users\\{USER}\\Documents\\Sao lưu\\bản sao 01.sqlite3"
        wine.unix(bak_win).parent.mkdir(parents=True, exist_ok=True)
        code, out = wine.motcua("backup", "--out", bak_win, env=admin_env)
        check(code == 0 and wine.unix(bak_win).is_file(), f"backup failed:\n{out}")
        code, out = wine.motcua("dossier", "receive", "--procedure", "1.001193", "--name", "Trần Văn Đức",
                                "--id-number", "001085099999", "--json", env=admin_env)
        check(code == 0, f"second receive failed:\n{out}")
        second = str(json_out(out)["code"])  # type: ignore[index]
        code, out = wine.motcua("restore", bak_win, env=admin_env)
        check(code == 0, f"restore failed:\n{out}")
        check(wine.motcua("dossier", "show", dossier)[0] == 0, "restored store lost the first dossier")
        check(wine.motcua("dossier", "show", second)[0] != 0, "restore kept a dossier made after the backup")
        check(any((wine.data / "backups").glob("pre-restore-*.sqlite3")), "restore kept no safety copy")
        logs = list((wine.data / "logs").glob("*")) if (wine.data / "logs").is_dir() else []
        check(logs, f"no log file under {wine.data}")

    with timed("sync with motcua-central on Linux"):
        sync_once(wine, dossier, admin_env)

    with timed("office hub on Windows, a Linux counter enrolled with it"):
        office_hub(wine, admin_env)

    with timed("demo office (province, hub, four PCs) under Wine"):
        demo_office(wine)

    if screenshot:
        with timed("window under Wine on Xvfb"):
            window(wine)

    if next_setup is not None:
        upgrade(wine, next_setup, shims, dossier, admin_env)

    with timed("silent uninstall"):
        wine.run_gui(str(wine.appdir / "uninstall.exe"), "/S", "/CurrentUser")
        wine.wait()
        time.sleep(1)
        wine.wait()
        left = [p.name for p in wine.appdir.iterdir()] if wine.appdir.exists() else []
        check(not left, f"uninstall left {left} in {wine.appdir}")
        menu = wine.home / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "MotCua"
        check(not menu.exists(), "uninstall left the Start-menu folder")
        check(not (wine.home / "Desktop" / "MotCua - Một cửa.lnk").exists(), "uninstall left the desktop icon")
        check((wine.data / "motcua.sqlite3").is_file(), "uninstall deleted the data folder")


WIN32_CHECK = r"""
import site, sys
pkgs = sys.argv[1]
sys.path.insert(0, pkgs)
site.addsitedir(pkgs)  # pywin32's .pth puts its DLLs on the path, as the launchers do
from escpos.printer import Win32Raw
from app.printing.errors import PrinterError
from app.printing.printers import PrinterConfig, send_raw
import win32print
print("usable", Win32Raw.is_usable())
print("printers", [p[2] for p in win32print.EnumPrinters(win32print.PRINTER_ENUM_LOCAL)])
try:
    send_raw(PrinterConfig("Máy in nhiệt quầy 1", "win32", "Máy in không có", paper="58"), b"\x1b@")
except PrinterError as exc:
    print("error", exc)
"""


def win32_printer(wine: Wine) -> None:
    """Raw ESC/POS to a Windows printer by name goes through python-escpos's Win32Raw and pywin32 in the installed
    runtime. Wine has no printer here (no CUPS), so the run proves the path up to the spooler: pywin32 loads,
    and a printer name Windows does not know ends in the clerk's message, not a traceback."""
    script = WORK / "win32_printer_check.py"
    script.write_text(WIN32_CHECK, "utf-8")
    _code, out = wine.run(str(wine.appdir / "Python" / "python.exe"), "Z:" + str(script).replace("/", "\\"),
                          str(wine.appdir / "pkgs").replace(str(wine.c), "C:").replace("/", "\\"))
    (ART / "windows-printer.log").write_text(out, "utf-8")
    check("usable True" in out, f"python-escpos Win32Raw is not usable in the installed runtime:\n{out}")
    check("error" in out and "kiểm tra tên máy in trong Windows" in out and "Traceback" not in out,
          f"an unknown Windows printer did not give the clerk's message:\n{out}")


@contextmanager
def central_server() -> Iterator[tuple[str, Callable[..., str]]]:
    """The province's ``motcua-central`` on Linux (this venv), on 127.0.0.1: its URL and a runner of its
    administration commands."""
    central_bin = Path(sys.executable).parent / "motcua-central"
    env = {**os.environ, "MOTCUA_CENTRAL_DB": f"sqlite:///{WORK / 'central.sqlite3'}"}

    def central(*argv: str) -> str:
        return subprocess.run([str(central_bin), *argv], env=env, capture_output=True, text=True, check=True).stdout

    port = free_port()
    with (ART / "central.log").open("ab") as logf:
        server = subprocess.Popen([str(central_bin), "serve", "--host", "127.0.0.1", "--port", str(port)],
                                  env=env, stdout=logf, stderr=subprocess.STDOUT)
    try:
        wait_port(port, 20)
        yield f"http://127.0.0.1:{port}", central
    finally:
        server.terminate()
        server.wait(20)


def wait_port(port: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def sync_once(wine: Wine, dossier: str, admin_env: dict[str, str]) -> None:
    with central_server() as (url, central):
        central("office", "add", "--code", OFFICE, "--name", "UBND xã Tân Phú")
        enrol = json.loads(central("enrollment-code", "--office", OFFICE, "--json"))["code"]
        code, out = wine.motcua("enroll", "--server", url, "--code", enrol, env=admin_env)
        check(code == 0, f"enroll failed:\n{out}")
        for _ in range(2):  # the second round must not send the dossier again
            code, out = wine.motcua("sync", "--json", env=admin_env)
            check(code == 0, f"sync failed:\n{out}")
        rows = json.loads(central("dossiers", "--office", OFFICE, "--json"))
        codes = [r.get("code") for r in rows] if isinstance(rows, list) else []
        check(codes.count(dossier) == 1, f"central has {codes.count(dossier)} copies of {dossier}: {rows}")


def office_hub(wine: Wine, admin_env: dict[str, str]) -> None:
    """The office hub on a Windows PC: ``hub init`` (its own TLS certificate) and ``hub serve`` run by the
    installed ``motcua.exe``; a counter (this venv's ``motcua`` on Linux: offices mix PCs) enrols with it by a
    hub code (certificate pinned), takes a queue ticket from the hub's queue and receives a dossier, which the
    hub forwards to the province exactly once."""
    hub_env = {**admin_env, "MOTCUA_DATA_DIR": HUB_DATA}
    counter_dir = WORK / "linux-counter"
    shutil.rmtree(counter_dir, ignore_errors=True)
    local = Path(sys.executable).parent / "motcua"
    lenv = {**os.environ, "MOTCUA_KEY_DIR": str(WORK / "linux-keys"), "MOTCUA_LANG": "en"}
    lenv.pop("MOTCUA_DATA_DIR", None)

    def counter(*argv: str) -> str:
        done = subprocess.run([str(local), "--data-dir", str(counter_dir), *argv], env=lenv, capture_output=True,
                              text=True, timeout=120, check=False)
        with (ART / "motcua-commands.log").open("a", encoding="utf-8") as f:
            f.write(f"$ (linux counter) motcua {' '.join(argv)}\n{done.stdout}{done.stderr}"
                    f"[exit {done.returncode}]\n\n")
        check(done.returncode == 0, f"linux counter: motcua {' '.join(argv[:2])} failed:\n{done.stderr}")
        return done.stdout

    with central_server() as (url, central):
        central("office", "add", "--code", HUB_OFFICE, "--name", "UBND phường Hòa Bình")
        code = json.loads(central("enrollment-code", "--office", HUB_OFFICE, "--hub", "--json"))["code"]
        port = free_port()
        rc, out = wine.motcua("hub", "init", "--office-code", HUB_OFFICE, "--upstream", url, "--code", code,
                              "--host", "127.0.0.1", "--port", str(port), "--json", env=hub_env)
        check(rc == 0, f"hub init failed:\n{out}")
        serve = wine.start(ART / "windows-hub.log", str(wine.appdir / "bin" / "motcua.exe"), "hub", "serve",
                           "--no-announce", env=hub_env)
        try:
            check(wait_port(port, 120), f"the hub never listened on {port} (exit {serve.poll()})")
            rc, out = wine.motcua("hub", "enrollment-code", "--json", env=hub_env)
            check(rc == 0, f"hub enrollment-code failed:\n{out}")
            device_code = str(json_out(out)["code"])  # type: ignore[index]
            pw = WORK / "linux-admin.txt"
            pw.write_text("Quan-tri 2026!\n", "utf-8")
            counter("init", "--office-code", HUB_OFFICE, "--office-name", "UBND phường Hòa Bình",
                    "--admin-password-file", str(pw))
            counter("enroll", "--server", f"https://127.0.0.1:{port}", "--code", device_code, "--name", "quay-1",
                    "--admin-password-file", str(pw))
            ticket = json.loads(counter("ticket", "issue", "--service", "A", "--json"))
            number = str(ticket.get("number", ""))
            check(number and not number[0].isdigit(), f"the ticket was not the hub's (own numbers start with a "
                                                      f"digit): {ticket}")
            made = json.loads(counter("dossier", "receive", "--procedure", "1.001193", "--name", APPLICANT,
                                      "--id-number", "001085012345", "--json"))
            dossier = str(made["code"])
            counter("sync", "--json")
            codes: list[object] = []
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:  # the hub forwards on its own schedule
                rows = json.loads(central("dossiers", "--office", HUB_OFFICE, "--json"))
                codes = [r.get("code") for r in rows] if isinstance(rows, list) else []
                if dossier in codes:
                    break
                time.sleep(2)
            check(codes.count(dossier) == 1, f"the province has {codes.count(dossier)} copies of {dossier} "
                                             f"through the Windows hub")
            rc, out = wine.motcua("hub", "status", "--json", env=hub_env)
            check(rc == 0 and "quay-1" in out, f"hub status does not list the counter:\n{out}")
        finally:
            wine.kill_all()
            serve.wait(30)


def demo_office(wine: Wine) -> None:
    """``motcua.exe --demo-office --no-windows`` on Windows, as the Start-menu shortcut starts it (no folder given:
    ``demo-office`` in the user's data folder, under a Vietnamese user name): the caretaker builds the office with
    the real commands (a province and a hub as child processes of the installed Python, four PCs enrolled), says
    READY, and the province holds the dossiers both counters received, each once."""
    proc = subprocess.Popen(["wine", str(wine.appdir / "bin" / "motcua.exe"), "--demo-office", "--no-windows",
                             "--lang", "en"], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=wine.env,
                            bufsize=0)  # unbuffered: select() must see every line a buffered read would hide
    assert proc.stdout is not None
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 420
        while time.monotonic() < deadline and not (lines and "] READY" in lines[-1]):
            if not select.select([proc.stdout], [], [], 1.0)[0]:
                continue  # a hung build must not block the smoke past its deadline
            raw = proc.stdout.readline()
            if not raw:
                break
            lines.append(f"[{time.strftime('%H:%M:%S')}] " + raw.decode("utf-8", "replace").rstrip())
        (ART / "windows-demo-office.log").write_text("\n".join(lines) + "\n", "utf-8")
        check(lines and "] READY" in lines[-1], f"the demo office never became ready: {lines[-5:]}")
        db = "sqlite:///" + str(wine.data / "demo-office" / "province.sqlite3")
        central_bin = Path(sys.executable).parent / "motcua-central"
        done = subprocess.run([str(central_bin), "dossiers", "--office", DEMO_OFFICE, "--json", "--database-url", db],
                              capture_output=True, text=True, check=False)
        check(done.returncode == 0, f"cannot read the demo province: {done.stderr}")
        codes = [r.get("code") for r in json.loads(done.stdout)]
        check(len(codes) >= 20 and len(set(codes)) == len(codes),
              f"the demo province holds {len(codes)} dossiers ({len(set(codes))} distinct)")
    finally:
        wine.kill_all()
        proc.wait(30)


DEMO_PASSWORD = "motcua-demo"  # app/services/demo.py; the login page shows it for the demo office


def window(wine: Wine) -> None:
    """The installed app's own window (windows platform plugin) on Xvfb, logged in to the demo office.

    Started through ``motcua-app.exe``, the shortcuts' target. The password is typed with one ``xdotool key`` per
    character under openbox (STYLE.md: ``xdotool type`` garbles text on a bare Xvfb). Judged by the pictures: the
    app's own grab, the screen before and after the login, most of it changed by the login (a refused password
    changes only a line of text).
    """
    display = f":{70 + os.getpid() % 20}"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    xenv = {**os.environ, "DISPLAY": display}
    grab_unix = WORK / "window-grab.png"
    proc = wm = None
    try:
        time.sleep(1)
        wm = subprocess.Popen(["openbox"], env=xenv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        env = {**wine.env, "DISPLAY": display, "MOTCUA_UI_SMOKE": "Z:" + str(grab_unix).replace("/", "\\")}
        # motcua-app.exe is what the shortcuts start (no console: the app's own picture says it is up).
        proc = subprocess.Popen(["wine", str(wine.appdir / "bin" / "motcua-app.exe"), "--demo"],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=env)
        deadline = time.monotonic() + 240
        while not grab_unix.is_file() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.5)
        check(grab_unix.is_file(), f"the window never came up (launcher exit {proc.poll()})")
        time.sleep(1)
        shutil.copy2(grab_unix, ART / "windows-window-grab.png")
        time.sleep(3)
        before, after = ART / "windows-login.png", ART / "windows-window.png"
        shoot(display, before)
        for ch in DEMO_PASSWORD:
            subprocess.run(["xdotool", "key", "minus" if ch == "-" else ch], env=xenv, check=True)
        subprocess.run(["xdotool", "key", "Return"], env=xenv, check=True)
        # The password check is a slow KDF in a worker: look again every 2 s. The dossier list replaces the grey
        # page with the login card (measured: ~70% of the screen changes).
        changed = 0.0
        for _ in range(60):
            time.sleep(2)
            shoot(display, after)
            diff = subprocess.run(["compare", "-metric", "AE", "-fuzz", "1%", str(before), str(after), "null:"],
                                  capture_output=True, text=True, check=False).stderr.strip()
            changed = float(diff.split()[0]) if diff else 0.0
            if changed > 0.3 * 1366 * 768:
                break
        check(changed > 0.3 * 1366 * 768, f"the demo login did not open the window ({changed:.0f} pixels changed)")
    finally:
        if wm is not None:
            wm.terminate()
        wine.kill_all()
        if proc is not None:
            proc.wait(30)
        xvfb.terminate()
        xvfb.wait(10)


def shoot(display: str, out: Path) -> None:
    subprocess.run(["import", "-display", display, "-window", "root", str(out)], check=True, timeout=60)
    check(out.is_file(), f"no screenshot {out.name}")


def upgrade(wine: Wine, next_setup: Path, shims: Path, dossier: str, admin_env: dict[str, str]) -> None:
    next_version = next_setup.name.removeprefix("MotCua-Setup-").removesuffix(".exe")
    old_version = installed_version(wine)

    with timed("install over a running MotCua"):
        port = free_port()
        proc = subprocess.Popen(
            ["wine", str(wine.appdir / "bin" / "motcua-central.exe"), "serve", "--host", "127.0.0.1", "--port",
             str(port), "--database-url", "sqlite:///C:/central-wine.sqlite3"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=wine.env)
        try:
            up = False
            for _ in range(600):
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                        up = True
                        break
                except OSError:
                    time.sleep(0.2)
            check(up, "the installed motcua-central.exe did not start under Wine")
            code = wine.run_gui(str(next_setup), "/S", "/CurrentUser")
            check(code == 5, f"installer over a running MotCua returned {code}, expected 5 (refused)")
            check(installed_version(wine) == old_version, "installer replaced files of a running MotCua")
            check(not (wine.appdir / "_new").exists(), "installer left a half-unpacked copy")
        finally:
            wine.kill_all()
            proc.wait(30)

    with timed("upgrade onto a full disk"):
        full_disk_upgrade(wine, next_setup, old_version)

    old_unix = wine.unix(OLD_DATA)
    old_unix.mkdir(parents=True)
    shutil.copy2(REPO / "tests" / "upgrade" / "fixtures" / "store-v2.sqlite3", old_unix / "motcua.sqlite3")
    old_env = {**admin_env, "MOTCUA_DATA_DIR": OLD_DATA}

    with timed("upgrade install"):
        install(wine, next_setup)
        check_installed(wine, next_version)
        add_wine_shims(wine, shims)
        code, out = wine.motcua("--version")
        check(out.strip().splitlines()[-1] == f"motcua {next_version}", f"after upgrade --version printed {out!r}")
        code, out = wine.motcua("dossier", "show", dossier)
        check(code == 0 and APPLICANT in out, f"the upgrade lost the data:\n{out}")

    with timed("upgrade with a read-only data folder"):
        before = (old_unix / "motcua.sqlite3").read_bytes()
        # A read-only bind mount: read-only even for root (the CI user), unlike a file attribute.
        ro = subprocess.run(["mount", "--bind", "-o", "ro", str(old_unix), str(old_unix)], capture_output=True,
                            check=False).returncode == 0
        if not ro:
            log("read-only data folder: SKIPPED (cannot mount here)")
        else:
            try:
                code, out = wine.motcua("dossier", "list", env=old_env)
            finally:
                wine.kill_all()
                subprocess.run(["umount", str(old_unix)], check=False)
            check(code != 0 and "Traceback" not in out and out.strip(), f"read-only data: no clear message:\n{out}")
            check((old_unix / "motcua.sqlite3").read_bytes() == before, "a refused migration changed the store")
            (ART / "windows-readonly-data.log").write_text(out, "utf-8")

    with timed("migration of an older store"):
        code, out = wine.motcua("dossier", "list", env=old_env)
        check(code == 0, f"the upgraded app could not open an older store:\n{out}")
        backups = list((old_unix / "backups").glob("pre-migration-v2-to-*.sqlite3"))
        check(backups, "no pre-migration backup")
        # The upgraded app encrypts an older plain store in place (issue 16) after migrating it: the live file no
        # longer reads as plain SQLite, the pre-migration backup says v2 (it is encrypted too when the key store
        # holds the key, so only its name is checked then), and the dossiers are all there (listed above).
        header = (old_unix / "motcua.sqlite3").read_bytes()[:16]
        check(header != b"SQLite format 3\x00", "the older store was not encrypted in place")
        check(all("-v2-to-" in b.name for b in backups), f"pre-migration backups: {[b.name for b in backups]}")
        code, listed = wine.motcua("dossier", "list", "--date", "2026-11-16", "--json", env=old_env)
        check(code == 0 and len(json.loads(listed)) >= 1, f"the migrated store lost its dossiers:\n{listed}")


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def full_disk_upgrade(wine: Wine, next_setup: Path, old_version: str) -> None:
    """The program folder on a tmpfs that holds the installed version plus 20 MB: the new version cannot be
    unpacked next to it. Expected: exit code 2 or 3 (NSIS abort / our check), no ``_new`` left, the old version
    still runs. Needs permission to mount (root in the CI container); elsewhere the step says it was skipped."""
    real = wine.appdir.with_name("MotCua.real")
    wine.appdir.rename(real)
    wine.appdir.mkdir()
    size = tree_bytes(real) + 20 * 1024 * 1024
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(wine.appdir)],
                             capture_output=True, check=False).returncode == 0
    try:
        if not mounted:
            log("full disk: SKIPPED (cannot mount a tmpfs here)")
            return
        subprocess.run(["cp", "-a", f"{real}/.", str(wine.appdir)], check=True)
        code = wine.run_gui(str(next_setup), "/S", "/CurrentUser")
        wine.wait()
        check(code in (2, 3), f"installer on a full disk returned {code}, expected 2 or 3 (could not write)")
        check(installed_version(wine) == old_version, "a failed upgrade changed the installed version")
        check(not (wine.appdir / "_new").exists() and not (wine.appdir / "_old").exists(), "half-unpacked copy left")
        code, out = wine.motcua("--version")
        check(out.strip().splitlines()[-1] == f"motcua {old_version}", f"old version broken after a full disk: {out}")
    finally:
        wine.kill_all()
        if mounted:
            subprocess.run(["umount", str(wine.appdir)], check=False)
        wine.appdir.rmdir()
        real.rename(wine.appdir)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("setup", type=Path)
    parser.add_argument("--next", type=Path, dest="next_setup")
    parser.add_argument("--shims", type=Path, required=True)
    parser.add_argument("--no-window", action="store_true")
    args = parser.parse_args()
    start = time.monotonic()
    try:
        smoke(args.setup.resolve(), args.next_setup.resolve() if args.next_setup else None, args.shims,
              not args.no_window)
    except SmokeError as exc:
        log(f"FAILED: {exc}")
        return 1
    finally:
        subprocess.run(["wineserver", "-k"], env={**os.environ, "WINEPREFIX": str(WORK / USER / "pfx")},
                       check=False, capture_output=True)
        timings["total"] = round(time.monotonic() - start, 1)
        (ART / "windows-smoke-timings.json").write_text(json.dumps(timings, indent=1), "utf-8")
        log(f"timings: {timings}")
    log("all steps passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
