"""Attachment upload against a real ``motcua-central`` on 127.0.0.1, through the fault-injecting proxy.

The link is cut in the middle of an attachment (a chunk cut half-way, an answer lost after the server stored the
chunk); the next round resumes at the server's offset, never re-sends the file whole, and the server ends with
the exact bytes. Events always go first. Then the central side: listing, download, and OCR in Vietnamese.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.services import attachments as att
from app.services.attachment_sync import StoreAttachmentSource
from app.services.sync_bridge import build_engine
from sync.client.attachments import AttachmentUploader
from sync.client.errors import OfflineError, ServerError
from sync.protocol.timefmt import utc_now
from sync.server import devices
from tests.conftest import OFFICE_CODE
from tests.sync.central import Central, drain
from tests.sync.chaos import FORWARD, Action, ChaosProxy
from tests.sync.conftest import BACKENDS, FAST_TRANSPORT, _database
from tests.sync.conftest import postgres as postgres  # the session's PostgreSQL cluster, for the second backend
from tests.sync.serverproc import REPO, CentralProcess

pytestmark = pytest.mark.slow
CHUNK = 16 * 1024


@dataclass
class Rig:
    central: Central
    proxy: ChaosProxy
    db_url: str
    actions: dict[int, Action]  # chunk number (1-based, counted by the proxy) -> fault
    chunk_lines: list[str]

    def uploader(self, ctx) -> AttachmentUploader:  # type: ignore[no-untyped-def]
        from app.security.sealed_token import token_store

        token = token_store(ctx.data_dir, ctx.store.key, "sync.token").load()  # type: ignore[attr-defined]
        source = StoreAttachmentSource(ctx.store, ctx.data_dir, ctx.clock)
        return AttachmentUploader(source, self.proxy.url, token, chunk_bytes=CHUNK, timeout=(2.0, 10.0))

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        return subprocess.run(
            [sys.executable, "-m", "sync.server.cli", *args, "--database-url", self.db_url],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=60,
        )


@pytest.fixture(params=BACKENDS)
def rig(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Rig]:
    db_url = _database(request.param, request, tmp_path)
    server = CentralProcess(db_url, tmp_path / "central.log").start()
    central = Central(server.url, db_url)
    with central.db.transaction() as tx:
        devices.add_office(tx, OFFICE_CODE, "UBND xã Mẫu Sơn", utc_now())
    actions: dict[int, Action] = {}
    lines: list[str] = []

    def policy(n: int, head: bytes) -> Action:
        line = head.split(b"\r\n")[0].decode()
        if "/chunks?" not in line:
            return FORWARD
        lines.append(line)
        return actions.get(len(lines), FORWARD)

    proxy = ChaosProxy(server.port, policy).start()
    yield Rig(central, proxy, db_url, actions, lines)
    proxy.stop()
    central.close()
    server.stop()


@pytest.fixture
def engine(ctx, rig: Rig):  # type: ignore[no-untyped-def]
    engine = build_engine(ctx.store, ctx.data_dir, ctx.clock, FAST_TRANSPORT)
    engine.enroll(rig.proxy.url, rig.central.enrollment_code(OFFICE_CODE), "Quầy 1", expect_office=OFFICE_CODE)
    return engine


def _offsets(lines: list[str]) -> list[int]:
    return [int(re.search(r"offset=(\d+)", line).group(1)) for line in lines]  # type: ignore[union-attr]


def test_events_first_then_resumable_upload_through_cuts(ctx, code, page_files, rig, engine):
    doc = att.attach_files(ctx, code, [page_files["grey.png"], page_files["colour.jpg"]], 2)
    assert doc.bytes > 4 * CHUNK
    local = att.document_pdf(ctx, code, 2)
    uploader = rig.uploader(ctx)

    first = uploader.run()  # the dossier's events are still in the outbox: nothing goes
    assert first.yielded_to_events and rig.chunk_lines == []
    drain(engine)

    rig.actions.update({2: Action("truncate_request"), 4: Action("drop_response"), 6: Action("duplicate")})
    rounds = 0
    while att.document_pages(ctx, code)[1].upload_state != "done":
        rounds += 1
        assert rounds < 10
        try:
            uploader.run()
        except (OfflineError, ServerError):
            continue
    offsets = _offsets(rig.chunk_lines)
    # Chunk 2 was cut on the way: sent again from the same offset. Chunk 4 was stored but its answer lost: the
    # next round's offer learns the server's offset and goes on after it. Chunk 6 reached the server twice: the
    # copy at the old offset got 409 with the right offset (and nothing appended twice).
    whole = list(range(0, doc.bytes, CHUNK))
    assert offsets == [0, CHUNK, *whole[1:]], offsets
    assert len(rig.chunk_lines) * CHUNK <= doc.bytes + 2 * CHUNK  # never the whole file again

    listing = json.loads(rig.cli("attachments", "--office", OFFICE_CODE, "--json").stdout)
    assert [(r["dossier_code"], r["document_position"], r["state"], r["pages"]) for r in listing] == [
        (code, 2, "complete", 2)
    ]
    out = ctx.data_dir / "tu-trung-tam.pdf"
    rig.cli("attachment", "get", listing[0]["id"], "--out", str(out))
    assert out.read_bytes() == local


def test_a_changed_document_is_sent_again_and_the_old_copy_stays_until_then(ctx, code, page_files, rig, engine):
    att.attach_files(ctx, code, [page_files["grey.png"]], 1)
    drain(engine)
    uploader = rig.uploader(ctx)
    assert len(uploader.run().completed) == 1
    first = json.loads(rig.cli("attachments", "--office", OFFICE_CODE, "--json").stdout)[0]
    newer = att.attach_files(ctx, code, [page_files["bw.tif"]], 1)
    assert newer.upload_state == "pending"
    rig.actions[len(rig.chunk_lines) + 1] = Action("reset")
    with pytest.raises(OfflineError):
        uploader.run()
    mid = json.loads(rig.cli("attachments", "--office", OFFICE_CODE, "--json").stdout)[0]
    assert (mid["sha256"], mid["state"]) == (first["sha256"], "uploading")
    uploader.run()
    final = json.loads(rig.cli("attachments", "--office", OFFICE_CODE, "--json").stdout)[0]
    assert (final["sha256"], final["pages"], final["state"]) == (newer.sha256, 2, "complete")


@pytest.mark.skipif(not shutil.which("ocrmypdf"), reason="ocrmypdf not installed")
def test_the_central_server_makes_the_scan_searchable_in_vietnamese(ctx, code, rig, engine, tmp_path):
    from tests.attachments.pages import found_words, text_page

    page = tmp_path / "trang.png"
    text_page(3, size=(1240, 1000)).save(page, dpi=(300, 300))
    att.attach_files(ctx, code, [page], 1)
    drain(engine)
    rig.uploader(ctx).run()
    row = json.loads(rig.cli("attachments", "--office", OFFICE_CODE, "--json").stdout)[0]
    deadline = time.monotonic() + 240
    while row["ocr_state"] in ("pending", "running") and time.monotonic() < deadline:
        time.sleep(1)
        row = json.loads(rig.cli("attachments", "--office", OFFICE_CODE, "--json").stdout)[0]
    assert row["ocr_state"] == "done"
    out = tmp_path / "ocr.pdf"
    rig.cli("attachment", "get", row["id"], "--out", str(out), "--ocr")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert len(found_words(text)) >= 3, text


def test_the_background_runner_uploads_after_its_round(ctx, code, page_files, rig, engine):
    from app.services.sync_bridge import build_runner

    att.attach_files(ctx, code, [page_files["bw.tif"]], 1)
    rounds: list[int] = []
    runner, store = build_runner(ctx.data_dir, on_round=lambda report: rounds.append(report.pushed))
    try:
        runner.start()
        deadline = time.monotonic() + 60
        while att.document_pages(ctx, code)[0].upload_state != "done" and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        runner.stop()
        store.close()
    assert rounds and rounds[0] >= 1  # the events went first, in the round itself
    assert att.document_pages(ctx, code)[0].upload_state == "done"
