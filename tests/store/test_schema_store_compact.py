"""The compact store (issue 18, item 12): documents' names interned once per store, a search index without
positions; the receipt reads the names a dossier was received with, the audit chain still covers every name, and a
store made by schema 9 upgrades with its history verifying and no document re-recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services.print_data import receipt
from app.services.receive import DocumentInput, ReceiveInput, receive_dossier
from app.services.setup import open_store
from app.store import catalog, dossiers
from app.store.audit import verify
from app.store.db import DB_FILENAME
from app.store.jsonutil import dumps
from app.store.schema_store_compact import intern_document_names, migrate_store_compact, rebuild_search
from tests.helpers.raw import data_dir_with, raw_connect, raw_sql

FIXTURE = Path(__file__).parents[1] / "upgrade" / "fixtures" / "store-v9.sqlite3"
TYPED = "Giấy ủy quyền (bản viết tay)"


def _receive(ctx, documents=None, name="Vũ Văn Đông") -> str:
    return receive_dossier(ctx, ReceiveInput("1.004873", name, "001085012345", documents=documents)).code


def _names(ctx, code: str) -> list[str]:
    return [d["name"] for d in dossiers.documents(ctx.store, dossiers.by_code(ctx.store, code)["id"])]


def _tamper(data: Path, *statements: str) -> None:
    raw_sql(data / DB_FILENAME, *statements)


def test_each_name_is_stored_once_and_read_back_as_received(ctx):
    received = receive_dossier(ctx, ReceiveInput("1.004873", "Vũ Văn Đông", "001085012345"))
    first, required = received.code, [d["name"] for d in received.documents]
    second = _receive(ctx)
    typed = _receive(ctx, (DocumentInput(TYPED, originals=1), DocumentInput("Tờ khai", photocopies=2)))
    assert required and len(required[0]) > 100, "the catalogue's long names"
    assert _names(ctx, first) == _names(ctx, second) == required
    assert _names(ctx, typed) == [TYPED, "Tờ khai"]
    stored = [r[0] for r in ctx.store.execute("SELECT name FROM document_names ORDER BY id")]
    assert stored == [*dict.fromkeys(required), TYPED, "Tờ khai"], "each text once, in the order first used"
    assert "name" not in {r[1] for r in ctx.store.execute("PRAGMA table_info(dossier_documents)")}
    assert verify(ctx.store).ok


def test_an_old_receipt_keeps_its_names_after_the_catalogue_changes(ctx):
    code = _receive(ctx)
    before = [d.name for d in receipt(ctx, code).documents]
    record = catalog.any_record(ctx.store, "1.004873")
    record["documents"] = [{**d, "name_vi": "Tên mới " + d["name_vi"]} for d in record["documents"]]
    with ctx.store.transaction():
        catalog.upsert_records(ctx.store, [record], "2026-11-20T08:00:00+07:00")
    newer = _receive(ctx)
    assert [d.name for d in receipt(ctx, code).documents] == before
    assert all(name.startswith("Tên mới ") for name in _names(ctx, newer))
    assert verify(ctx.store).ok


def test_an_interned_name_edited_behind_the_triggers_is_found_on_every_document_naming_it(ctx):
    codes = [_receive(ctx), _receive(ctx)]
    ids = {dossiers.by_code(ctx.store, c)["id"] for c in codes}
    ctx.store.close()
    _tamper(ctx.data_dir, "DROP TRIGGER document_names_no_update",
            "UPDATE document_names SET name = 'Giấy giả' WHERE id = 1")
    ctx.store = open_store(ctx.data_dir)
    result = verify(ctx.store)
    assert not result.ok
    named = ctx.store.query("SELECT id, dossier_id FROM dossier_documents WHERE name_id = 1")
    assert {d.object_id for d in result.drift} == {str(r["id"]) for r in named}
    assert {r["dossier_id"] for r in named} == ids


def test_a_document_pointed_at_another_name_is_found(ctx):
    _receive(ctx)
    _receive(ctx, (DocumentInput(TYPED, originals=1),))
    ctx.store.close()
    drop = [f"DROP TRIGGER audit_row_dossier_documents_{e}" for e in ("insert", "update", "delete")]
    _tamper(ctx.data_dir, *drop, "UPDATE dossier_documents SET name_id = 1 WHERE id = (SELECT max(id) FROM "
            "dossier_documents)")
    ctx.store = open_store(ctx.data_dir)
    result = verify(ctx.store)
    assert not result.ok and [d.table for d in result.drift] == ["dossier_documents"]


def test_interned_names_are_append_only(ctx):
    _receive(ctx)
    for sql in ("UPDATE document_names SET name = 'x'", "DELETE FROM document_names"):
        with pytest.raises(Exception, match="append-only"):
            ctx.store.execute(sql)


def test_search_still_finds_by_every_field_and_odd_input_is_no_error(ctx):
    code = _receive(ctx, name="Nguyễn Văn Mạnh")
    _receive(ctx, name="Nguyễn Thị Mạnh")
    sql = ctx.store.scalar("SELECT sql FROM sqlite_master WHERE name = 'dossier_search'")
    assert "detail = none" in sql and "columnsize = 0" in sql
    seq = dossiers.by_code(ctx.store, code)["seq"]
    assert list(dossiers.search_seqs(ctx.store, "nguyen van manh")) == [seq]
    assert dossiers.search_seqs(ctx.store, code)[0] == seq
    assert len(dossiers.search_seqs(ctx.store, "n")) == 2
    # Each of these would be a phrase to FTS5 if quoted whole, and an index without positions refuses phrases.
    for typed in ("nguyen_van", "a_b", "Mạnh_x", "văn\u00b7mạnh", "manh\u2019s"):
        dossiers.search_seqs(ctx.store, typed)
    assert list(dossiers.search_seqs(ctx.store, "nguyen_van")) == [seq]
    flt = dossiers.ListFilter(procedure_code="1.004873", day=dossiers.by_code(ctx.store, code)["received_day"])
    assert seq in dossiers.search_seqs(ctx.store, "manh", flt=flt)
    assert not dossiers.search_seqs(ctx.store, "manh", flt=dossiers.ListFilter(procedure_code="1.000-xyz.a_b"))


@pytest.fixture()
def old_store(tmp_path: Path) -> Path:
    return data_dir_with(FIXTURE, tmp_path)


def _documents_of(data: Path) -> list[tuple]:
    raw = raw_connect(data / DB_FILENAME, readonly=True)
    try:
        cols = [r[1] for r in raw.execute("PRAGMA table_info(dossier_documents)")]
        name = "name" if "name" in cols else "(SELECT name FROM document_names WHERE id = name_id)"
        return raw.execute(f"SELECT id, dossier_id, position, {name}, originals, pages FROM dossier_documents "
                           "ORDER BY id").fetchall()
    finally:
        raw.close()


def test_a_schema_9_store_upgrades_without_re_recording_its_documents(old_store: Path):
    before = _documents_of(old_store)
    raw = raw_connect(old_store / DB_FILENAME, readonly=True)
    rows_before = raw.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    searched = raw.execute("SELECT rowid, code, applicant, id_number, phone, procedure, tags FROM dossier_search "
                           "ORDER BY rowid").fetchall()
    raw.close()
    assert before, "the fixture holds documents"
    store = open_store(old_store)
    try:
        assert _documents_of(old_store) == before
        result = verify(store)
        assert result.ok, result
        added = store.query("SELECT action, object_type FROM audit_log WHERE seq > ?", (rows_before,))
        assert not [r for r in added if r["object_type"] == "dossier_documents"], "no document re-recorded"
        assert store.execute("SELECT rowid, code, applicant, id_number, phone, procedure, tags FROM dossier_search "
                             "ORDER BY rowid").fetchall() == searched
        with store.transaction():  # the step again: nothing left to do
            assert not intern_document_names(store.conn) and not rebuild_search(store.conn)
            migrate_store_compact(store.conn)
        assert _documents_of(old_store) == before and verify(store).ok
    finally:
        store.close()


def test_a_document_tampered_before_the_upgrade_is_still_found(old_store: Path):
    _tamper(old_store, *[f"DROP TRIGGER audit_row_dossier_documents_{e}" for e in ("insert", "update", "delete")],
            "UPDATE dossier_documents SET name = 'Giấy khác' WHERE id = (SELECT min(id) FROM dossier_documents)")
    store = open_store(old_store)
    try:
        result = verify(store)
        assert not result.ok and [d.table for d in result.drift] == ["dossier_documents"]
        assert dumps(sorted(d.reason for d in result.drift)) == dumps(["row differs from its audited content"])
    finally:
        store.close()
