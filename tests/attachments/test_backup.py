"""Backups carry the scanned pages; a restore brings them back, and the replaced store's pages stay restorable."""

from __future__ import annotations

import shutil

from app.security.sealed import Sealer
from app.services import attachments as svc
from app.services.backups import make_backup, restore_backup
from app.services.setup import open_store
from app.store import blobs


def test_backup_and_restore_bring_the_pages_back(ctx, code, page_files, tmp_path):
    doc = svc.attach_files(ctx, code, [page_files["grey.png"]], 1)
    backup = make_backup(ctx, tmp_path / "bk" / "b1.sqlite3")
    in_backup = blobs.path_for(backup.parent, doc.sha256 or "")
    assert Sealer(ctx.store.key, blobs.PURPOSE).read(in_backup) == svc.document_pdf(ctx, code, 1)
    later = svc.attach_files(ctx, code, [page_files["bw.tif"]], 1)  # after the backup: 2 pages
    ctx.store.close()

    shutil.rmtree(blobs.root(ctx.data_dir))  # the disk lost the attachment folder
    safety = restore_backup(ctx.data_dir, backup)
    store = open_store(ctx.data_dir)
    try:
        ctx.store = store
        assert svc.check(ctx) == []
        assert svc.document_pages(ctx, code)[0].pages == 1
        assert svc.document_pdf(ctx, code, 1) == Sealer(ctx.store.key, blobs.PURPOSE).read(in_backup)
    finally:
        store.close()
    # The safety copy of the replaced store still references the 2-page version... which was lost with the folder
    # above, so it is missing there; restoring the backup twice is harmless.
    assert safety is not None
    restore_backup(ctx.data_dir, backup)
    assert later.sha256 not in {p.stem for p in blobs.files(ctx.data_dir)}


def test_safety_copy_keeps_the_pages_of_the_replaced_store(ctx, code, page_files, tmp_path):
    svc.attach_files(ctx, code, [page_files["grey.png"]], 1)
    old = make_backup(ctx, tmp_path / "bk" / "old.sqlite3")
    newer = svc.attach_files(ctx, code, [page_files["bw.tif"]], 1)
    ctx.store.close()
    safety = restore_backup(ctx.data_dir, old)
    assert safety is not None
    assert blobs.path_for(safety.parent, newer.sha256 or "").is_file()
    # Cleaning the live folder now removes the newer file (no live row), yet restoring the safety copy works.
    store = open_store(ctx.data_dir)
    try:
        ctx.store = store
        svc.collect_garbage(ctx, now=10**10)
        assert not blobs.path_for(ctx.data_dir, newer.sha256 or "").exists()
    finally:
        store.close()
    # (copied first: a restore within the same second would write its own safety copy over the same name)
    kept = tmp_path / "kept" / "safety.sqlite3"
    kept.parent.mkdir()
    shutil.copyfile(safety, kept)
    shutil.copytree(blobs.root(safety.parent), blobs.root(kept.parent))
    restore_backup(ctx.data_dir, kept)
    store = open_store(ctx.data_dir)
    try:
        ctx.store = store
        assert svc.check(ctx) == [] and svc.document_pages(ctx, code)[0].pages == 2
    finally:
        store.close()
