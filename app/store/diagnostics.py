"""What support may learn about a store (schema, counts, integrity) and the personal values it must never see.

The store is opened without migrating: diagnostics describe the file as it is, even one this version cannot use.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.store.db import DB_FILENAME, Store

# Columns holding citizens' or staff's personal data, scrubbed from anything exported.
PERSONAL_COLUMNS = (
    ("dossiers", ("applicant_name", "id_number", "phone", "email", "address")),
    ("users", ("full_name",)),
)


def store_facts(data_dir: Path) -> tuple[dict[str, Any], set[str]]:
    """Schema version, row counts and integrity of the store, plus the personal values to scrub from logs."""
    path = Path(data_dir) / DB_FILENAME
    if not path.is_file():
        return {"exists": False}, set()
    from app.store.migrations import LATEST

    store = Store(path)
    try:
        db = store.db
        tables = sorted(t for t in db.table_names() if not t.startswith(("sqlite_", "dossier_search_")))
        facts: dict[str, Any] = {
            "exists": True,
            "schema_version": store.user_version,
            "schema_latest": LATEST,
            "quick_check": store.scalar("PRAGMA quick_check"),
            "size_bytes": path.stat().st_size,
            "counts": {t: db.table(t).count for t in tables},
        }
        personal: set[str] = set()
        for table, columns in PERSONAL_COLUMNS:
            if table in tables:
                for row in store.execute(f"SELECT {', '.join(columns)} FROM {table}"):
                    personal.update(str(v).strip() for v in row if v and len(str(v).strip()) >= 3)
    finally:
        store.close()
    return facts, personal
