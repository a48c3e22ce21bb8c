"""An applicant correction travels: device A's outbox, a real central server process, device B's store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from app.services.applicant_correction import correct_applicant
from app.services.context import Actor, ServiceContext
from app.services.receive import ReceiveInput, receive_dossier
from app.services.setup import open_store
from app.services.sync_bridge import build_engine
from app.store import audit, dossiers, outbox
from sync.protocol.constants import EVENT_APPLICANT_CORRECTED
from sync.protocol.validation import check_event
from tests.conftest import OFFICE_CODE
from tests.services.test_sync_bridge import central, engine  # noqa: F401 - the real server and device A
from tests.sync.central import Central
from tests.sync.conftest import FAST_TRANSPORT

pytestmark = pytest.mark.slow


@pytest.fixture
def device_b(store_template: Path, tmp_path: Path, ctx: Any, central: Central) -> Iterator[Any]:  # noqa: F811
    """A second counter of the same office: its own store, enrolled with the same server."""
    folder = tmp_path / "counter-2"
    shutil.copytree(store_template, folder)
    store = open_store(folder)
    b = ServiceContext(store=store, data_dir=folder, clock=ctx.clock, actor=Actor("lan", "Nguyễn Thị Lan", "clerk"))
    sync = build_engine(store, folder, ctx.clock, FAST_TRANSPORT)
    sync.enroll(central.url, central.enrollment_code(OFFICE_CODE), "Quầy 2", expect_office=OFFICE_CODE)
    yield b, sync
    store.close()


def test_a_correction_reaches_the_other_counter(ctx: Any, engine: Any, central: Central, device_b: Any) -> None:  # noqa: F811
    b, b_sync = device_b
    received = receive_dossier(ctx, ReceiveInput("1.004873", "Nguyen Van Manh", "001085012345"))
    engine.run_once()
    assert b_sync.run_once().applied == 1  # counter 2 has the dossier as received, typo included
    dossier_id = received.dossier["id"]

    correct_applicant(ctx, received.code, {"applicant_name": "Nguyễn Văn Mạnh", "phone": "0912345678"},
                      "gõ thiếu dấu khi tiếp nhận")
    [event] = [e for e in outbox.pending(ctx.store) if e.kind == EVENT_APPLICANT_CORRECTED]
    assert event.payload["fields"] == {"applicant_name": "Nguyễn Văn Mạnh", "phone": "0912345678"}
    engine.run_once()
    assert not outbox.pending(ctx.store) and not outbox.rejected(ctx.store)
    results = {(e["kind"], e["result"]) for e in central.events(OFFICE_CODE)}
    assert (EVENT_APPLICANT_CORRECTED, "accepted") in results
    [on_server] = [d for d in central.dossiers(OFFICE_CODE) if d["id"] == dossier_id]
    assert "Nguyễn Văn Mạnh" in str(on_server)

    assert b_sync.run_once().applied == 1
    row = dossiers.by_id(b.store, dossier_id)
    assert (row["applicant_name"], row["phone"], row["status"]) == ("Nguyễn Văn Mạnh", "0912345678", 2)
    assert dossiers.search_seqs(b.store, "nguyen van manh") == [row["seq"]]
    [fix] = [e for e in dossiers.events(b.store, dossier_id) if e["kind"] == "correction"]
    assert fix["reason"] == "gõ thiếu dấu khi tiếp nhận" and fix["actor"] == "central:clerk1"
    assert b.store.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'dossier.correct_applicant'") == 1
    assert audit.verify(b.store).ok  # the row audit agrees with the changed dossier
    assert b_sync.run_once().applied == 0  # nothing more: a second round changes nothing
    assert engine.run_once().applied == 0  # the sender does not get its own correction back


@pytest.mark.parametrize(("fields", "error"), [
    ({"status": 9}, "fields: 'status' is not an applicant field"),
    ({}, "fields: must be an object"),
    ({"applicant_name": ""}, "fields.applicant_name: must not be empty"),
    ({"phone": "0912\x00"}, "fields.phone"),
])
def test_a_bad_correction_is_refused_by_name(fields: dict[str, Any], error: str) -> None:
    dossier_id = "0b4a6a4e-7f0f-4a51-9d7e-0d3f6f2d2c11"
    payload = {"dossier_id": dossier_id, "code": f"{OFFICE_CODE}-261116-0001", "fields": fields,
               "reason": "gõ nhầm", "actor": "lan", "at": "2026-11-16T09:00:00+07:00"}
    now = datetime.fromisoformat("2026-11-16T10:00+07:00")
    problem = check_event("5d0f3c9e-1a52-4a2b-8a51-3c8b1b3f8e21", EVENT_APPLICANT_CORRECTED, dossier_id, payload,
                          "2026-11-16T09:00:00+07:00", OFFICE_CODE, now=now)
    assert problem is not None and error in problem.message, problem
