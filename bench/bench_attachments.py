"""Attachment benchmark: scan-to-thumbnail time per page (SANE ``test`` device), bytes per grey and black-and-white
A4 page, a 1 MB upload over a 64 kbit/s link with 10 % loss (simulated on loopback) that completes and resumes,
and the time to receive a dossier with attachments waiting to upload (and uploading) versus without.

Run: ``.venv/bin/python bench/bench_attachments.py [--pages 5] [--kbit 64] [--loss 0.10] [--receives 40]``.
The link: a proxy on 127.0.0.1 (tests/sync/chaos.py) in front of a real ``motcua-central serve``; each chunk
request waits ``bytes / rate`` before it goes on (the uplink), and with probability ``loss`` it is cut half-way
(the connection drops: a worse case than packet loss, which TCP would hide as a slowdown). Half-way through, the
uploader is thrown away and a new one (a restarted app) resumes from the server's offset.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.attachments.encode import encode_page, page_pdf
from app.attachments.thumbs import thumbnails
from app.services import attachments as att
from app.services import scanning
from app.services.attachment_sync import StoreAttachmentSource
from app.services.clock import FixedClock
from app.services.context import ServiceContext
from app.services.receive import ReceiveInput, receive_dossier
from app.services.setup import init_office, open_store
from app.services.sync_bridge import build_engine
from sync.client.attachments import AttachmentUploader
from sync.client.errors import OfflineError, ServerError
from sync.protocol.timefmt import utc_now
from sync.server.devices import add_office
from tests.attachments.pages import text_page
from tests.sync.central import Central, drain
from tests.sync.chaos import FORWARD, Action, ChaosProxy
from tests.sync.serverproc import CentralProcess

OFFICE = "000.00.12.H62"
PROCEDURE = "1.001699"  # two checklist rows


def _ctx(folder: Path) -> ServiceContext:
    from datetime import datetime

    store = open_store(folder)
    ctx = ServiceContext(
        store=store, data_dir=folder, clock=FixedClock(datetime.fromisoformat("2026-11-16T09:00+07:00"))
    )
    init_office(ctx, office_code=OFFICE, office_name="UBND xã Bench", admin_password="mat-khau-bench")
    return ctx


def _receive(ctx: ServiceContext, n: int = 0) -> str:
    letters = "".join(chr(ord("A") + int(d)) for d in str(n))
    inp = ReceiveInput(procedure_code=PROCEDURE, applicant_name=f"Nguyễn Văn {letters}", id_number="001085012345")
    return str(receive_dossier(ctx, inp).dossier["code"])


def bench_scan(folder: Path, pages: int) -> dict[str, float]:
    if not shutil.which("scanimage"):
        return {"skipped": 1.0}
    ctx = _ctx(folder / "scan")
    code = _receive(ctx)
    scanning.choose_scanner(ctx, "test:0", 300, "grey", options=("--test-picture Grid -x 200 -y 200",))
    times = []
    for _ in range(pages):
        started = time.perf_counter()
        doc = scanning.scan_into(ctx, code, 1)
        thumbnails(att.document_pdf(ctx, code, 1) or b"", pages=[doc.pages])
        times.append(time.perf_counter() - started)
    ctx.store.close()
    return {"scan_to_thumbnail_median_s": statistics.median(times), "max_s": max(times)}


def bench_bytes(pages: int) -> dict[str, float]:
    grey, bw = [], []
    for seed in range(pages):
        img = text_page(100 + seed)
        grey.append(len(page_pdf(encode_page(img, "grey"))))
        bw.append(len(page_pdf(encode_page(img, "bw"))))
    return {
        "grey_page_median_kb": statistics.median(grey) / 1024,
        "grey_max_kb": max(grey) / 1024,
        "bw_page_median_kb": statistics.median(bw) / 1024,
        "bw_max_kb": max(bw) / 1024,
    }


def _one_megabyte(folder: Path) -> list[Path]:
    files = []
    for seed in range(8):
        img = text_page(200 + seed).convert("RGB")
        path = folder / f"p{seed}.png"
        img.save(path, dpi=(300, 300))
        files.append(path)
    return files


def bench_upload(folder: Path, kbit: float, loss: float) -> dict[str, float]:
    rate = kbit * 1000 / 8  # bytes per second
    rng = random.Random(15)
    server = CentralProcess(f"sqlite:///{folder / 'central.sqlite3'}", folder / "central.log", args=()).start()
    central = Central(server.url, server.db_url)
    with central.db.transaction() as tx:
        add_office(tx, OFFICE, "UBND xã Bench", utc_now())
    cuts = 0

    def policy(n: int, head: bytes) -> Action:
        nonlocal cuts
        if b"/chunks?" not in head.split(b"\r\n")[0]:
            return FORWARD
        size = int(
            next((ln.split(b":")[1] for ln in head.split(b"\r\n") if ln.lower().startswith(b"content-length")), b"0")
        )
        if rng.random() < loss:
            cuts += 1
            return Action("truncate_request", delay=size / rate / 2)
        return Action("forward", delay=size / rate)

    proxy = ChaosProxy(server.port, policy).start()
    ctx = _ctx(folder / "device")
    try:
        engine = build_engine(ctx.store, ctx.data_dir, ctx.clock)
        engine.enroll(proxy.url, central.enrollment_code(OFFICE), "Quầy 1")
        code = _receive(ctx)
        doc = att.attach_files(ctx, code, _one_megabyte(folder), 1)
        drain(engine)
        token = (ctx.data_dir / "sync.token").read_text().strip()
        started = time.perf_counter()
        resumed_at, killed, uploaders = 0, False, 0

        def half_done() -> bool:
            return not killed and att.document_pages(ctx, code)[0].uploaded_bytes >= doc.bytes // 2

        while att.document_pages(ctx, code)[0].upload_state != "done":
            uploaders += 1
            uploader = AttachmentUploader(StoreAttachmentSource(ctx.store, ctx.data_dir), proxy.url, token)
            try:
                # Each cut ends this uploader's run (as a round would); once, at half the file, the app is
                # "restarted": a new uploader resumes from the server's offset.
                uploader.run(stop=half_done)
            except (OfflineError, ServerError):
                pass
            finally:
                uploader.close()
            if half_done():
                killed, resumed_at = True, att.document_pages(ctx, code)[0].uploaded_bytes
        elapsed = time.perf_counter() - started
        chunk_bytes = proxy.bytes_up
    finally:
        ctx.store.close()
        proxy.stop()
        central.close()
        server.stop()
    return {
        "file_kb": doc.bytes / 1024,
        "seconds": elapsed,
        "ideal_seconds": doc.bytes / rate,
        "cut_chunks": cuts,
        "restarted_at_kb": resumed_at / 1024,
        "uploader_runs": uploaders,
        "bytes_up_ratio": chunk_bytes / doc.bytes,
    }


def bench_receive(folder: Path, n: int, kbit: float) -> dict[str, float]:
    """Receive ``n`` dossiers in a store with no attachments, then with 100 pending and an upload running."""
    rate = kbit * 1000 / 8
    server = CentralProcess(f"sqlite:///{folder / 'central2.sqlite3'}", folder / "central2.log").start()
    central = Central(server.url, server.db_url)
    with central.db.transaction() as tx:
        add_office(tx, OFFICE, "UBND xã Bench", utc_now())

    def slow(n_: int, head: bytes) -> Action:
        return Action("forward", delay=32 * 1024 / rate) if b"/chunks?" in head else FORWARD

    proxy = ChaosProxy(server.port, slow).start()
    ctx = _ctx(folder / "device2")
    results: dict[str, float] = {}
    try:
        engine = build_engine(ctx.store, ctx.data_dir, ctx.clock)
        engine.enroll(proxy.url, central.enrollment_code(OFFICE), "Quầy 1")
        times = []
        for i in range(n):
            t = time.perf_counter()
            _receive(ctx, i)
            times.append(time.perf_counter() - t)
        results["receive_without_ms"] = statistics.median(times) * 1000
        page = folder / "page.png"
        text_page(5).save(page, dpi=(300, 300))
        pdf = att.pages_from_files([page])
        for i in range(100):
            att.attach(ctx, _receive(ctx, 1000 + i), 1, pdf)
        drain(engine)
        stop = threading.Event()
        upload_store = open_store(ctx.data_dir)
        token = (ctx.data_dir / "sync.token").read_text().strip()

        def upload() -> None:
            uploader = AttachmentUploader(StoreAttachmentSource(upload_store, ctx.data_dir), proxy.url, token)
            while not stop.is_set():
                with contextlib.suppress(Exception):
                    uploader.run(stop=stop.is_set)
                time.sleep(0.05)  # events waiting: the uploader yields, the runner would push them
                drain(build_engine(upload_store, ctx.data_dir))

        worker = threading.Thread(target=upload, daemon=True)
        worker.start()
        times = []
        for i in range(n):
            t = time.perf_counter()
            _receive(ctx, 2000 + i)
            times.append(time.perf_counter() - t)
        stop.set()
        worker.join(30)
        upload_store.close()
        results["receive_with_pending_and_uploading_ms"] = statistics.median(times) * 1000
        results["ratio"] = results["receive_with_pending_and_uploading_ms"] / results["receive_without_ms"]
    finally:
        ctx.store.close()
        proxy.stop()
        central.close()
        server.stop()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=5)
    parser.add_argument("--kbit", type=float, default=64.0)
    parser.add_argument("--loss", type=float, default=0.10)
    parser.add_argument("--receives", type=int, default=40)
    parser.add_argument("--only", default="scan,bytes,upload,receive")
    args = parser.parse_args()
    only = set(args.only.split(","))
    with tempfile.TemporaryDirectory(prefix="bench-att-") as tmp:
        folder = Path(tmp)
        if "scan" in only:
            print("scan → thumbnail:", bench_scan(folder, args.pages), flush=True)
        if "bytes" in only:
            print("bytes per A4 page:", bench_bytes(args.pages), flush=True)
        if "upload" in only:
            print(
                f"upload 1 MB at {args.kbit} kbit/s, {args.loss:.0%} cut:",
                bench_upload(folder, args.kbit, args.loss),
                flush=True,
            )
        if "receive" in only:
            print("receive:", bench_receive(folder, args.receives, args.kbit), flush=True)


if __name__ == "__main__":
    main()
