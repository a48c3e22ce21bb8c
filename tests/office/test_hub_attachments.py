"""Issue 13 follow-up: the scanned pages a counter uploads to the office hub go on to the province, once.

Real processes on 127.0.0.1 (province ``motcua-central``, hub ``motcua hub serve`` over HTTPS); the counter
attaches generated scan-like pages, syncs and uploads to the hub the way the app does; the province must end
with the very bytes (SHA-256) the counter holds, one row per document, also when the hub is SIGKILLed in the
middle of sending a file and started again.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.services import attachments as att
from app.services.attachment_sync import upload_pending
from sync.server.db import Database
from tests.office.conftest import Counter, Office, motcua

pytestmark = pytest.mark.slow
PROCEDURE_WITH_TWO_DOCUMENTS = "1.001699"


def until(check: Callable[[], bool], timeout: float = 30.0, step: float = 0.05) -> None:
    start = time.monotonic()
    while not check():
        assert time.monotonic() - start < timeout, "timed out"
        time.sleep(step)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A small page and a big noisy one (many 32 KB chunks, so a kill can land in the middle of a file)."""
    from tests.attachments.pages import text_page

    folder = tmp_path_factory.mktemp("hubpages")
    files = {"small.png": folder / "small.png", "small2.png": folder / "small2.png", "big.png": folder / "big.png"}
    text_page(1, size=(1240, 1748)).save(files["small.png"], "PNG", dpi=(300, 300))
    text_page(3, size=(1240, 1748)).save(files["small2.png"], "PNG", dpi=(300, 300))  # the same file twice is refused
    text_page(2, noise=40).convert("RGB").save(files["big.png"], "PNG", dpi=(300, 300))
    return files


def _dossier(counter: Counter, name: str) -> str:
    from app.services.receive import ReceiveInput, receive_dossier

    result = receive_dossier(counter.ctx, ReceiveInput(PROCEDURE_WITH_TWO_DOCUMENTS, name, "001085012345"))
    return result.code


def _to_hub(counter: Counter) -> None:
    """What the app's background round does: events first, then the pages, until the hub has every file."""
    counter.sync()
    report = upload_pending(counter.ctx.store, counter.ctx.data_dir)
    assert not report.deferred, report


def _province(office: Office, dossier_code: str) -> list[dict[str, Any]]:
    with office.province.db.transaction(write=False) as tx:
        return tx.all(
            "SELECT a.id, a.document_position, a.sha256, a.bytes, a.content, a.upload_received FROM attachments a "
            "JOIN dossiers d ON d.id = a.dossier_id WHERE d.code = ? ORDER BY a.document_position",
            (dossier_code,),
        )


def _local(counter: Counter, code: str) -> dict[int, str]:
    return {d.position: d.sha256 for d in att.document_pages(counter.ctx, code) if d.sha256}


def _complete(office: Office, counter: Counter, code: str) -> Callable[[], bool]:
    want = _local(counter, code)
    return lambda: {r["document_position"]: r["sha256"] for r in _province(office, code)} == want


def _same_bytes(office: Office, counter: Counter, code: str) -> None:
    rows = _province(office, code)
    local = _local(counter, code)
    assert [r["document_position"] for r in rows] == sorted(local), "one row per document at the province"
    for r in rows:
        content = bytes(r["content"])
        assert hashlib.sha256(content).hexdigest() == r["sha256"] == local[r["document_position"]]
        assert content == att.document_pdf(counter.ctx, code, r["document_position"])


def _scanned_by_the_counter(office: Office, code: str) -> None:
    """The province records the counter that scanned the pages (the one the hub says received the dossier),
    not the hub that forwarded them."""
    with office.province.db.transaction(write=False) as tx:
        scanners = {r["device_id"] for r in tx.all(
            "SELECT a.device_id FROM attachments a JOIN dossiers d ON d.id = a.dossier_id WHERE d.code = ?", (code,))}
        received = tx.one(
            "SELECT e.origin_device, e.device_id AS hub, d.device_id AS receiver FROM events e"
            " JOIN dossiers d ON d.id = e.aggregate_id WHERE d.code = ? AND e.kind = 'dossier.received'", (code,))
    assert received is not None and received["origin_device"] not in (None, received["hub"])
    assert received["receiver"] == received["origin_device"], "the province's book names the counter"
    assert scanners == {received["origin_device"]}


def _hub_status(office: Office) -> dict[str, int]:
    code, out, err = motcua(office.hub_dir, "hub", "status", "--json")
    assert code == 0, err
    return dict(out["attachments"])


def test_pages_uploaded_to_the_hub_reach_the_province_once_with_the_same_bytes(office: Office, pages) -> None:
    counter = office.counter("quay-anh")
    code = _dossier(counter, "Nguyễn Văn Ảnh")
    att.attach_files(counter.ctx, code, [pages["small.png"]], 1)
    att.attach_files(counter.ctx, code, [pages["small.png"], pages["small2.png"]], 2)
    _to_hub(counter)
    until(_complete(office, counter, code))
    _same_bytes(office, counter, code)
    _scanned_by_the_counter(office, code)
    until(lambda: _hub_status(office)["waiting"] == 0)
    assert _hub_status(office)["sent"] >= 2
    # a second sync and upload of the same files changes nothing at the province
    _to_hub(counter)
    time.sleep(1.0)
    _same_bytes(office, counter, code)


def test_a_changed_document_goes_up_again_and_replaces_the_old_copy(office: Office, pages) -> None:
    counter = office.counter("quay-doi")
    code = _dossier(counter, "Trần Thị Đổi")
    att.attach_files(counter.ctx, code, [pages["small.png"]], 1)
    _to_hub(counter)
    until(_complete(office, counter, code))
    first = _province(office, code)[0]["sha256"]
    att.attach_files(counter.ctx, code, [pages["small2.png"]], 1)  # one more page: a new file, same attachment
    _to_hub(counter)
    until(_complete(office, counter, code))
    rows = _province(office, code)
    assert len(rows) == 1 and rows[0]["sha256"] != first
    _same_bytes(office, counter, code)


def test_hub_status_counts_pages_waiting_while_the_province_is_down(fresh_office: Office, pages) -> None:
    office = fresh_office
    counter = office.counter("quay-cho")
    code = _dossier(counter, "Lê Văn Chờ")
    office.central.stop()
    att.attach_files(counter.ctx, code, [pages["small.png"], pages["small2.png"]], 1)
    _to_hub(counter)
    status = _hub_status(office)
    assert status["waiting"] == 1 and status["waiting_pages"] == 2 and status["sent"] == 0
    code_, text, err = motcua(office.hub_dir, "hub", "status")
    assert code_ == 0, err
    assert "Attachments waiting to go up 1 (2 pages)" in text
    office.central.start()
    until(_complete(office, counter, code), timeout=60.0)
    _same_bytes(office, counter, code)
    until(lambda: _hub_status(office)["waiting"] == 0)


def test_the_hub_killed_in_the_middle_of_a_file_resumes_and_the_province_ends_right(office: Office, pages) -> None:
    counter = office.counter("quay-giet")
    code = _dossier(counter, "Phạm Thị Giết")
    att.attach(counter.ctx, code, 1, att.pages_from_files([pages["big.png"]]) * 12)  # encoded once, 12 pages
    att.attach_files(counter.ctx, code, [pages["small.png"]], 2)
    size = att.document_pages(counter.ctx, code)[0].bytes
    assert size > 30 * 32 * 1024, "the file must take many chunks"
    province = Database(office.central.db_url, pool_size=1)

    def partial() -> bool:
        with province.transaction(write=False) as tx:
            return bool(tx.scalar(
                "SELECT COUNT(*) FROM attachments a JOIN dossiers d ON d.id = a.dossier_id"
                " WHERE d.code = ? AND a.upload_received > 0 AND a.sha256 = ''", (code,)))

    try:
        _to_hub(counter)  # the hub starts sending at once (woken by the push, then by its own poll)
        until(partial, timeout=60.0, step=0.005)
        office.hub.kill()
        held = max(r["upload_received"] for r in _province(office, code))
        assert 0 < held < size, "killed in the middle of the file"
        office.hub.start()
        until(_complete(office, counter, code), timeout=60.0)
        _same_bytes(office, counter, code)
        until(lambda: _hub_status(office)["waiting"] == 0)
    finally:
        province.close()
