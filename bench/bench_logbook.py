"""The month's log book (form 07) PDF for 20,000 rows (item 9 of issue 18; run by hand).

Prints the render time (wall and the process's CPU time, which moves less with the shared machine's load) and
its ratio to a bare reportlab page loop measured in the same run: the same number
of pages, each drawing the same cell text with ``drawString`` at fixed places (no wrapping, no grid, no
tables), i.e. the floor for putting that much text into a PDF. Goal: <= 3 s for 20,000 rows.
``--repo /work/main`` measures another checkout's code (before/after).

Usage: .venv/bin/python bench/bench_logbook.py [--rows 20000] [--repo PATH] [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference import use_repo

NAMES = ["Nguyễn Văn Mạnh", "Trần Thị Lan", "Lê Đức Anh", "Phạm Ngọc Hà", "Đặng Văn Dũng", "Hoàng Thị Thu"]
PROCS = ["Đăng ký khai sinh", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền cấp",
         "Đăng ký kết hôn", "Cấp bản sao trích lục hộ tịch", "Chứng thực chữ ký trong các giấy tờ, văn bản"]


def rows(n: int) -> list[list[object]]:
    rng = random.Random(3)
    start = datetime.fromisoformat("2026-11-02T07:30:00+07:00")
    out: list[list[object]] = []
    for i in range(n):
        at = start + timedelta(minutes=2 * i)
        out.append([i + 1, f"000.00.12.H62-2611{2 + i // 1000:02d}-{i % 1000 + 1:04d}", rng.choice(PROCS),
                    rng.choice(NAMES), f"Số {i % 90 + 1} đường Trường Chinh, thôn Phước Lý – 09{i:08d}", at,
                    at + timedelta(days=5), at + timedelta(days=1), at + timedelta(days=4),
                    at + timedelta(days=5) if i % 3 else None, "Trước hạn", "", "Đã trả kết quả"])
    return out


def bare_loop(pages: int, lines: list[str]) -> tuple[float, float]:
    """(wall s, CPU s) to draw ``lines`` with drawString on ``pages`` landscape pages (the reference)."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    from app.printing.fonts import REGULAR, register_fonts

    register_fonts()
    t0, c0 = time.perf_counter(), time.process_time()
    canvas = Canvas(io.BytesIO(), pagesize=landscape(A4))
    per_page = max(1, len(lines) // pages)
    for p in range(pages):
        canvas.setFont(REGULAR, 7)
        for k, line in enumerate(lines[p * per_page : (p + 1) * per_page]):
            canvas.drawString(30 + (k % 13) * 60, 560 - (k // 13) * 8.4 % 520, line)
        canvas.showPage()
    canvas.save()
    return time.perf_counter() - t0, time.process_time() - c0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--repo", type=Path)
    ap.add_argument("--runs", type=int, default=1, help="repeat; print each run and the medians")
    args = ap.parse_args()
    use_repo(args.repo)
    from app.printing.form07 import LogBook, render_log_book
    from app.printing.model import Agency
    from app.reports.columns import PAPER_COLUMNS

    data = rows(args.rows)
    book = LogBook(Agency("Trung tâm Phục vụ hành chính công xã Hòa An", parent="UBND xã Hòa An"),
                   datetime.fromisoformat("2026-11-30T17:00:00+07:00"), "Tháng 11/2026",
                   tuple(c.header for c in PAPER_COLUMNS), tuple(c.width for c in PAPER_COLUMNS), data)
    runs: list[tuple[float, float, float, float]] = []
    for _ in range(args.runs):  # the book and the bare loop take turns, so both see the same load
        t0, c0 = time.perf_counter(), time.process_time()
        pdf = render_log_book(book)
        took, cpu = time.perf_counter() - t0, time.process_time() - c0
        pages = max(pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page "), 1)
        lines = [str(v) for row in data for v in row if v is not None]
        ref, ref_cpu = bare_loop(pages, lines)
        runs.append((took, cpu, ref, ref_cpu))
        print(f"log book {args.rows} rows ({args.repo or 'this checkout'}): {took:.2f} s ({cpu:.2f} s CPU), {pages}"
              f" pages, {len(pdf) / 1e6:.1f} MB; bare page loop {ref:.2f} s ({ref_cpu:.2f} s CPU); ratio"
              f" {took / ref:.2f}x wall, {cpu / ref_cpu:.2f}x CPU (goal <= 3 s)", flush=True)
    if args.runs > 1:
        took, cpu, ref, ref_cpu = (median(run[k] for run in runs) for k in range(4))
        ratio, ratio_cpu = median(r[0] / r[2] for r in runs), median(r[1] / r[3] for r in runs)
        print(f"median of {args.runs}: {took:.2f} s ({cpu:.2f} s CPU); bare page loop {ref:.2f} s ({ref_cpu:.2f} s"
              f" CPU); ratio {ratio:.2f}x wall, {ratio_cpu:.2f}x CPU; load average {os.getloadavg()[0]:.1f}")

if __name__ == "__main__":
    main()
