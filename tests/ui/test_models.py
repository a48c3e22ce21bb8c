"""Every model of the app passes pytest-qt's model tester (Qt's QAbstractItemModelTester)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.store import catalog
from app.ui.intake.documents import DocumentsModel, rows_for
from app.ui.intake.procedure_picker import CODE_ROLE, FoldFilterProxy, ProcedureListModel


def test_procedure_models(qtmodeltester: Any, session: Any) -> None:
    source = ProcedureListModel(catalog.list_rows(session.store))
    qtmodeltester.check(source, force_py=True)
    proxy = FoldFilterProxy()
    proxy.setSourceModel(source)
    proxy.set_text("chung thuc")
    qtmodeltester.check(proxy, force_py=True)
    codes = [proxy.index(r, 0).data(CODE_ROLE) for r in range(proxy.rowCount())]
    assert codes and all(c.startswith("2.") for c in codes)
    proxy.set_text("KHAI SINH")  # case and accents ignored; the shortest match first
    assert proxy.index(0, 0).data(CODE_ROLE) == "1.001193"
    proxy.set_text("")
    assert proxy.rowCount() == source.rowCount()


def test_documents_model(qtmodeltester: Any, session: Any) -> None:
    model = DocumentsModel()
    model.set_rows(rows_for(catalog.get(session.store, "1.000894").documents))
    qtmodeltester.check(model, force_py=True)
    assert model.setData(model.index(0, 1), 2)
    assert not model.setData(model.index(0, 1), -1)
    assert not model.setData(model.index(0, 0), "   ")  # a document needs a name
    assert model.setData(model.index(0, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    model.add_row("Giấy tờ khác")
    qtmodeltester.check(model, force_py=True)
