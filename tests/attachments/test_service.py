"""Attaching pages to a dossier's documents: order, edits, bad input that writes nothing, crash-safe files."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from app.attachments.errors import AttachmentError
from app.domain.errors import ValidationError
from app.security.sealed import MAGIC
from app.services import attachments as svc
from app.store import blobs


def _state(ctx) -> tuple[int, int, list[str]]:
    rows = ctx.store.scalar("SELECT COUNT(*) FROM attachments")
    audits = ctx.store.scalar("SELECT COUNT(*) FROM audit_log")
    return rows, audits, sorted(p.name for p in blobs.files(ctx.data_dir))


def _pdf_pages(data: bytes) -> list[tuple[int, int, int]]:
    """(width px, height px, rotation) of the image on each page: enough to tell pages apart and see rotations."""
    out = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            image = next(iter(page.get_images().values()))
            out.append((int(image.Width), int(image.Height), int(page.obj.get("/Rotate", 0))))
    return out


def test_files_become_one_pdf_in_order(ctx, code, page_files):
    doc = svc.attach_files(ctx, code, [page_files["grey.png"], page_files["bw.tif"]], position=2)
    assert (doc.position, doc.pages, doc.upload_state) == (2, 2, "pending")
    data = svc.document_pdf(ctx, code, 2)
    assert data is not None and blobs.digest(data) == doc.sha256 and len(data) == doc.bytes
    kinds = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            kinds.append(str(next(iter(page.get_images().values())).Filter))
    assert "JPXDecode" in kinds[0] and "CCITTFaxDecode" in kinds[1]  # the order of the command line
    # A second run appends (a page scanned later), it does not replace.
    again = svc.attach_files(ctx, code, [page_files["colour.jpg"]], position=2)
    assert again.pages == 3 and again.attachment_id == doc.attachment_id and again.sha256 != doc.sha256
    listing = svc.document_pages(ctx, code)
    assert [d.pages for d in listing] == [0, 3]
    assert ctx.store.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'attachment.add'") == 2


def test_a_pdf_input_keeps_its_pages(ctx, code, page_files, tmp_path):
    first = svc.attach_files(ctx, code, [page_files["grey.png"], page_files["grey2.png"]], position=1)
    exported = tmp_path / "two.pdf"
    exported.write_bytes(svc.document_pdf(ctx, code, 1) or b"")
    doc = svc.attach_files(ctx, code, [exported], position=2)
    assert first.pages == 2 and doc.pages == 2


def test_rotate_reorder_delete(ctx, code, page_files):
    svc.attach_files(ctx, code, [page_files["grey.png"], page_files["bw.tif"], page_files["colour.jpg"]], 1)
    before = _pdf_pages(svc.document_pdf(ctx, code, 1) or b"")
    svc.rotate_page(ctx, code, 1, 2)
    assert _pdf_pages(svc.document_pdf(ctx, code, 1) or b"")[1][2] == 90
    svc.reorder_pages(ctx, code, 1, [3, 1, 2])
    after = _pdf_pages(svc.document_pdf(ctx, code, 1) or b"")
    assert [p[:2] for p in after] == [before[2][:2], before[0][:2], before[1][:2]]
    doc = svc.delete_page(ctx, code, 1, 1)
    assert doc.pages == 2
    svc.delete_page(ctx, code, 1, 1)
    doc = svc.delete_page(ctx, code, 1, 1)
    assert doc.pages == 0 and doc.attachment_id is None  # the last page gone: no row, no empty PDF
    with pytest.raises(ValidationError) as err:
        svc.delete_page(ctx, code, 1, 1)
    assert err.value.field == "page"


@pytest.mark.parametrize("bad_order", [[1, 1], [1], [0, 1], [1, 2, 3]])
def test_reorder_rejects_anything_but_a_permutation(ctx, code, page_files, bad_order):
    svc.attach_files(ctx, code, [page_files["grey.png"], page_files["bw.tif"]], 1)
    before = _state(ctx)
    with pytest.raises(ValidationError):
        svc.reorder_pages(ctx, code, 1, bad_order)
    assert _state(ctx) == before


def _encrypted_pdf(path: Path, source: Path) -> Path:
    with pikepdf.open(source) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(owner="o", user="secret"))
    return path


def test_one_bad_file_among_good_ones_writes_nothing(ctx, code, page_files, tmp_path):
    good = page_files["grey.png"]
    corrupt = tmp_path / "hong.jpg"
    corrupt.write_bytes(page_files["colour.jpg"].read_bytes()[:4000])
    text = tmp_path / "ghi-chu.txt"
    text.write_text("không phải ảnh", encoding="utf-8")
    huge = tmp_path / "lon.tif"
    with open(huge, "wb") as fh:  # 200 MB, sparse: refused by its size before any byte is read
        fh.truncate(200 * 1024 * 1024)
    pdf = tmp_path / "ok.pdf"
    svc.attach_files(ctx, code, [good], 1)
    pdf.write_bytes(svc.document_pdf(ctx, code, 1) or b"")
    locked = _encrypted_pdf(tmp_path / "mat-khau.pdf", pdf)
    icon = tmp_path / "bieu-tuong.png"  # a 16×16 icon picked by mistake (a 1×1 one failed in the encoder)
    Image.new("RGB", (16, 16), "white").save(icon)
    before = _state(ctx)
    for bad, words in (
        (corrupt, "hỏng"),
        (text, "không phải ảnh hay PDF"),
        (huge, "quá lớn"),
        (locked, "mật khẩu"),
        (tmp_path / "khong-co.png", "không có tệp"),
        (tmp_path, "thư mục"),
        (icon, "quá nhỏ (16×16 điểm ảnh)"),
    ):
        with pytest.raises(AttachmentError) as err:
            svc.attach_files(ctx, code, [good, bad, good], 2)
        assert str(bad) in err.value.user_message("vi") and words in err.value.user_message("vi")
        assert err.value.user_message("en").startswith(str(bad))
        assert _state(ctx) == before
    assert ctx.store.scalar("SELECT COUNT(*) FROM dossiers WHERE code = ?", (code,)) == 1


def test_unknown_dossier_or_document_row(ctx, code, page_files):
    from app.store.errors import NotFoundError

    with pytest.raises(NotFoundError):
        svc.attach_files(ctx, "000.00.12.H62-261116-9999", [page_files["grey.png"]], 1)
    for position in (0, 3):
        with pytest.raises(ValidationError) as err:
            svc.attach_files(ctx, code, [page_files["grey.png"]], position)
        assert err.value.field == "document" and "2" in err.value.reason_vi


def test_orphan_files_are_harmless_and_cleaned(ctx, code, page_files):
    first = svc.attach_files(ctx, code, [page_files["grey.png"]], 1)
    second = svc.attach_files(ctx, code, [page_files["bw.tif"]], 1)
    orphan = blobs.path_for(ctx.data_dir, first.sha256 or "")
    assert orphan.is_file()  # the previous version: no row points at it any more
    stray = orphan.parent / ".deadbeef.1.tmp"
    stray.write_bytes(b"half")
    assert svc.collect_garbage(ctx) == 0  # young files are left alone (another process may be committing)
    assert svc.collect_garbage(ctx, now=orphan.stat().st_mtime + blobs.GRACE_SECONDS + 1) == 2
    assert not orphan.exists() and not stray.exists()
    assert blobs.path_for(ctx.data_dir, second.sha256 or "").is_file()
    assert svc.check(ctx) == []


def test_usage_counts_what_is_on_disk(ctx, code, page_files):
    doc = svc.attach_files(ctx, code, [page_files["grey.png"], page_files["bw.tif"]], 2)
    u = svc.usage(ctx)
    assert (u["documents"], u["pages"], u["bytes"], u["pending"]) == (1, 2, doc.bytes, 1)
    sealing = len(MAGIC) + 12 + 16  # magic, nonce and tag of the sealed file (app/security/sealed.py)
    assert u["disk_bytes"] == doc.bytes + sealing and u["files_on_disk"] == 1


def test_missing_file_is_reported_by_check(ctx, code, page_files):
    doc = svc.attach_files(ctx, code, [page_files["grey.png"]], 1)
    blobs.path_for(ctx.data_dir, doc.sha256 or "").unlink()
    assert svc.check(ctx) == [{"sha256": doc.sha256, "problem": "missing"}]


@pytest.fixture
def small_disk(data_dir: Path, tmp_path: Path):
    """A data folder on a tmpfs with ~100 KB free: a real ENOSPC (needs root to mount; skipped otherwise)."""
    mount = tmp_path / "small"
    mount.mkdir()
    used = sum(p.stat().st_size for p in data_dir.rglob("*") if p.is_file())
    size_kb = used // 1024 + 400
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(mount)], capture_output=True)
    if proc.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (not root)")
    try:
        target = mount / "data"
        subprocess.run(["cp", "-a", str(data_dir), str(target)], check=True)
        yield target
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_full_disk_writes_no_row_and_no_partial_file(small_disk, page_files):
    from app.services.clock import FixedClock
    from app.services.context import ServiceContext
    from app.services.receive import ReceiveInput, receive_dossier
    from app.services.setup import open_store
    from app.store.errors import EnvironmentStoreError
    from tests.conftest import FIXED_NOW

    store = open_store(small_disk)
    try:
        ctx = ServiceContext(store=store, data_dir=small_disk, clock=FixedClock(FIXED_NOW))
        code = receive_dossier(
            ctx, ReceiveInput(procedure_code="1.001699", applicant_name="Lê Văn Tám", id_number="001085012345")
        ).dossier["code"]
        # Fill the disk to the last few KB, then attach a page of ~100 KB.
        filler = small_disk / "filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(fd)
        os.truncate(filler, max(0, filler.stat().st_size - 64 * 1024))
        with pytest.raises(EnvironmentStoreError) as err:
            svc.attach_files(ctx, code, [page_files["colour.jpg"], page_files["grey.png"]], 1)
        assert err.value.kind == "full" and "đầy" in err.value.reason_vi
        assert store.scalar("SELECT COUNT(*) FROM attachments") == 0
        assert list(blobs.root(small_disk).rglob("*.tmp")) == [] and list(blobs.files(small_disk)) == []
        assert store.scalar("SELECT COUNT(*) FROM dossiers WHERE code = ?", (code,)) == 1
        filler.unlink()
        assert svc.attach_files(ctx, code, [page_files["grey.png"]], 1).pages == 1  # space back: works
    finally:
        store.close()


def test_two_processes_attaching_at_once_keep_every_page(ctx, code, page_files):
    """Two connections (the app and a ``motcua`` command) append to the same document at the same time."""
    import threading

    from app.services.context import ServiceContext
    from app.services.setup import open_store

    errors: list[BaseException] = []
    names = iter(["grey.png", "bw.tif", "colour.jpg", "grey2.png"])

    def worker() -> None:
        store = open_store(ctx.data_dir)
        pdfs = svc.pages_from_files([page_files[next(names)], page_files[next(names)]])
        try:
            other = ServiceContext(store=store, data_dir=ctx.data_dir, clock=ctx.clock)
            for pdf in pdfs:
                svc.attach(other, code, 1, [pdf])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert svc.document_pages(ctx, code)[0].pages == 4 and svc.check(ctx) == []


def test_a_file_referenced_again_is_safe_from_the_clean_up(ctx, code, page_files):
    """Pages deleted, then the same page attached again: the old, unreferenced file is re-used and made young."""
    import os as _os

    doc = svc.attach_files(ctx, code, [page_files["grey.png"]], 1)
    svc.delete_page(ctx, code, 1, 1)
    path = blobs.path_for(ctx.data_dir, doc.sha256 or "")
    _os.utime(path, (1, 1))  # as if it had been orphaned for a long time
    before = path.stat().st_mtime
    blobs.put(ctx.data_dir, blobs.read(ctx.data_dir, doc.sha256 or "", ctx.store.key), key=ctx.store.key)
    assert path.stat().st_mtime > before
    assert svc.collect_garbage(ctx) == 0 and path.is_file()


def test_the_same_file_twice_is_refused_and_writes_nothing(ctx, code, page_files, tmp_path):
    """Picked twice in one go, or attached again later (also as the exported PDF): refused, naming both pages."""
    empty = _state(ctx)
    with pytest.raises(ValidationError) as picked:
        svc.attach_files(ctx, code, [page_files["grey.png"], page_files["bw.tif"], page_files["grey.png"]], 1)
    assert picked.value.field == "files" and "trang 3 giống hệt trang 1" in picked.value.reason_vi
    assert _state(ctx) == empty and empty[0] == 0
    svc.attach_files(ctx, code, [page_files["grey.png"], page_files["bw.tif"]], 1)
    before = _state(ctx)
    with pytest.raises(ValidationError, match="trang 3 giống hệt trang 2"):
        svc.attach_files(ctx, code, [page_files["bw.tif"]], 1)
    exported = tmp_path / "doc.pdf"
    exported.write_bytes(svc.document_pdf(ctx, code, 1) or b"")
    with pytest.raises(ValidationError, match="trang 3 giống hệt trang 1"):
        svc.attach_files(ctx, code, [exported], 1)
    assert _state(ctx) == before
    # Another document of the same dossier may carry the same paper; a different page is welcome.
    assert svc.attach_files(ctx, code, [exported], 2).pages == 2
    assert svc.attach_files(ctx, code, [page_files["colour.jpg"]], 1).pages == 3


def test_a_document_with_a_repeat_from_before_still_takes_new_pages(ctx, code, page_files):
    """A repeat stored before the check existed must not block every later page of that document."""
    from app.attachments import document

    grey = svc.pages_from_files([page_files["grey.png"]])[0]
    doubled = document.append(None, [grey, grey])
    assert document.repeated_page(None, [grey, grey]) == (2, 1)
    assert document.repeated_page(doubled, svc.pages_from_files([page_files["bw.tif"]])) is None
    assert document.repeated_page(doubled, [grey]) == (3, 1)
