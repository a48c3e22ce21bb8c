"""The view keys in the search entry (status, received day, procedure) follow the dossier, and every view of the
list searched through them holds exactly what the view holds."""

from __future__ import annotations

import pytest

from app.domain.status import Status
from app.services.receive import ReceiveInput, receive_dossier
from app.services.status_change import change_status
from app.store import dossiers, search_pending
from app.store.dossiers import ListFilter, list_seqs, search_seqs
from app.store.search_tags import tags_sql


def _tags(store, seq: int) -> str:
    search_pending.flush(store)  # as a search sees it: the entries of newly received dossiers written first
    return store.scalar("SELECT tags FROM dossier_search WHERE rowid = ?", (seq,))


def _expected(store, seq: int) -> str:
    return store.scalar(f"SELECT {tags_sql('d')} FROM dossiers AS d WHERE d.seq = ?", (seq,))


def test_a_status_change_moves_the_dossier_between_views(ctx):
    made = receive_dossier(ctx, ReceiveInput("1.004873", "Phạm Thu Hà", "001085012377", phone="0912000111"))
    seq = ctx.store.scalar("SELECT seq FROM dossiers WHERE code = ?", (made.code,))
    assert _tags(ctx.store, seq).startswith("zs2 zd")
    for q in ("pham thu", "0912000", made.code):
        assert search_seqs(ctx.store, q, flt=ListFilter(status=int(Status.RECEIVED))) == [seq]
    change_status(ctx, made.code, Status.PROCESSING)
    assert _tags(ctx.store, seq) == _expected(ctx.store, seq) and _tags(ctx.store, seq).startswith("zs4 ")
    assert search_seqs(ctx.store, "pham thu", flt=ListFilter(status=int(Status.RECEIVED))) == []
    assert search_seqs(ctx.store, "pham thu", flt=ListFilter(status=int(Status.PROCESSING))) == [seq]
    assert search_seqs(ctx.store, "pham thu", flt=ListFilter(open_only=True)) == [seq]
    assert search_seqs(ctx.store, "p", flt=ListFilter(status=int(Status.RECEIVED))) == []  # one letter: the same
    assert search_seqs(ctx.store, "p", flt=ListFilter(status=int(Status.PROCESSING))) == [seq]
    change_status(ctx, made.code, Status.PROCESSED)
    change_status(ctx, made.code, Status.RETURNED)
    assert search_seqs(ctx.store, "pham thu", flt=ListFilter(open_only=True)) == []
    assert search_seqs(ctx.store, "pham thu", flt=ListFilter(status=int(Status.RETURNED))) == [seq]


def test_rewriting_the_entry_keeps_the_tags(ctx):
    """A correction rewrites the whole entry (``dossiers.index``); its tags come from the row as it is now."""
    made = receive_dossier(ctx, ReceiveInput("1.004873", "Phạm Thu Hà", "001085012377"))
    change_status(ctx, made.code, Status.PROCESSING)
    row = dossiers.by_code(ctx.store, made.code)
    with ctx.store.transaction():
        dossiers.index(ctx.store, row["seq"], {**row, "applicant_name": "Phạm Thu Hằng"})
    assert _tags(ctx.store, row["seq"]) == _expected(ctx.store, row["seq"])
    assert search_seqs(ctx.store, "hang", flt=ListFilter(status=int(Status.PROCESSING))) == [row["seq"]]


def test_no_typed_word_reaches_a_tag(ctx):
    receive_dossier(ctx, ReceiveInput("1.004873", "Phạm Thu Hà", "001085012377"))
    for q in ("zs", "zs2", "zd", "zp1004873", "z"):
        assert search_seqs(ctx.store, q) == [], q


@pytest.fixture
def spread(ctx):
    """Dossiers over two days, two procedures, several statuses and channels."""
    people = [("Nguyễn Văn Chứng", "2.000884", "counter"), ("Trần Thị Mạnh", "1.004873", "post"),
              ("Lê Văn", "2.000884", "counter"), ("Nguyễn Thị Lan", "1.004873", "online"),
              ("Đặng Minh Tuấn", "1.004873", "counter")]
    codes = []
    for _day in range(2):
        for name, proc, channel in people:
            codes.append(receive_dossier(ctx, ReceiveInput(proc, name, "001085012399", phone="0912345678",
                                                           channel=channel, pages=1)).code)
        ctx.clock.advance(days=1)
    for code, target in zip(codes, (Status.PROCESSING, Status.SUPPLEMENT, Status.PROCESSED, None, Status.PROCESSING),
                            strict=False):
        if target is not None:
            change_status(ctx, code, target, reason="thiếu giấy tờ" if target == Status.SUPPLEMENT else None)
    for target in (Status.PROCESSED, Status.RETURNED):  # terminal statuses: views spelled "NOT the others"
        change_status(ctx, codes[7], target)
    change_status(ctx, codes[8], Status.WITHDRAWN)
    return codes


def test_every_view_holds_what_it_should(ctx, spread):
    first_day = ctx.store.scalar("SELECT MIN(received_day) FROM dossiers")
    due = ctx.store.scalar("SELECT MAX(due_at) FROM dossiers")
    views = [ListFilter(day=first_day), ListFilter(status=int(Status.PROCESSING)), ListFilter(open_only=True),
             ListFilter(statuses=(int(Status.SUPPLEMENT),)), ListFilter(statuses=(int(Status.PROCESSED),)),
             ListFilter(procedure_code="1.004873", status=int(Status.RECEIVED)),
             ListFilter(day=first_day, procedure_code="2.000884"),
             ListFilter(statuses=(1, 2, 4, 6), due_before=due), ListFilter(channel="post"),
             ListFilter(open_only=True, due_from=first_day, due_before=due), ListFilter(status=int(Status.RETURNED)),
             ListFilter(statuses=(int(Status.WITHDRAWN), int(Status.RETURNED))),
             ListFilter(status=int(Status.RETURNED), procedure_code="1.004873"),
             ListFilter(status=int(Status.RETURNED), open_only=True),
             ListFilter(statuses=tuple(int(s) for s in Status))]
    tested = set()
    for q in ("nguyen", "van", "nguyen van", "manh", "n", "t m", "chung thuc", "0912", "001085012399", spread[1]):
        everywhere = search_seqs(ctx.store, q, limit=1000)
        for flt in views:
            held = set(list_seqs(ctx.store, flt))
            assert search_seqs(ctx.store, q, limit=1000, flt=flt) == [s for s in everywhere if s in held], (q, flt)
            tested.add(bool(held))
    assert tested == {True, False}  # views with dossiers and without


def test_an_upgraded_store_searches_its_old_dossiers_by_view(tmp_path):
    """The step that adds the tags copies every old entry and tags it from its dossier (the v7 fixture: the
    last schema without tags, with dossiers in several statuses)."""
    import shutil
    from pathlib import Path

    from app.services.setup import open_store
    from app.store.db import DB_FILENAME

    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(Path(__file__).parents[1] / "upgrade" / "fixtures" / "store-v7.sqlite3", data / DB_FILENAME)
    store = open_store(data)
    try:
        rows = store.query("SELECT seq, status, applicant_name FROM dossiers")
        assert rows and store.scalar("SELECT COUNT(*) FROM dossier_search") == len(rows)
        for row in rows:
            assert _tags(store, row["seq"]) == _expected(store, row["seq"])
            found = search_seqs(store, row["applicant_name"], flt=ListFilter(status=row["status"]))
            assert row["seq"] in found
    finally:
        store.close()
