"""Correcting applicant data after receipt: validated like intake, audited with before/after, nothing on refusal."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.errors import ValidationError
from app.services.applicant_correction import correct_applicant
from app.services.receive import ReceiveInput, receive_dossier
from app.store import dossiers


def test_refusals_write_nothing(ctx: Any) -> None:
    code = receive_dossier(ctx, ReceiveInput("1.001193", "Lê Văn Tám", "001085012345")).code
    audit_before = ctx.store.scalar("SELECT COUNT(*) FROM audit_log")
    for values, reason, field in (({"id_number": "12345"}, "sai số", "id_number"),
                                  ({"applicant_name": "Lê Văn Tám"}, "không đổi", "applicant_name"),
                                  ({"applicant_name": "Lê Văn Tâm"}, "   ", "reason"),
                                  ({"status": "9"}, "x", "field")):
        with pytest.raises(ValidationError) as err:
            correct_applicant(ctx, code, values, reason)
        assert err.value.field == field
    assert dossiers.by_code(ctx.store, code)["applicant_name"] == "Lê Văn Tám"
    assert ctx.store.scalar("SELECT COUNT(*) FROM audit_log") == audit_before


def test_correction_is_kept_in_history_and_search(ctx: Any) -> None:
    code = receive_dossier(ctx, ReceiveInput("1.001193", "Le Van Tam", "001085012345", phone="0912345678")).code
    result = correct_applicant(ctx, code, {"applicant_name": " Lê  Văn Tâm ", "phone": "0912 000 111"}, "gõ nhầm")
    assert result.after["applicant_name"] == "Lê Văn Tâm" and result.after["phone"] == "0912000111"
    row = dossiers.by_code(ctx.store, code)
    assert (row["applicant_name"], row["phone"], row["id_number"]) == ("Lê Văn Tâm", "0912000111", "001085012345")
    [event] = [e for e in dossiers.events(ctx.store, row["id"]) if e["kind"] == "correction"]
    assert event["reason"] == "gõ nhầm" and event["actor"] == ctx.actor.username
    assert dossiers.search_seqs(ctx.store, "le van tam") == [row["seq"]]
