"""Every figure of the statistics equals a count made directly in SQL on the generated month."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.errors import ValidationError
from app.domain.ontime import OnTimeClass
from app.reports.service import make_scope, report_stats
from tests.reports import sqlcheck
from tests.reports.month import FIRST, LAST, NOW

F, L = FIRST.isoformat(), LAST.isoformat()


@pytest.fixture
def stats(month: Any) -> dict[str, Any]:
    return report_stats(month, make_scope(FIRST, LAST))


def test_received_finished_returned(month: Any, stats: dict[str, Any]) -> None:
    q = lambda sql, *p: sqlcheck.scalar(month.store, sql, *p)  # noqa: E731
    assert stats["received"] == q("SELECT COUNT(*) FROM dossiers WHERE received_day BETWEEN ? AND ?", F, L) > 80
    assert stats["finished_in_range"] == q(
        "SELECT COUNT(*) FROM dossiers WHERE substr(finished_at, 1, 10) BETWEEN ? AND ?", F, L)
    assert stats["returned_in_range"] == q(
        "SELECT COUNT(*) FROM dossiers WHERE substr(returned_at, 1, 10) BETWEEN ? AND ?", F, L)
    assert stats["without_due_date"] == q(
        "SELECT COUNT(*) FROM dossiers WHERE received_day BETWEEN ? AND ? AND due_at IS NULL", F, L) > 0


def test_on_time_classes_match_sql(month: Any, stats: dict[str, Any]) -> None:
    expected = sqlcheck.classes(month.store, F, L, NOW.isoformat())
    assert {k: v for k, v in stats["classes"].items() if v} == expected
    assert set(expected) >= {"finished_early", "finished_late", "in_progress_overdue", "paused_within"}
    done = sum(n for c, n in expected.items() if c.startswith("finished"))
    good = expected.get("finished_early", 0) + expected.get("finished_on_time", 0)
    assert stats["on_time_rate"] == round(100 * good / done, 1)


def test_satisfaction_index(month: Any, stats: dict[str, Any]) -> None:
    levels = dict(month.store.execute(
        "SELECT json_extract(satisfaction, '$.overall'), COUNT(*) FROM dossiers WHERE received_day BETWEEN ? AND ?"
        " AND satisfaction IS NOT NULL GROUP BY 1", (F, L)).fetchall())
    sat = stats["satisfaction"]
    assert {k: sat[k] for k in levels} == levels and sat["rated"] == sum(levels.values()) > 0
    classified = sum(stats["classes"].values())
    late = sum(n for c, n in stats["classes"].items() if OnTimeClass(c).is_late)
    assert sat["index"] == round(100 - round(100 * late / classified, 1)
                                 - round(100 * levels.get("not_satisfied", 0) / classified, 1), 1)


def test_groups_match_sql(month: Any, stats: dict[str, Any]) -> None:
    for dim, column in (("channel", "channel"), ("procedure", "procedure_code"), ("clerk", "received_by")):
        expected = dict(month.store.execute(
            f"SELECT {column}, COUNT(*) FROM dossiers WHERE received_day BETWEEN ? AND ? GROUP BY 1", (F, L)))
        assert {k: g["received"] for k, g in stats["groups"][dim].items()} == expected
    by_service = dict(month.store.execute(
        "SELECT t.origin_letter, COUNT(*) FROM dossiers d JOIN queue_ticket_dossiers l ON l.dossier_id = d.id"
        " JOIN queue_tickets t ON t.id = l.ticket_id WHERE d.received_day BETWEEN ? AND ? GROUP BY 1", (F, L)))
    assert {k: g["received"] for k, g in stats["groups"]["service"].items()} == by_service


def test_queue_figures_match_sql(month: Any, stats: dict[str, Any]) -> None:
    q = lambda sql: sqlcheck.scalar(month.store, sql, F, L)  # noqa: E731
    total = stats["queue"]["total"]
    assert total["issued"] == q("SELECT COUNT(*) FROM queue_events WHERE kind = 'issued' AND day BETWEEN ? AND ?")
    assert total["no_show"] == q("SELECT COUNT(*) FROM queue_events WHERE kind = 'no_show' AND day BETWEEN ? AND ?")
    assert total["served"] == q("SELECT COUNT(*) FROM queue_events WHERE kind = 'served' AND day BETWEEN ? AND ?")
    assert total["avg_wait_seconds"] == round(q(
        "SELECT AVG(wait_seconds) FROM queue_events WHERE kind = 'called' AND day BETWEEN ? AND ?"))


def test_overdue_list_matches_sql(month: Any, stats: dict[str, Any]) -> None:
    """Every unfinished dossier past its due time (no supplements) is on the list, and nothing finished is."""
    plain_overdue = {r[0] for r in month.store.execute(
        "SELECT code FROM dossiers WHERE status IN (1, 2, 4) AND due_at < ? AND supplement_count = 0",
        (NOW.isoformat(),))}
    listed = {i["code"] for i in stats["overdue"]}
    assert plain_overdue and plain_overdue <= listed
    finished = {r[0] for r in month.store.execute("SELECT code FROM dossiers WHERE finished_at IS NOT NULL")}
    assert not listed & finished


def test_filters_narrow_every_figure(month: Any) -> None:
    stats = report_stats(month, make_scope(FIRST, LAST, channel="post", clerk="lan"))
    assert stats["received"] == sqlcheck.scalar(
        month.store, "SELECT COUNT(*) FROM dossiers WHERE received_day BETWEEN ? AND ? AND channel = 'post'"
        " AND received_by = 'lan'", F, L) > 0
    assert set(stats["groups"]["channel"]) == {"post"}


def test_clerk_is_refused(month: Any) -> None:
    from app.services.context import Actor

    month.actor = Actor("lan", "Nguyễn Thị Lan", "clerk")
    with pytest.raises(ValidationError) as err:
        report_stats(month, make_scope(FIRST, LAST))
    assert err.value.field == "role"


def test_bad_ranges_are_refused() -> None:
    from datetime import date

    with pytest.raises(ValidationError):
        make_scope(date(2026, 11, 5), date(2026, 11, 1))
    with pytest.raises(ValidationError):
        make_scope(date(2025, 1, 1), date(2026, 11, 1))


@pytest.mark.parametrize("first", [LAST, FIRST])
def test_one_definition_of_overdue_on_one_screen(month: Any, first: Any) -> None:
    """The tile (the count), the class bars and the list agree, also for a one-day range late in the month."""
    stats = report_stats(month, make_scope(first, LAST))
    late_classes = stats["classes"]["in_progress_overdue"] + stats["classes"]["paused_overdue"]
    assert stats["overdue_count"] == late_classes == len(stats["overdue"]) > 0
    expected = sqlcheck.classes(month.store, first.isoformat(), L, NOW.isoformat())
    assert {k: v for k, v in stats["classes"].items() if v} == expected
