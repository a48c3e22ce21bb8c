"""Desktop-app benchmarks on a 1,000,000-dossier store (run by hand; figures go into the issue note).

1. start to usable main window: process start -> the window is shown and the event loop runs (the sign-in
   screen takes keys), for ``motcua`` and for a bare PySide6 window on the same screen; and the ratio;
2. sign-in -> the dossier list filled (in process);
3. search as you type: each keystroke's query + the rows on screen fetched, p50/p95 (target p95 <= 100 ms);
4. memory: RSS of the running app after the list and the searches (target <= 250 MB).

The store is generated once with executemany (about a minute) and cached under /tmp. Dossiers spread over
~5.5 years ending today (about 500 a day), most returned, the recent ones still open, so "today", "due today"
and "overdue" look like a real office's.

Usage: .venv/bin/python bench/bench_ui.py [--dossiers 1000000] [--dir /tmp/motcua-bench-ui-1m] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.domain.text import fold
from app.domain.timezone import VN_TZ, now_vn
from app.services.demo import FAMILY, GIVEN, MIDDLE_FEMALE, MIDDLE_MALE

MIDDLE = MIDDLE_MALE + MIDDLE_FEMALE
PASSWORD = "benchmark-pw"
QUERIES = [
    "nguyen van manh",
    "dang thi",
    "0012",
    "09123",
    "hoang minh tuan",
    "000.00.12.H62-2611",
    "khai sinh",
    "tran thu ha",
    "le",
    "bui quang son",
]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def rss_mb(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# -- the store ---------------------------------------------------------------------------------------------
def build(folder: Path, n: int) -> None:
    """Create (once) an office with ``n`` dossiers; the last ~500 a day are spread up to now."""
    from app.services.context import ServiceContext
    from app.services.setup import init_office, open_store
    from app.store import catalog

    store = open_store(folder)
    if store.scalar("SELECT COUNT(*) FROM dossiers") >= n:
        store.close()
        return
    ctx = ServiceContext(store=store, data_dir=folder)
    init_office(
        ctx,
        office_code="000.00.12.H62",
        office_name="Trung tâm Phục vụ hành chính công xã Mẫu Sơn",
        admin_password=PASSWORD,
    )
    procedures = [(r["code"], r["name_vi"]) for r in catalog.list_rows(store)]
    rng = random.Random(11)
    per_day = 500
    now = now_vn()
    first_day = now.date() - timedelta(days=(n - 1) // per_day)  # the last ~500 are today's
    started = time.perf_counter()
    batch = 25_000
    for base in range(0, n, batch):
        rows, search = [], []
        for i in range(base, min(n, base + batch)):
            day = first_day + timedelta(days=i // per_day)
            at = datetime(day.year, day.month, day.day, 7, 30, tzinfo=VN_TZ) + timedelta(seconds=(i % per_day) * 50)
            age = (now - at).days
            status = 10 if age > 20 else rng.choice((2, 4, 4, 4, 5, 9, 9, 10))
            due = at + timedelta(days=rng.choice((0, 3, 5, 7)))
            code = f"000.00.12.H62-{day:%y%m%d}-{i % per_day + 1:04d}"
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            idn = f"0{rng.randint(1, 96):02d}{rng.randint(0, 3)}{rng.randint(50, 99):02d}{i % 1_000_000:06d}"
            phone = f"09{rng.randint(10_000_000, 99_999_999)}"
            proc_code, proc_name = procedures[i % len(procedures)]
            stamp = at.isoformat(timespec="seconds")
            finished = (at + timedelta(days=2)).isoformat(timespec="seconds") if status in (9, 10) else None
            rows.append(
                (
                    i + 1,
                    f"bench-{i}",
                    code,
                    proc_code,
                    proc_name,
                    name,
                    idn,
                    phone,
                    status,
                    stamp,
                    day.isoformat(),
                    due.isoformat(timespec="seconds"),
                    finished,
                    stamp,
                )
            )
            search.append((i + 1, fold(code), fold(name), idn, phone, fold(f"{proc_code} {proc_name}")))
        with store.transaction():
            store.conn.executemany(
                "INSERT INTO dossiers (seq, id, code, office_code, procedure_code, procedure_name, applicant_name,"
                " id_number, phone, channel, status, received_at, received_day, due_at, finished_at, updated_at)"
                " VALUES (?, ?, ?, '000.00.12.H62', ?, ?, ?, ?, ?, 'counter', ?, ?, ?, ?, ?, ?)",
                rows,
            )
            store.conn.executemany(
                "INSERT INTO dossier_search (rowid, code, applicant, id_number, phone, procedure)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                search,
            )
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    print(f"built {n:,} dossiers in {time.perf_counter() - started:.0f} s ({folder})")


# -- 1. start-up: real processes ------------------------------------------------------------------------
BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv)
w = QMainWindow(); w.setCentralWidget(QLabel("bare")); w.resize(1280, 760); w.show()
QTimer.singleShot(0, lambda: (print("MOTCUA_UI_READY", flush=True), QTimer.singleShot(300, app.quit)))
app.exec()
"""


def start_display() -> tuple[subprocess.Popen[bytes] | None, dict[str, str]]:
    """A virtual X screen when Xvfb is there (what a clerk's PC does), else the offscreen platform."""
    if shutil.which("Xvfb") is None:
        return None, {"QT_QPA_PLATFORM": "offscreen"}
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    return server, {"QT_QPA_PLATFORM": "xcb", "DISPLAY": f":{number}"}


def time_to_ready(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from process start to READY on stdout, and the process's RSS (MB) right then."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if "MOTCUA_UI_READY" in line:
            elapsed = time.perf_counter() - started
            memory = rss_mb(proc.pid)
            break
    else:
        raise RuntimeError(f"{command[0]} never became ready")
    proc.wait(30)
    return elapsed, memory


def bench_startup(folder: Path, runs: int) -> None:
    server, display = start_display()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            env = {
                **os.environ,
                **display,
                "MOTCUA_UI_SMOKE": str(Path(tmp) / "w.png"),
                "MOTCUA_UI_QUIT_AFTER_MS": "300",
            }
            motcua = [str(Path(sys.executable).with_name("motcua")), "--data-dir", str(folder)]
            bare = [sys.executable, "-c", BARE]
            time_to_ready(motcua, env)  # warm the OS file cache once, as a PC that ran the app before
            app = [time_to_ready(motcua, env) for _ in range(runs)]
            plain = [time_to_ready(bare, env) for _ in range(runs)]
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)
    app_s, plain_s = statistics.median(a for a, _ in app), statistics.median(p for p, _ in plain)
    print(
        f"start to usable window ({display['QT_QPA_PLATFORM']}, median of {runs}): motcua {app_s * 1000:.0f} ms,"
        f" bare PySide6 {plain_s * 1000:.0f} ms, ratio {app_s / plain_s:.2f}"
        f" (RSS at that moment: motcua {statistics.median(m for _, m in app):.0f} MB,"
        f" bare {statistics.median(m for _, m in plain):.0f} MB)"
    )


# -- 2-4. in process: sign-in to list, search as you type, memory ----------------------------------------
def bench_in_process(folder: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from app.services.accounts import authenticate
    from app.services.setup import open_store
    from app.ui.dossiers.filters import QuickFilter
    from app.ui.fonts import register_fonts
    from app.ui.main_window import MainWindow
    from app.ui.session import AppSession

    app = QApplication.instance() or QApplication([])
    family = register_fonts()
    session = AppSession(folder, open_store(folder))
    window = MainWindow(session, family)
    window.resize(1280, 760)
    window.show()
    app.processEvents()
    page, model = window.list_page, window.list_page.model

    def paint_rows() -> None:  # what a repaint asks of the model: the rows on screen
        for row in range(min(30, model.rowCount())):
            for column in range(model.columnCount()):
                model.index(row, column).data()

    started = time.perf_counter()
    window._on_unlocked(authenticate(session.store, "admin", PASSWORD))
    paint_rows()
    app.processEvents()
    print(
        f"sign-in -> list filled ({page.quick_filter().value}, {model.rowCount():,} rows):"
        f" {(time.perf_counter() - started) * 1000:.0f} ms (password check included)"
    )
    for quick in QuickFilter:
        started = time.perf_counter()
        page.set_quick_filter(quick)
        paint_rows()
        more = "+" if model.has_more else " "
        elapsed = (time.perf_counter() - started) * 1000
        print(f"filter {quick.value:10} {model.rowCount():>6,}{more} rows: {elapsed:6.0f} ms")
    started = time.perf_counter()
    model.fetchMore()
    print(f"scrolled to the end once: {model.rowCount():,} rows, {(time.perf_counter() - started) * 1000:.0f} ms")
    for status in (2, 10):
        started = time.perf_counter()
        page.status_box.setCurrentIndex(page.status_box.findData(status))
        paint_rows()
        elapsed = (time.perf_counter() - started) * 1000
        print(f"status {status:<3} + all  {model.rowCount():>6,} rows: {elapsed:6.0f} ms")
    page.status_box.setCurrentIndex(0)
    page.set_quick_filter(QuickFilter.ALL)
    times: list[float] = []
    for query in QUERIES:
        page.search.clear()
        for end in range(1, len(query) + 1):
            page.search.setText(query[:end])  # what a keystroke does; the 40 ms debounce is left out
            started = time.perf_counter()
            page.refresh(typing=True)
            paint_rows()
            times.append((time.perf_counter() - started) * 1000)
    print(
        f"search as you type ({len(times)} keystrokes over 1M, filter 'all'): p50 {statistics.median(times):.1f} ms,"
        f" p95 {pct(times, 0.95):.1f} ms, max {max(times):.1f} ms"
    )
    print(f"RSS after list, filters and searches: {rss_mb():.0f} MB")
    window.intake_page.clear_form()
    window.close()
    session.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/motcua-bench-ui-1m"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    build(args.dir, args.dossiers)
    bench_startup(args.dir, args.runs)
    bench_in_process(args.dir)


if __name__ == "__main__":
    main()
