"""Report benchmarks (run by hand; figures go into the issue note, not into assertions).

1. Export a month of 10,000 dossiers (with status histories and ratings) as form 07 PDF, XLSX and CSV, and the
   statistics as XLSX (target <= 3 s each);
2. the supervisor view's figures (``report_stats`` for one day) on a 1,000,000-dossier store (target <= 1 s),
   reusing /tmp/motcua-bench-1m from bench/bench_store.py when it is there.

Usage: .venv/bin/python bench/bench_reports.py [--dossiers 10000] [--big-dir /tmp/motcua-bench-1m]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.domain.timezone import VN_TZ
from app.reports.service import export_log, export_stats, make_scope, report_stats
from app.services.clock import FixedClock
from app.services.context import Actor, ServiceContext
from app.services.setup import init_office, open_store

OFFICE = "000.00.12.H62"
SUPERVISOR = Actor("giamsat", "Giám sát", "supervisor")
NAMES = ("Nguyễn Văn Mạnh", "Trần Thị Lan", "Lê Đức Anh", "Phạm Ngọc Hà", "Đặng Văn Dũng", "Hoàng Thị Thu")


def fill_month(ctx: ServiceContext, n: int, first: date) -> None:
    """``n`` dossiers over 30 days, bulk-inserted with a plausible history each (received, processing, done)."""
    rng = random.Random(11)
    dossiers, events = [], []
    for i in range(n):
        day = first + timedelta(days=i * 30 // n)
        received = datetime(day.year, day.month, day.day, 8, tzinfo=VN_TZ) + timedelta(seconds=(i * 7) % 30000)
        due = received + timedelta(days=3)
        steps = rng.choice([1, 2, 3, 4])
        at = [received + timedelta(hours=h) for h in (0, 5, rng.choice([30, 70, 90]), 100)][:steps]
        statuses = [2, 4, 9, 10][:steps]
        finished = at[2].isoformat() if steps >= 3 else None
        returned = at[3].isoformat() if steps == 4 else None
        rating = json.dumps({"overall": rng.choice(["satisfied", "not_satisfied"])}) if steps == 4 else None
        dossier_id = f"bench-{i}"
        code = f"{OFFICE}-{day:%y%m%d}-{i % 999 + 1:04d}"
        dossiers.append(
            (
                dossier_id,
                code,
                rng.choice(NAMES),
                received.isoformat(),
                day.isoformat(),
                due.isoformat(),
                finished,
                returned,
                statuses[-1],
                rating,
            )
        )
        pairs = enumerate(zip(at, statuses, strict=False))
        events += [(f"{dossier_id}-{k}", dossier_id, t.isoformat(), s) for k, (t, s) in pairs]
    with ctx.store.transaction():
        ctx.store.conn.executemany(
            "INSERT INTO dossiers (id, code, office_code, procedure_code, procedure_name, applicant_name, id_number,"
            " phone, address, channel, status, received_at, received_day, due_at, finished_at, returned_at,"
            " satisfaction, received_by, updated_at) VALUES (?1, ?2, '000.00.12.H62', '1.004873',"
            " 'Cấp giấy xác nhận tình trạng hôn nhân', ?3, '001085012345', '0912345678', 'Thôn Đông, xã Mẫu Sơn',"
            " 'counter', ?9, ?4, ?5, ?6, ?7, ?8, ?10, 'lan', ?4)",
            dossiers,
        )
        ctx.store.conn.executemany(
            "INSERT INTO dossier_events (id, dossier_id, kind, to_status, at) VALUES (?, ?, 'status', ?4, ?3)", events
        )


def timed(label: str, fn: object) -> object:
    t0 = time.perf_counter()
    result = fn()  # type: ignore[operator]
    print(f"{label}: {time.perf_counter() - t0:.2f} s")
    return result


def bench_exports(n: int) -> None:
    first = date(2026, 11, 1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = open_store(folder)
        now = datetime(2026, 12, 1, 10, tzinfo=VN_TZ)
        ctx = ServiceContext(store=store, data_dir=folder, clock=FixedClock(now))
        init_office(ctx, office_code=OFFICE, office_name="UBND xã Mẫu Sơn", admin_password="benchmark-pw")
        fill_month(ctx, n, first)
        ctx.actor = SUPERVISOR
        scope = make_scope(first, first + timedelta(days=29))
        for fmt in ("pdf", "xlsx", "csv"):
            data = timed(f"export {n} dossiers, log book {fmt}", lambda f=fmt: export_log(ctx, scope, f))
            print(f"  {len(data) / 1e6:.1f} MB")  # type: ignore[arg-type]
        timed(f"export {n} dossiers, statistics xlsx", lambda: export_stats(ctx, scope, "xlsx"))
        timed(f"report_stats over {n} dossiers (the view on a month)", lambda: report_stats(ctx, scope))
        store.close()


def bench_view(big: Path) -> None:
    if not (big / "motcua.sqlite3").exists():
        print(f"{big} missing: run bench/bench_store.py first")
        return
    store = open_store(big)
    total = store.scalar("SELECT COUNT(*) FROM dossiers")
    last_day = store.scalar("SELECT MAX(received_day) FROM dossiers")
    days = (("today (no dossiers)", date.today()), (f"busiest day {last_day}", date.fromisoformat(last_day)))
    for label, day in days:
        now = datetime(day.year, day.month, day.day, 16, tzinfo=VN_TZ)
        ctx = ServiceContext(store=store, data_dir=big, clock=FixedClock(now), actor=SUPERVISOR)
        scope = make_scope(day, day)
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            stats = report_stats(ctx, scope)
            times.append(time.perf_counter() - t0)
        print(
            f"supervisor view figures on {total} dossiers, {label}: best {min(times):.2f} s, first {times[0]:.2f} s"
            f" ({stats['received']} received)"
        )
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossiers", type=int, default=10000)
    ap.add_argument("--big-dir", type=Path, default=Path("/tmp/motcua-bench-1m"))
    args = ap.parse_args()
    bench_exports(args.dossiers)
    bench_view(args.big_dir)


if __name__ == "__main__":
    main()
