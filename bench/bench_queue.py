"""Queue benchmarks (run by hand; the figures go into the issue note, not into assertions).

1. Issue + print a ticket, click to printer bytes (target <= 300 ms): the kiosk's button is clicked (Qt,
   offscreen), the ticket is issued on the worker, laid out, rasterised to ESC/POS and sent over TCP to a
   stand-in thermal printer on 127.0.0.1:<port>; the clock stops when the printer has the last byte.
   The same path without Qt (service calls only) is timed too.
2. Call next with 500 people waiting (target <= 20 ms), on a store that also holds a long history
   (``--history-days`` days of 300 tickets), with the store's real durability (``synchronous=FULL``).

Usage: .venv/bin/python bench/bench_queue.py [--rounds 30] [--history-days 60]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.services.clock import FixedClock
from app.services.context import Actor, ServiceContext
from app.services.queue import issue_ticket
from app.services.queue_calls import call_next
from app.services.setup import init_office, open_store
from app.store import settings

START = datetime.fromisoformat("2026-11-16T07:30:00+07:00")


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def report(label: str, times: list[float], target: float) -> None:
    median = statistics.median(times)
    verdict = "ok" if median <= target else "OVER TARGET"
    print(
        f"{label:44s} median {median:7.1f} ms  p95 {pct(times, 0.95):7.1f} ms  max {max(times):7.1f} ms"
        f"  target <= {target:.0f} ms  {verdict}"
    )


class FakePrinter:
    """A TCP 9100 printer that records when the last byte of each ticket arrived."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.done: list[tuple[float, int]] = []  # (perf_counter at connection close, bytes)
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            conn, _ = self.server.accept()
            size = 0
            with conn:
                while chunk := conn.recv(65536):
                    size += len(chunk)
            self.done.append((time.perf_counter(), size))


def office(folder: Path, printer: FakePrinter | None) -> ServiceContext:
    store = open_store(folder)
    ctx = ServiceContext(store=store, data_dir=folder, clock=FixedClock(START), actor=Actor("bench", "", "clerk"))
    init_office(ctx, office_code="000.00.12.H62", office_name="UBND xã Hòa An", admin_password="benchmark-pw")
    if printer is not None:
        with store.transaction():
            settings.set_many(
                store,
                {
                    "printers": {
                        "printers": [
                            {
                                "name": "Máy in số",
                                "backend": "network",
                                "address": f"127.0.0.1:{printer.port}",
                                "paper": "58",
                            }
                        ],
                        "routes": {"ticket": "Máy in số"},
                    }
                },
            )
    return ctx


def bench_issue_print_services(rounds: int) -> None:
    from app.printing.service import PrintService
    from app.services import print_data

    printer = FakePrinter()
    with tempfile.TemporaryDirectory() as tmp:
        ctx = office(Path(tmp), printer)
        times = []
        for n in range(rounds + 1):
            start = time.perf_counter()
            result = issue_ticket(ctx, "ABCDEF"[n % 6], "elderly" if n % 5 == 0 else "", "kiosk")
            data = print_data.ticket(ctx, result.ticket.number)
            PrintService(print_data.print_settings(ctx)).print_ticket(data)
            while len(printer.done) <= n:
                time.sleep(0.0005)
            times.append((printer.done[n][0] - start) * 1000)
        ctx.store.close()
    print(f"{'  (first ticket, cold: fonts and imports)':44s} {times[0]:7.1f} ms; ticket {printer.done[-1][1]} bytes")
    report("issue + print, services -> printer bytes", times[1:], 300)


def bench_issue_print_kiosk(rounds: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.ui.fonts import apply_scale, register_fonts
    from app.ui.queue.kiosk import KioskWindow
    from app.ui.session import AppSession

    app = QApplication.instance() or QApplication([])
    apply_scale(app, register_fonts(), 1.0)  # type: ignore[arg-type]
    printer = FakePrinter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        office(folder, printer).store.close()
        session = AppSession(folder, open_store(folder), clock=FixedClock(START))
        kiosk = KioskWindow(session)
        kiosk.resize(1280, 800)
        kiosk.show()
        times = []
        for n in range(rounds + 1):
            button = kiosk.service_button("ABCDEF"[n % 6])
            start = time.perf_counter()
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            while len(printer.done) <= n:
                app.processEvents()
                time.sleep(0.0005)
            times.append((printer.done[n][0] - start) * 1000)
            kiosk.overlay.hide()
            while session.tasks.busy:
                app.processEvents()
        kiosk.close()
        session.close()
    report("kiosk click -> printer bytes (Qt, worker)", times[1:], 300)


def bench_call_next(rounds: int, history_days: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ctx = office(Path(tmp), None)
        store, clock = ctx.store, ctx.clock
        assert isinstance(clock, FixedClock)
        store.execute("PRAGMA synchronous=OFF")  # building the history fast; measured with FULL below
        for day in range(history_days, 0, -1):
            clock.current = START - timedelta(days=day)
            for n in range(300):
                issue_ticket(ctx, "ABCDEF"[n % 6])
            for _ in range(250):
                call_next(ctx, 1)
        clock.current = START
        for n in range(500 + rounds):
            issue_ticket(ctx, "ABCDEF"[n % 6], "merit" if n % 9 == 0 else "")
            clock.advance(seconds=7)
        store.execute("PRAGMA synchronous=FULL")
        waiting = store.scalar(
            "SELECT COUNT(*) FROM queue_tickets WHERE state = 'waiting' AND day = ?", (START.date().isoformat(),)
        )
        total = store.scalar("SELECT COUNT(*) FROM queue_tickets")
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            call_next(ctx, 1)
            times.append((time.perf_counter() - start) * 1000)
        store.close()
    print(f"  ({waiting} waiting at the first call, {total} tickets in the store)")
    report("call next, 500 waiting (synchronous=FULL)", times, 20)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--history-days", type=int, default=60)
    args = parser.parse_args()
    bench_issue_print_services(args.rounds)
    bench_issue_print_kiosk(args.rounds)
    bench_call_next(args.rounds, args.history_days)
    return 0


if __name__ == "__main__":
    sys.exit(main())
