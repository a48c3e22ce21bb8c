"""``motcua selftest``: prove that an installed copy works end to end, without touching the user's data.

Why: a PyInstaller bundle fails in ways the source tree never does - a missing resource, a data file left out, a
Qt plugin that does not load, a font that is not embedded. CI runs this inside the built bundle and a technician
can run it on a counter PC. Everything happens in a temporary folder: make a store, set up an office, receive a
dossier, render form 01, read the PDF back (pypdfium2, which ships in the bundle; pdftotext may not exist on
the PC), back the store up and check the copy, then start Qt offscreen. Each check says what it saw.
"""

from __future__ import annotations

import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OFFICE_CODE = "000.00.00.T00"
APPLICANT = "Nguyễn Thị Thử"  # tone marks on purpose: the text must come back from the PDF intact
ID_NUMBER = "001085012345"  # a well-formed, made-up citizen ID (Hà Nội, male, born 1985)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


class SelftestFailure(Exception):
    """A check saw something wrong (kept apart from ``assert`` so that ``python -O`` cannot skip it)."""


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise SelftestFailure(message)


def pdf_text(pdf: bytes) -> str:
    """All text of ``pdf``, NFC-normalised (pdfium may hand back decomposed Vietnamese)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        parts = []
        for page in doc:
            textpage = page.get_textpage()
            parts.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        doc.close()
    return unicodedata.normalize("NFC", "\n".join(parts))


def _store_steps(folder: Path, state: dict[str, Any]) -> list[tuple[str, Callable[[], str]]]:
    """The checks that need a store, in order; each returns its detail and may leave things in ``state``."""

    def open_() -> str:
        from app.security.keys import DeviceKeys
        from app.services.context import ServiceContext
        from app.services.setup import open_store
        from app.store import catalog
        from app.store.migrations import LATEST

        store = open_store(folder)
        state["ctx"] = ServiceContext(store=store, data_dir=folder)
        _expect(store.user_version == LATEST, f"schema {store.user_version}, expected {LATEST}")
        _expect(store.encrypted, "the store is not encrypted")
        procedures = catalog.count(store)
        return f"schema v{store.user_version}, catalogue {procedures} procedures, encrypted; key kept in " + (
            DeviceKeys().describe()[1]
        )

    def init() -> str:
        from app.services.setup import init_office

        init_office(state["ctx"], office_code=OFFICE_CODE, office_name="UBND xã Kiểm Thử", admin_password="selftest-1")
        return f"office {OFFICE_CODE}"

    def receive() -> str:
        from app.services.receive import ReceiveInput, receive_dossier
        from app.services.setup import shipped_catalog

        procedure = shipped_catalog()[0]["code"]
        result = receive_dossier(state["ctx"], ReceiveInput(procedure, applicant_name=APPLICANT, id_number=ID_NUMBER))
        state["code"] = result.code
        return f"dossier {result.code} ({procedure})"

    def render() -> str:
        from app.printing.form01 import render_receipt
        from app.services import print_data

        pdf = render_receipt(print_data.receipt(state["ctx"], state["code"]))
        _expect(pdf.startswith(b"%PDF-"), "not a PDF")
        state["pdf"] = pdf
        return f"form 01, {len(pdf)} bytes"

    def read_back() -> str:
        text = pdf_text(state["pdf"])
        for expected in (state["code"], APPLICANT, "GIẤY TIẾP NHẬN HỒ SƠ"):
            _expect(expected in text, f"{expected!r} not found in the PDF text")
        return f"code, applicant and title found in {len(text)} characters"

    def backup() -> str:
        from app.store import audit
        from app.store.backup import backup_to, check_backup_file

        ctx = state["ctx"]
        copy = backup_to(ctx.store, folder / "backups" / "selftest.sqlite3")
        version = check_backup_file(copy, ctx.store.key)
        chain = audit.verify(ctx.store)
        _expect(chain.ok, f"audit chain broken at row {chain.broken_seq}")
        return f"backup passes integrity check (schema v{version}); audit chain of {chain.rows} rows intact"

    return [
        ("store", open_),
        ("office", init),
        ("receive", receive),
        ("render", render),
        ("read-back", read_back),
        ("backup", backup),
    ]


def qt_check() -> str:
    """Check that Qt starts (delegated to app/ui: the only layer that imports PySide6)."""
    from app.ui.selftest_qt import qt_check as check

    return check(APPLICANT)


def _forget_key(folder: Path) -> None:
    """Remove the throwaway store's key from the OS key store, so self-tests leave nothing behind."""
    from app.security.keys import DeviceKeys

    keys = DeviceKeys()
    key_id = keys.key_id(folder)
    if key_id is not None:
        keys.backend.delete(key_id)


def run_selftest(*, with_qt: bool = True) -> list[Check]:
    """Run every check in a temporary folder; stops at the first failure of the store chain."""
    results: list[Check] = []
    state: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="motcua-selftest-", ignore_cleanup_errors=True) as tmp:
        try:
            for name, step in _store_steps(Path(tmp), state):
                try:
                    results.append(Check(name, True, step()))
                except Exception as exc:
                    results.append(Check(name, False, f"{type(exc).__name__}: {exc}"))
                    break
        finally:
            if "ctx" in state:
                state["ctx"].store.close()
            _forget_key(Path(tmp))
    if with_qt:
        try:
            results.append(Check("qt", True, qt_check()))
        except Exception as exc:
            results.append(Check("qt", False, f"{type(exc).__name__}: {exc}"))
    return results
