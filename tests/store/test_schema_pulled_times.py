"""Schema step pulled_times: status times the province set, stored as UTC text by older versions, read as Vietnam
time; a dossier returned straight from "in progress" gets its finish time. Figures count them on the right day."""

from __future__ import annotations

from app.domain.status import Status
from app.domain.timezone import stored_time_text
from app.services.receive import ReceiveInput, receive_dossier
from app.store import audit, row_audit
from app.store.schema_pulled_times import migrate_pulled_times, utc_rows_sql


def _set(store, code: str, **values) -> None:
    sets = ", ".join(f"{c} = ?" for c in values)
    with store.transaction():
        store.execute(f"UPDATE dossiers SET {sets} WHERE code = ?", (*values.values(), code))


def _times(store, code: str) -> tuple:
    return store.execute("SELECT finished_at, returned_at FROM dossiers WHERE code = ?", (code,)).fetchone()


def test_utc_status_times_become_vietnam_time_and_a_returned_dossier_is_finished(ctx):
    store = ctx.store
    a = receive_dossier(ctx, ReceiveInput("1.004873", "Đỗ Thị Hoà", "001085012377")).code
    b = receive_dossier(ctx, ReceiveInput("1.004873", "Lê Văn Tám", "001085012378")).code
    c = receive_dossier(ctx, ReceiveInput("1.004873", "Phạm Thu Hà", "001085012379")).code
    # As an older version stored pulled statuses: the server's UTC text, a returned result with no finish time.
    _set(store, a, status=int(Status.PROCESSED), finished_at="2026-11-20T18:30:00Z")
    _set(store, b, status=int(Status.RETURNED), returned_at="2026-11-21T02:00:00+00:00")
    _set(store, c, status=int(Status.PROCESSED), finished_at="2026-11-20T10:00:00+07:00")  # already right
    with store.transaction():
        migrate_pulled_times(store.conn)
    assert _times(store, a) == ("2026-11-21T01:30:00+07:00", None)  # the next day in Vietnam
    assert _times(store, b) == ("2026-11-21T09:00:00+07:00", "2026-11-21T09:00:00+07:00")
    assert _times(store, c) == ("2026-11-20T10:00:00+07:00", None)
    assert audit.verify(store).ok and not list(row_audit.find_drift(store.conn))  # the repair is in the chain
    with store.transaction():
        migrate_pulled_times(store.conn)  # a second run changes nothing
    assert _times(store, a) == ("2026-11-21T01:30:00+07:00", None)


def test_odd_text_is_left_alone():
    assert stored_time_text("not a time Z") is None and stored_time_text("2026-11-20T10:00:00") is None
    assert stored_time_text("2026-12-31T17:00:00Z") == "2027-01-01T00:00:00+07:00"


def test_the_repair_reads_the_time_indexes_not_the_table(ctx):
    """At 1M dossiers a table scan decrypts every dossier (4.6 s); the indexes hold the two columns alone."""
    for column in ("finished_at", "returned_at"):
        plan = " ".join(str(r[-1]) for r in ctx.store.execute("EXPLAIN QUERY PLAN " + utc_rows_sql(column)))
        assert "COVERING INDEX" in plan, plan
