"""Hostile log book export: one dossier whose text holds a control character, among good ones.

What was found: a dossier stored before intake refused such text (an address with a terminal escape pasted in,
a pulled record) made openpyxl raise, so the whole day's XLSX log book failed with "lỗi nội bộ". The character
now becomes U+FFFD in its cell and every other row is exported as it is.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from app.reports.service import export_log
from app.services.context import Actor
from app.services.receive import ReceiveInput, receive_dossier
from app.store.reports import Scope


def test_one_odd_address_among_good_rows_exports(ctx):
    codes = [receive_dossier(ctx, ReceiveInput(procedure_code="1.004873", applicant_name=name,
                                               id_number="001085012345", address="Thôn 1")).code
             for name in ("Lê An", "Trần Bình")]
    with ctx.store.transaction():  # as stored by an earlier version
        ctx.store.conn.execute("UPDATE dossiers SET address = ?, notes = ? WHERE code = ?",
                               ("Thôn\x1b[2J 1", "gọi\x07 lại", codes[0]))
    ctx.actor = Actor("giamsat", "Lê Thị Giám Sát", "supervisor")
    day = ctx.clock.now().date().isoformat()
    sheet = load_workbook(BytesIO(export_log(ctx, Scope(day, day), "xlsx"))).active
    rows = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == set(codes)
    odd = [str(v) for v in rows[codes[0]] if isinstance(v, str)]
    assert any("Thôn\ufffd[2J 1" in v for v in odd) and any("gọi\ufffd lại" in v for v in odd)
    assert any("Thôn 1" in str(v) for v in rows[codes[1]])
