"""Use cases of a dossier's scanned pages: attach from files or a scanner, rotate/reorder/delete, list, usage.

Every input is read and compressed before anything is written, so a bad file among good ones writes nothing and
the dossier itself is never touched. The expensive part (compressing pages) runs outside the transaction; the
transaction reads the document's current PDF, appends or edits, stores the new file (fsynced, renamed) and points
the row at it, then audits, so two processes editing the same document never lose each other's pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from app.attachments.errors import AttachmentError
from app.attachments.inputs import PageSource, read_file
from app.domain.errors import ValidationError
from app.security.sealed import SealError
from app.services.audited import audited
from app.services.context import ServiceContext
from app.services.ids import new_id
from app.store import attachments as repo
from app.store import blobs, dossiers


def _pdfdoc() -> ModuleType:
    """The PDF module (pikepdf, Pillow, img2pdf), loaded with the first page handled rather than at start."""
    from app.attachments import document

    return document


@dataclass
class DocumentPages:
    position: int
    name: str
    attachment_id: str | None
    pages: int
    bytes: int
    sha256: str | None
    upload_state: str | None
    uploaded_bytes: int


def _document_names(ctx: ServiceContext, dossier_id: str) -> list[str]:
    return [d["name"] for d in dossiers.documents(ctx.store, dossier_id)]


def _check_position(names: list[str], position: int) -> None:
    if not 1 <= position <= len(names):
        raise ValidationError(
            "document",
            f"không có thành phần hồ sơ số {position} (danh mục có {len(names)} dòng)",
            f"there is no document {position} (the checklist has {len(names)} rows)",
        )


def pages_from_files(files: Sequence[Path], mode: str = "auto") -> list[bytes]:
    """One PDF per input file (compressed pages); raises naming the first bad file, having written nothing."""
    out: list[bytes] = []
    for path in files:
        sources = read_file(Path(path))
        out.extend(_pdfs(str(path), sources, mode))
    return out


def _pdfs(name: str, sources: list[PageSource], mode: str) -> list[bytes]:
    try:
        return [_pdfdoc().source_pdf(s, mode) for s in sources]
    except (OSError, ValueError) as exc:
        raise AttachmentError(name, "không nén được trang ảnh", f"cannot compress the page ({exc})") from exc


def pages_from_images(name: str, sources: list[PageSource], mode: str = "auto") -> list[bytes]:
    return _pdfs(name, sources, mode)


def _edit(
    ctx: ServiceContext, code: str, position: int, action: str, change: Callable[[bytes | None], bytes], detail: dict
) -> DocumentPages:
    dossier = dossiers.by_code(ctx.store, code)
    names = _document_names(ctx, dossier["id"])
    _check_position(names, position)
    with audited(ctx, action, "dossier", dossier["id"], {"document": position, **detail}) as now:
        row = repo.get(ctx.store, dossier["id"], position)
        current = blobs.read(ctx.data_dir, row["sha256"], ctx.store.key) if row else None
        if current is None and action != "attachment.add":
            raise ValidationError("document", "thành phần này chưa có trang nào", "this document has no pages")
        data = change(current)
        pages = _pdfdoc().page_count(data) if data else 0
        if pages == 0:
            if row:
                repo.remove(ctx.store, row["id"])
        else:
            sha = blobs.put(ctx.data_dir, data, f"trang của {code}", ctx.store.key)
            repo.upsert(
                ctx.store,
                {
                    "id": row["id"] if row else new_id(),
                    "dossier_id": dossier["id"],
                    "document_position": position,
                    "sha256": sha,
                    "pages": pages,
                    "bytes": len(data),
                    "updated_at": now,
                },
            )
    return document_pages(ctx, code)[position - 1]


def attach(
    ctx: ServiceContext, code: str, position: int, page_pdfs: Sequence[bytes], *, picked_files: bool = False
) -> DocumentPages:
    """Append already-compressed pages (one PDF each) to document ``position`` of dossier ``code``.

    ``picked_files``: the pages come from files a clerk chose, so a page equal to one already there is the same
    file twice and is refused. Not for a scanner's pages: it can send two identical frames (blank pages cleaned
    to white, a test device), and those are real sheets.
    """
    if not page_pdfs:
        raise ValidationError("document", "không có trang nào để đính kèm", "no pages to attach")
    added = sum(_pdfdoc().page_count(p) for p in page_pdfs)

    def change(current: bytes | None) -> bytes:
        if picked_files:
            _refuse_repeated_page(current, page_pdfs)
        return _pdfdoc().append(current, page_pdfs)

    return _edit(ctx, code, position, "attachment.add", change, {"pages_added": added})


def _refuse_repeated_page(current: bytes | None, page_pdfs: Sequence[bytes]) -> None:
    """The same file attached twice (picked twice, or again later) would print and upload every page twice."""
    repeat = _pdfdoc().repeated_page(current, page_pdfs)
    if repeat is not None:
        new, earlier = repeat
        raise ValidationError(
            "files",
            f"trang {new} giống hệt trang {earlier} của thành phần này: một tệp được đính kèm hai lần; "
            "không trang nào được thêm",
            f"page {new} is identical to page {earlier} of this document: a file was attached twice; no page was "
            "added",
        )


def check_target(ctx: ServiceContext, code: str, position: int) -> None:
    """The dossier exists and has checklist row ``position``: checked before a slow read or scan."""
    dossier = dossiers.by_code(ctx.store, code)
    _check_position(_document_names(ctx, dossier["id"]), position)


def attach_files(
    ctx: ServiceContext, code: str, files: Sequence[Path], position: int = 1, mode: str = "auto"
) -> DocumentPages:
    """``motcua dossier attach``: check the dossier and the row first, then read every file, then write once."""
    check_target(ctx, code, position)
    return attach(ctx, code, position, pages_from_files(files, mode), picked_files=True)


def _check_page(ctx: ServiceContext, code: str, position: int, page: int) -> None:
    doc = document_pages(ctx, code)[position - 1] if position >= 1 else None
    count = doc.pages if doc else 0
    if not 1 <= page <= count:
        raise ValidationError(
            "page", f"không có trang {page} (tài liệu có {count} trang)", f"no page {page} (the document has {count})"
        )


def rotate_page(ctx: ServiceContext, code: str, position: int, page: int, degrees: int = 90) -> DocumentPages:
    _check_position(_document_names(ctx, dossiers.by_code(ctx.store, code)["id"]), position)
    _check_page(ctx, code, position, page)
    if degrees % 90:
        raise ValidationError("rotation", "góc xoay phải là bội của 90", "rotation must be a multiple of 90")
    return _edit(
        ctx, code, position, "attachment.rotate", lambda cur: _pdfdoc().rotate(cur, page, degrees), {"page": page}
    )


def delete_page(ctx: ServiceContext, code: str, position: int, page: int) -> DocumentPages:
    _check_position(_document_names(ctx, dossiers.by_code(ctx.store, code)["id"]), position)
    _check_page(ctx, code, position, page)

    def change(cur: bytes | None) -> bytes:
        assert cur is not None
        return b"" if _pdfdoc().page_count(cur) == 1 else _pdfdoc().delete(cur, page)

    return _edit(ctx, code, position, "attachment.delete_page", change, {"page": page})


def reorder_pages(ctx: ServiceContext, code: str, position: int, order: Sequence[int]) -> DocumentPages:
    doc_id = dossiers.by_code(ctx.store, code)["id"]
    _check_position(_document_names(ctx, doc_id), position)
    count = document_pages(ctx, code)[position - 1].pages
    if sorted(order) != list(range(1, count + 1)):
        raise ValidationError(
            "page", f"thứ tự phải gồm đủ các trang 1–{count}", f"the order must list every page 1–{count}"
        )
    return _edit(
        ctx, code, position, "attachment.reorder", lambda cur: _pdfdoc().reorder(cur, order), {"order": list(order)}
    )


def document_pages(ctx: ServiceContext, code: str) -> list[DocumentPages]:
    """Every checklist row of the dossier with its pages (0 when nothing is attached)."""
    dossier = dossiers.by_code(ctx.store, code)
    rows = {r["document_position"]: r for r in repo.for_dossier(ctx.store, dossier["id"])}
    out = []
    for position, name in enumerate(_document_names(ctx, dossier["id"]), start=1):
        r = rows.get(position)
        out.append(
            DocumentPages(
                position=position,
                name=name,
                attachment_id=r["id"] if r else None,
                pages=r["pages"] if r else 0,
                bytes=r["bytes"] if r else 0,
                sha256=r["sha256"] if r else None,
                upload_state=r["upload_state"] if r else None,
                uploaded_bytes=r["uploaded_bytes"] if r else 0,
            )
        )
    return out


def document_pdf(ctx: ServiceContext, code: str, position: int) -> bytes | None:
    doc = document_pages(ctx, code)
    _check_position([d.name for d in doc], position)
    sha = doc[position - 1].sha256
    return blobs.read(ctx.data_dir, sha, ctx.store.key) if sha else None


def usage(ctx: ServiceContext) -> dict[str, Any]:
    """What the supervisor sees: referenced documents/pages/bytes, bytes on disk, what is left to upload."""
    files, disk = blobs.usage(ctx.data_dir)
    folder = str(blobs.root(ctx.data_dir))
    return {**repo.totals(ctx.store), "files_on_disk": files, "disk_bytes": disk, "folder": folder}


def check(ctx: ServiceContext) -> list[dict[str, Any]]:
    """Rows whose file is missing or does not match its hash (should never happen; shown by ``attachments check``)."""
    bad = []
    for sha in sorted(repo.referenced_hashes(ctx.store)):
        path = blobs.path_for(ctx.data_dir, sha)
        if not path.is_file():
            bad.append({"sha256": sha, "problem": "missing"})
        else:
            try:
                intact = blobs.digest(blobs.read(ctx.data_dir, sha, ctx.store.key)) == sha
            except SealError:
                intact = False
            if not intact:
                bad.append({"sha256": sha, "problem": "hash_mismatch"})
    return bad


def collect_garbage(ctx: ServiceContext, now: float | None = None) -> int:
    return len(blobs.collect_garbage(ctx.data_dir, repo.referenced_hashes(ctx.store), now))
