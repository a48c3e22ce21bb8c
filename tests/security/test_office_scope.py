"""A clerk sees the office's dossiers, never another office's: a pulled dossier of another office is not stored."""

from __future__ import annotations

from app.services.queries import search_rows
from app.services.sync_bridge import StoreSyncBridge
from app.store import dossiers
from sync.client.store import IncomingChange
from tests.conftest import OFFICE_CODE
from tests.security.conftest import PEOPLE

OTHER_OFFICE = "000.00.13.H62"


def _pulled(template: dict, office: str, number: int) -> IncomingChange:
    code = f"{office}-261116-{number:04d}"
    data = {**template, "id": f"0190-{number}", "code": code, "office_code": office, "applicant_name": "Hà Thị Mơ"}
    return IncomingChange("dossier", data["id"], data, "x")


def test_a_pulled_dossier_of_another_office_is_skipped(ctx, people):
    template = {k: v for k, v in dossiers.by_code(ctx.store, people[0]).items() if k != "seq"}
    bridge = StoreSyncBridge(ctx.store, ctx.clock)
    changes = [_pulled(template, OTHER_OFFICE, 5001), _pulled(template, OFFICE_CODE, 5002)]
    assert bridge.apply_pulled(changes, "9") == 1
    assert dossiers.by_code(ctx.store, f"{OFFICE_CODE}-261116-5002")["origin"] == "remote"
    assert ctx.store.scalar("SELECT count(*) FROM dossiers WHERE office_code != ?", (OFFICE_CODE,)) == 0
    assert [r["code"] for r in search_rows(ctx.store, "Hà Thị Mơ")] == [f"{OFFICE_CODE}-261116-5002"]
    assert PEOPLE[0][0] == template["applicant_name"]
