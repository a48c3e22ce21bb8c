"""Dossiers received the same day for the same person and procedure (the intake form's duplicate warning)."""

from __future__ import annotations

from app.store.db import Store


def same_person_procedure(store: Store, id_number: str, procedure_code: str, day: str) -> list[str]:
    """Codes of dossiers received on ``day`` (YYYY-MM-DD) with this ID number and procedure, oldest first."""
    rows = store.query(
        "SELECT code FROM dossiers WHERE received_day = ? AND id_number = ? AND procedure_code = ? ORDER BY seq",
        (day, id_number, procedure_code),
    )
    return [str(r["code"]) for r in rows]
