"""Foundation benchmarks (run by hand; figures go into the issue note, not into assertions).

1. receive 10,000 dossiers through the real service: median / p95 ms per dossier (target <= 5 ms at store level);
2. search p50/p95 over a 1,000,000-dossier store (target p95 <= 50 ms);
3. ``motcua --version`` wall time (target <= 300 ms).

Usage: .venv/bin/python bench/bench_store.py [--dossiers 10000] [--big 1000000] [--big-dir /tmp/motcua-1m]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.domain.text import fold
from app.services.context import ServiceContext
from app.services.receive import ReceiveInput, receive_dossier
from app.services.setup import init_office, open_store

NAMES = [
    "Nguyễn Văn Mạnh",
    "Trần Thị Lan",
    "Lê Đức Anh",
    "Phạm Ngọc Hà",
    "Đặng Văn Dũng",
    "Hoàng Thị Thu",
    "Vũ Minh Tuấn",
    "Bùi Thị Yến",
    "Đỗ Quang Sơn",
    "Hồ Thanh Tâm",
]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def bench_receive(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = open_store(folder)
        ctx = ServiceContext(store=store, data_dir=folder)
        init_office(ctx, office_code="000.00.12.H62", office_name="Bench", admin_password="benchmark-pw")
        # Spread over days: at most 999 numbers per slot and day.
        from datetime import timedelta

        start = ctx.clock.now() - timedelta(days=n // 900 + 2)
        times = []
        for i in range(n):
            at = start + timedelta(days=i // 900, seconds=i % 900)
            inp = ReceiveInput("1.004873", NAMES[i % len(NAMES)], "001085012345", received_at=at)
            t0 = time.perf_counter()
            receive_dossier(ctx, inp)
            times.append((time.perf_counter() - t0) * 1000)
        store.close()
    print(f"receive x{n}: median {statistics.median(times):.2f} ms, p95 {pct(times, 0.95):.2f} ms per dossier")


def build_big(folder: Path, n: int) -> None:
    store = open_store(folder)
    if store.scalar("SELECT COUNT(*) FROM dossiers") >= n:
        store.close()
        return
    ctx = ServiceContext(store=store, data_dir=folder)
    init_office(ctx, office_code="000.00.12.H62", office_name="Bench", admin_password="benchmark-pw")
    rng = random.Random(7)
    batch = 20000
    from datetime import date, timedelta

    base_day = date(2020, 1, 1)
    t0 = time.perf_counter()
    for base in range(0, n, batch):
        rows, fts = [], []
        for i in range(base, min(n, base + batch)):
            day = (base_day + timedelta(days=i // 999)).strftime("%y%m%d")
            code = f"000.00.12.H62-{day}-{i % 999 + 1:04d}"
            name = f"{rng.choice(NAMES)} {i}"
            idn = f"001085{i:06d}"
            rows.append((i + 1, f"id-{i}", code, name, idn, f"09{i:08d}"))
            fts.append((i + 1, fold(code), fold(name), idn, f"09{i:08d}", "1.004873 cap giay xac nhan"))
        with store.transaction():
            store.conn.executemany(
                "INSERT INTO dossiers (seq, id, code, office_code, procedure_code, procedure_name, applicant_name,"
                " id_number, phone, channel, status, received_at, received_day, updated_at) VALUES"
                " (?, ?, ?, '000.00.12.H62', '1.004873', 'Cấp giấy xác nhận', ?, ?, ?, 'counter', 2,"
                " '2020-01-01T08:00:00+07:00', '2020-01-01', '2020-01-01T08:00:00+07:00')",
                rows,
            )
            store.conn.executemany(
                "INSERT INTO dossier_search (rowid, code, applicant, id_number, phone, procedure)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                fts,
            )
    store.close()
    print(f"built {n} dossiers in {time.perf_counter() - t0:.0f} s")


def bench_search(folder: Path) -> None:
    from app.services.queries import search_rows

    store = open_store(folder)
    queries = [
        "nguyen van manh",
        "dang",
        "tran thi",
        "001085000123",
        "0900001234",
        "le duc anh 5",
        "H62-2001",
        "ngu",
        "hoang thi thu 99",
        "vu minh",
    ]
    times = []
    for _ in range(20):
        for q in queries:
            t0 = time.perf_counter()
            search_rows(store, q, limit=50)
            times.append((time.perf_counter() - t0) * 1000)
    store.close()
    print(f"search over {folder}: p50 {statistics.median(times):.1f} ms, p95 {pct(times, 0.95):.1f} ms")


def bench_version() -> None:
    times = []
    exe = Path(sys.executable).with_name("motcua")
    for _ in range(10):
        t0 = time.perf_counter()
        subprocess.run([str(exe), "--version"], check=True, capture_output=True)
        times.append((time.perf_counter() - t0) * 1000)
    print(f"motcua --version: median {statistics.median(times):.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossiers", type=int, default=10000)
    ap.add_argument("--big", type=int, default=1_000_000)
    ap.add_argument("--big-dir", type=Path, default=Path("/tmp/motcua-bench-1m"))
    args = ap.parse_args()
    bench_version()
    bench_receive(args.dossiers)
    build_big(args.big_dir, args.big)
    bench_search(args.big_dir)


if __name__ == "__main__":
    main()
