"""A 1,000,000-dossier store for the speed benchmarks, built once (bulk rows, not the receive service) and reused.

Why bulk: receiving a million dossiers through the service would take hours on the 2-core machine; the
benchmarks that need scale only need the dossiers and search rows that a busy ward's years leave behind: 500
dossiers a day up to today, real catalogue procedures, Vietnamese names, finished dossiers in the past, open
ones in the last weeks. The store lives outside the repository (default /work/bench-data/1m).

Usage: .venv/bin/python bench/bigstore.py [--dir /work/bench-data/1m] [--dossiers 1000000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.domain.text import fold
from app.services.context import ServiceContext
from app.services.setup import init_office, open_store
from app.store.search_tags import tags_sql

DEFAULT_DIR = Path("/work/bench-data/1m")
PER_DAY = 500
UNIT = "000.00.12.H62"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Ngọc", "Minh", "Thanh", "Quang", "Hữu", "Thu", "Xuân"]
GIVEN = ["Mạnh", "Lan", "Anh", "Hà", "Dũng", "Thu", "Tuấn", "Yến", "Sơn", "Tâm", "Hương", "Bình", "Nam", "Hùng"]


def build(folder: Path, n: int, today: date | None = None) -> Path:
    """The store in ``folder`` holding ``n`` dossiers, the newest received on ``today``; reused when present."""
    folder.mkdir(parents=True, exist_ok=True)
    store = open_store(folder)
    if store.scalar("SELECT COUNT(*) FROM dossiers") >= n:
        store.close()
        return folder
    ctx = ServiceContext(store=store, data_dir=folder)
    init_office(ctx, office_code=UNIT, office_name="Bench", admin_password="benchmark-pw")
    procs = [tuple(r) for r in store.execute("SELECT code, name_vi FROM procedures").fetchall()]
    rng = random.Random(7)
    today = today or datetime.now().date()
    first = today - timedelta(days=(n - 1) // PER_DAY)
    t0 = time.perf_counter()
    for base in range(0, n, 20000):
        rows, fts = [], []
        for i in range(base, min(n, base + 20000)):
            day = first + timedelta(days=i // PER_DAY)
            at = datetime(day.year, day.month, day.day, 7, 30) + timedelta(seconds=(i % PER_DAY) * 55)
            pcode, pname = rng.choice(procs)
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            idn, phone = f"0{rng.randrange(10**10, 10**11)}", f"09{rng.randrange(10**8):08d}"
            age = (today - day).days
            status = 10 if age > 30 else rng.choice((2, 4, 9, 10))
            finished = (at + timedelta(days=3)).isoformat() + "+07:00" if status >= 9 else None
            code = f"{UNIT}-{day:%y%m%d}-{i % PER_DAY + 1:04d}"
            rows.append((i + 1, f"bench-{i}", code, pcode, pname, name, idn, phone, status, at.isoformat() + "+07:00",
                         day.isoformat(), (at + timedelta(days=5)).isoformat() + "+07:00", finished))
            fts.append((i + 1, fold(code), fold(name), idn, phone, fold(f"{pcode} {pname}"), i + 1))
        with store.transaction():
            store.conn.executemany(
                "INSERT INTO dossiers (seq, id, code, office_code, procedure_code, procedure_name, applicant_name,"
                " id_number, phone, channel, status, received_at, received_day, due_at, finished_at, updated_at)"
                f" VALUES (?, ?, ?, '{UNIT}', ?, ?, ?, ?, ?, 'counter', ?, ?, ?, ?, ?, '2026-01-01T00:00:00+07:00')",
                rows,
            )
            store.conn.executemany(
                "INSERT INTO dossier_search (rowid, code, applicant, id_number, phone, procedure, tags)"
                f" SELECT ?, ?, ?, ?, ?, ?, {tags_sql('d')} FROM dossiers AS d WHERE d.seq = ?",
                fts,
            )
    store.execute("PRAGMA optimize")
    store.close()
    print(f"built {n} dossiers in {folder} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return folder


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--dossiers", type=int, default=1_000_000)
    args = ap.parse_args()
    build(args.dir, args.dossiers)


if __name__ == "__main__":
    main()
