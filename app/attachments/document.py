"""One PDF per document: append pages, rotate, reorder and delete them, count them (pikepdf).

Every operation takes the current PDF's bytes and returns new bytes, so the caller can write the result as a new
content-addressed file and swap the reference in one transaction; a PDF on disk is never edited in place.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator, Sequence

import pikepdf

from app.attachments.encode import encode_page, page_pdf
from app.attachments.inputs import PageSource


def _save(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True)
    return out.getvalue()


def source_pdf(page: PageSource, mode: str = "auto") -> bytes:
    """The PDF bytes of one input: a compressed page image, or the input PDF itself."""
    if page.pdf is not None:
        return page.pdf
    assert page.image is not None
    return page_pdf(encode_page(page.image, mode))


def append(current: bytes | None, additions: Sequence[bytes]) -> bytes:
    """``current`` (or nothing) followed by every page of each PDF in ``additions``, in order."""
    with pikepdf.new() if current is None else pikepdf.open(io.BytesIO(current)) as pdf:
        for extra in additions:
            with pikepdf.open(io.BytesIO(extra)) as src:
                pdf.pages.extend(src.pages)
        return _save(pdf)


def _scan_prints(pdf: pikepdf.Pdf) -> Iterator[str | None]:
    """Per page, a digest of its images' encoded bytes (None for a page without an image).

    Pages made from the same file have byte-identical image streams (encoding is deterministic and appending copies
    streams as they are), while two scans of the same paper never do: equal digests mean the same file came twice.
    Pages without an image (a typed PDF's blank or text pages) are not compared: repeats there can be genuine.
    """
    for page in pdf.pages:
        images = page.get_images()
        if not images:
            yield None
            continue
        digest = hashlib.sha256()
        for name in sorted(images):
            digest.update(images[name].read_raw_bytes())
        yield digest.hexdigest()


def repeated_page(current: bytes | None, additions: Sequence[bytes]) -> tuple[int, int] | None:
    """(new page, earlier page), 1-based in the document as it would be, of the first added page that repeats one.

    A page of one input is compared with the document's pages and with the other inputs' pages, not with the
    other pages of its own input (a multi-page file is the citizen's, as it is); the document's own pages are not
    compared with each other (a repeat stored before this check must not block every later page).
    """
    seen: dict[str, int] = {}
    number = 0
    inputs = [(current, False)] if current is not None else []
    for data, checked in inputs + [(extra, True) for extra in additions]:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            prints = list(_scan_prints(pdf))
        for offset, digest in enumerate(prints, start=1):
            if checked and digest is not None and digest in seen:
                return number + offset, seen[digest]
        for offset, digest in enumerate(prints, start=1):
            if digest is not None:
                seen.setdefault(digest, number + offset)
        number += len(prints)
    return None


def page_count(data: bytes) -> int:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def rotate(data: bytes, page: int, degrees: int) -> bytes:
    """Rotate page ``page`` (1-based) clockwise by a multiple of 90 degrees."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.pages[page - 1].rotate(degrees, relative=True)
        return _save(pdf)


def delete(data: bytes, page: int) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        del pdf.pages[page - 1]
        return _save(pdf)


def reorder(data: bytes, order: Sequence[int]) -> bytes:
    """Pages in the new ``order`` (a permutation of 1..n)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if sorted(order) != list(range(1, len(pdf.pages) + 1)):
            raise ValueError("order must be a permutation of the pages")
        with pikepdf.new() as out:
            for number in order:
                out.pages.append(pdf.pages[number - 1])
            return _save(out)
