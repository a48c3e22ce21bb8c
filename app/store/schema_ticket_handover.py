"""Schema step: a ticket this PC handed over to the office hub gets its own state, ``handed_over``.

Why: a PC that numbered its own tickets while the hub was down hands each still-waiting one to the hub when it
is back; its local copy was then closed as ``expired`` (the only closed state the table allowed), so the PC's
day looked as if citizens had gone home uncalled. SQLite cannot change a CHECK constraint in place, so the table
is rebuilt inside the migration's transaction: its rows copied aside (a plain table in the same encrypted file),
the table dropped with foreign keys deferred (``foreign_keys`` cannot be switched off inside a transaction, and a
rename would rewrite the other tables' references to the old name), created again under its own name with the
wider CHECK, filled back (which settles the deferred references), and its indexes and triggers (the row audit's
included) created again from their own stored text. Tickets already handed over under the old workaround are
recognised (a slot-prefixed number closed as ``expired`` with no local ``expired`` event: the day's close always
writes one) and relabelled through the audit triggers.
"""

from __future__ import annotations

from app.store.driver import Connection, IntegrityError

OLD_CHECK = "'no_show', 'expired'))"
NEW_CHECK = "'no_show', 'expired', 'handed_over'))"


def migrate_ticket_handover(conn: Connection) -> None:
    if not rebuild_tickets(conn, OLD_CHECK, NEW_CHECK):
        return
    conn.execute(
        "UPDATE queue_tickets SET state = 'handed_over' WHERE state = 'expired'"
        " AND substr(number, 1, 1) BETWEEN '0' AND '9'"
        " AND NOT EXISTS (SELECT 1 FROM queue_events e WHERE e.ticket_id = queue_tickets.id AND e.kind = 'expired')"
    )


def rebuild_tickets(conn: Connection, old_check: str, new_check: str) -> bool:
    """``queue_tickets`` again with ``new_check`` in place of ``old_check``, rows, indexes and triggers kept;
    False when it already has it."""
    (table_sql,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'queue_tickets'"
    ).fetchone()
    if new_check in table_sql:
        return False
    if old_check not in table_sql:
        raise IntegrityError("queue_tickets: unexpected state constraint, not migrated")
    extras = [sql for (sql,) in conn.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'queue_tickets' AND type IN ('index', 'trigger')"
        " AND sql IS NOT NULL ORDER BY type, name"
    )]
    conn.execute("PRAGMA defer_foreign_keys = ON")  # the tickets are away for a moment; ends with the transaction
    conn.execute("CREATE TABLE queue_tickets_copy AS SELECT * FROM queue_tickets")
    conn.execute("DROP TABLE queue_tickets")
    conn.execute(table_sql.replace(old_check, new_check))
    conn.execute("INSERT INTO queue_tickets SELECT * FROM queue_tickets_copy")
    conn.execute("DROP TABLE queue_tickets_copy")
    for sql in extras:
        conn.execute(sql)
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise IntegrityError(f"queue_tickets rebuild broke {len(broken)} references")
    return True
