"""Scanned pages on disk are sealed with the store key: a copied attachments folder shows no document."""

from __future__ import annotations

from app.security.sealed import MAGIC
from app.services import attachments as svc
from app.store import blobs


def test_pages_are_sealed_on_disk_and_open_through_the_store(ctx, code, page_files):
    doc = svc.attach_files(ctx, code, [page_files["grey.png"]], position=1)
    [path] = list(blobs.files(ctx.data_dir))
    raw = path.read_bytes()
    assert raw.startswith(MAGIC) and b"%PDF" not in raw and b"/Image" not in raw
    data = svc.document_pdf(ctx, code, 1)
    assert data is not None and data.startswith(b"%PDF") and blobs.digest(data) == doc.sha256
    assert svc.check(ctx) == []


def test_a_changed_byte_is_found_by_the_check(ctx, code, page_files):
    doc = svc.attach_files(ctx, code, [page_files["bw.tif"]], position=1)
    path = blobs.path_for(ctx.data_dir, doc.sha256)
    raw = bytearray(path.read_bytes())
    raw[-1] ^= 1
    path.write_bytes(bytes(raw))
    assert svc.check(ctx) == [{"sha256": doc.sha256, "problem": "hash_mismatch"}]
