"""What encryption at rest costs (run by hand; figures go into the issue note as ratios from one run).

1. receive through the real service, plain store vs SQLCipher store, in alternating blocks: median ms per dossier
   and the ratio (goal <= 1.2x);
2. search p50/p95 over a 1,000,000-dossier encrypted store (goal p95 <= 50 ms), and the same on a plain copy;
3. start with the 1M store: open (key from the key store, pragmas, migrations check) + first list page, encrypted
   vs plain, median of runs; and ``motcua dossier list --limit 1`` wall time on the encrypted store;
4. encrypting the plain 1M copy in place (what an existing installation's first start costs, once).

Usage: .venv/bin/python bench/bench_encryption.py [--dossiers 2000] [--big 1000000] [--big-dir /tmp/motcua-enc-1m]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("MOTCUA_KEY_DIR", tempfile.mkdtemp(prefix="motcua-bench-keys-"))

from app.services.context import ServiceContext
from app.services.receive import ReceiveInput, receive_dossier
from app.services.setup import init_office, open_store, shipped_catalog
from app.store import catalog, driver
from app.store.db import DB_FILENAME, Store
from app.store.migrations import migrate
from bench.bench_store import NAMES, build_big, pct


def open_plain(folder: Path) -> Store:
    """A store without encryption, as a version before it made them (open_store would encrypt it)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DB_FILENAME
    if not path.exists():
        conn = driver.connect(path, None)
        conn.execute("CREATE TABLE _plain (x)")
        conn.execute("DROP TABLE _plain")
        conn.close()
    store = Store(path)
    assert not store.encrypted
    migrate(store)
    if catalog.count(store) == 0:
        with store.transaction():
            catalog.upsert_records(store, shipped_catalog(), "2026-01-01T00:00:00+07:00")
    return store


def _receive_block(ctx: ServiceContext, start: int, n: int) -> list[float]:
    base = ctx.clock.now() - timedelta(days=60)
    times = []
    for i in range(start, start + n):
        at = base + timedelta(days=i // 900, seconds=i % 900)
        inp = ReceiveInput("1.004873", NAMES[i % len(NAMES)], "001085012345", phone="0912345678", received_at=at)
        t0 = time.perf_counter()
        receive_dossier(ctx, inp)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def bench_receive(n: int, blocks: int = 4) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ctxs = {}
        for kind in ("plain", "encrypted"):
            folder = Path(tmp) / kind
            store = open_plain(folder) if kind == "plain" else open_store(folder)
            ctx = ServiceContext(store=store, data_dir=folder)
            init_office(ctx, office_code="000.00.12.H62", office_name="Bench", admin_password="benchmark-pw")
            ctxs[kind] = ctx
        times: dict[str, list[float]] = {"plain": [], "encrypted": []}
        per = n // blocks
        for b in range(blocks):  # alternate, so load from other processes falls on both alike
            for kind in (("plain", "encrypted") if b % 2 == 0 else ("encrypted", "plain")):
                times[kind] += _receive_block(ctxs[kind], b * per, per)
        for ctx in ctxs.values():
            ctx.store.close()
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"receive x{n} each: plain median {med['plain']:.2f} ms (p95 {pct(times['plain'], 0.95):.2f}),"
          f" encrypted median {med['encrypted']:.2f} ms (p95 {pct(times['encrypted'], 0.95):.2f}),"
          f" ratio {med['encrypted'] / med['plain']:.2f}x")


QUERIES = ["nguyen van manh", "dang", "tran thi", "001085000123", "0900001234", "le duc anh 5", "H62-2001", "ngu",
           "hoang thi thu 99", "vu minh"]  # fmt: skip


def search_times(store: Store, rounds: int = 20) -> list[float]:
    from app.services.queries import search_rows

    times = []
    for _ in range(rounds):
        for q in QUERIES:
            t0 = time.perf_counter()
            search_rows(store, q, limit=50)
            times.append((time.perf_counter() - t0) * 1000)
    return times


def start_times(opener, folder: Path, runs: int = 5) -> list[float]:  # type: ignore[no-untyped-def]
    from app.services.queries import list_rows
    from app.store.dossiers import ListFilter

    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        store = opener(folder)
        list_rows(store, ListFilter(), limit=100)
        times.append((time.perf_counter() - t0) * 1000)
        store.close()
    return times


def plain_copy(encrypted: Path, target: Path) -> None:
    if (target / DB_FILENAME).exists():
        return
    target.mkdir(parents=True, exist_ok=True)
    store = open_store(encrypted)
    store.execute(driver.attach_sql("plain", None), (str(target / DB_FILENAME),))
    store.execute("SELECT sqlcipher_export('plain')")
    store.execute(f"PRAGMA plain.user_version = {store.user_version}")
    store.execute("DETACH DATABASE plain")
    store.close()


def bench_big(folder: Path, n: int) -> None:
    build_big(folder, n)  # through open_store: encrypted
    plain = folder.with_name(folder.name + "-plain")
    plain_copy(folder, plain)
    enc_store, plain_store = open_store(folder), open_plain(plain)
    enc, pln = search_times(enc_store), search_times(plain_store)
    enc_store.close()
    plain_store.close()
    print(f"search over {n} dossiers: encrypted p50 {statistics.median(enc):.1f} ms p95 {pct(enc, 0.95):.1f} ms;"
          f" plain p50 {statistics.median(pln):.1f} ms p95 {pct(pln, 0.95):.1f} ms")
    s_enc, s_pln = start_times(open_store, folder), start_times(open_plain, plain)
    print(f"start (open + first list page, median of 5): encrypted {statistics.median(s_enc):.0f} ms,"
          f" plain {statistics.median(s_pln):.0f} ms, ratio {statistics.median(s_enc) / statistics.median(s_pln):.2f}x")
    exe = Path(sys.executable).with_name("motcua")
    cli = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([str(exe), "--data-dir", str(folder), "dossier", "list", "--limit", "1"], check=True,
                       capture_output=True)  # fmt: skip
        cli.append((time.perf_counter() - t0) * 1000)
    print(f"motcua dossier list --limit 1 on the encrypted {n}-dossier store: median {statistics.median(cli):.0f} ms")
    from app.store.encrypt import ensure_encrypted

    t0 = time.perf_counter()
    ensure_encrypted(plain)
    print(f"encrypting the plain {n}-dossier store in place (backup first): {time.perf_counter() - t0:.0f} s,"
          f" {(plain / DB_FILENAME).stat().st_size / 1e6:.0f} MB")
    shutil.rmtree(plain)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossiers", type=int, default=2000)
    ap.add_argument("--big", type=int, default=1_000_000)
    ap.add_argument("--big-dir", type=Path, default=Path("/tmp/motcua-enc-1m"))
    args = ap.parse_args()
    if args.dossiers:
        bench_receive(args.dossiers)
    if args.big:
        bench_big(args.big_dir, args.big)


if __name__ == "__main__":
    main()
