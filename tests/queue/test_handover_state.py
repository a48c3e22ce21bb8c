"""A ticket this PC handed over to the office hub has its own state, ``handed_over``: the schema step that allows
it (an old store's workaround tickets relabelled, every row, index, trigger and reference kept, the audit chain
whole), its words in both languages, and the day's queue figures, the export and ``motcua ticket stats``."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from app.domain.errors import ValidationError
from app.reports.tables import QUEUE_HEAD, queue_table
from app.services.clock import FixedClock
from app.services.context import ServiceContext
from app.services.queue import issue_ticket
from app.services.queue_calls import call_ticket
from app.services.queue_fallback import HANDED_OVER
from app.services.queue_stats import queue_stats
from app.services.setup import open_store
from app.store import audit, tickets
from app.store.migrations import LATEST, MIGRATIONS
from app.store.schema_ticket_handover import NEW_CHECK, OLD_CHECK, migrate_ticket_handover, rebuild_tickets


def _schema(ctx: ServiceContext) -> set[tuple[str, str]]:
    rows = ctx.store.query("SELECT type, name FROM sqlite_master WHERE tbl_name = 'queue_tickets'")
    return {(r["type"], r["name"]) for r in rows}


def _day(ctx: ServiceContext) -> str:
    return ctx.clock.now().date().isoformat()


def test_an_old_stores_handed_over_tickets_are_relabelled_and_nothing_else_changes(ctx: ServiceContext) -> None:
    clock = ctx.clock
    assert isinstance(clock, FixedClock)
    clock.current -= timedelta(days=1)
    left = issue_ticket(ctx, "A", prefix="3").ticket  # yesterday's, never called: the day's close expires it
    clock.current += timedelta(days=1)
    handed = issue_ticket(ctx, "A", prefix="3").ticket
    hub_number = issue_ticket(ctx, "B").ticket  # no slot in front: never a hand-over
    waiting = issue_ticket(ctx, "A", prefix="3").ticket
    before = _schema(ctx)
    version = MIGRATIONS.index(migrate_ticket_handover)  # the store as the step before this one left it
    with ctx.store.transaction():
        rebuild_tickets(ctx.store.conn, NEW_CHECK, OLD_CHECK)
        for t in (handed, hub_number):  # the old workaround closed a handed-over copy as "expired"
            tickets.update_ticket(ctx.store, t.id, {"state": "expired", "finished_at": "x", "updated_at": "x"})
    ctx.store.conn.execute(f"PRAGMA user_version = {version}")
    ctx.store.close()

    ctx.store = store = open_store(ctx.data_dir)
    assert store.user_version == LATEST
    states = {r["number"]: r["state"] for r in store.query("SELECT number, state FROM queue_tickets")}
    assert states == {left.number: "expired", handed.number: "handed_over", hub_number.number: "expired",
                      waiting.number: "waiting"}
    assert _schema(ctx) == before, "every index and trigger of the table is back"
    assert store.query("PRAGMA foreign_key_check") == []
    assert len(store.query("SELECT id FROM queue_events")) == 5, "4 issued + 1 expired, all still pointing home"
    result = audit.verify(store)
    assert result.ok, result
    tickets.update_ticket(store, waiting.id, {"state": HANDED_OVER, "updated_at": "y"})
    assert audit.verify(store).ok, "the audit triggers still record the table"
    with pytest.raises(Exception, match="CHECK"):
        tickets.update_ticket(store, waiting.id, {"state": "lost"})


def test_a_handed_over_ticket_is_said_so_and_counted_in_the_days_figures_and_export(
    ctx: ServiceContext, queue_cli: Any
) -> None:
    first = issue_ticket(ctx, "A", prefix="3").ticket
    issue_ticket(ctx, "A", prefix="3")
    tickets.update_ticket(ctx.store, first.id, {"state": HANDED_OVER, "updated_at": "x"})
    with pytest.raises(ValidationError) as refused:
        call_ticket(ctx, 1, first.number)
    assert "đã chuyển cho máy chủ hàng đợi" in refused.value.reason_vi
    assert "handed over to the office hub" in refused.value.reason_en

    figures = queue_stats(ctx.store, _day(ctx), _day(ctx))
    assert figures["total"]["handed_over"] == 1 and figures["total"]["issued"] == 2
    assert figures["service"]["A"]["handed_over"] == 1
    assert all(f["handed_over"] == 0 for f in figures["counter"].values())
    table = queue_table(figures)
    column = QUEUE_HEAD.index("Chuyển cho hub")
    assert table.rows[0][0] == "Tổng" and table.rows[0][column] == 1
    assert len(table.rows[0]) == len(QUEUE_HEAD)

    code, out, err = queue_cli("--lang", "en", "ticket", "stats", "--from", _day(ctx))
    assert code == 0, err
    assert "to hub   1" in out.splitlines()[1], out


def test_the_migration_runs_once(ctx: ServiceContext) -> None:
    with ctx.store.transaction():
        assert rebuild_tickets(ctx.store.conn, OLD_CHECK, NEW_CHECK) is False
