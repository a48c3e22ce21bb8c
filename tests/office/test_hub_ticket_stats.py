"""``motcua ticket stats`` on a counter PC of an office with a hub: the office's figures are the hub's (the PC's
own store holds no ticket of the day), in the same shape as a PC's; a hub that cannot be reached is said in one
sentence, not answered with the PC's empty figures; ``--this-pc`` still shows the PC's own. A real hub process,
two real counter PCs enrolled with it, the real command line."""

from __future__ import annotations

from pathlib import Path

from sync.server.db import Database
from tests.office.conftest import motcua
from tests.office.helpers import office_day
from tests.sync.serverproc import CentralProcess


def test_ticket_stats_on_a_counter_of_a_hub_office_are_the_offices(
    hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path
) -> None:
    proc, db = hub
    sup, one, two = office_day(store_template, tmp_path, db, proc.url)

    code, data, err = motcua(one.data_dir, "ticket", "stats", "--json")
    assert code == 0, err
    assert data["source"] == "hub"
    assert (data["total"]["issued"], data["total"]["called"], data["total"]["served"]) == (3, 2, 2)
    assert set(data["service"]) == {"A", "B"} and data["service"]["A"]["issued"] == 2
    assert data["counter"]["1"]["served"] == 1 and data["counter"]["2"]["served"] == 1
    assert set(data["clerk"]) == {"lan", "hoa"}
    assert data["total"]["avg_service_seconds"] is not None
    code, text, _ = motcua(one.data_dir, "ticket", "stats")
    assert code == 0 and "the whole office, from the queue hub" in text.splitlines()[0]
    assert text.splitlines()[1].startswith("Total")
    assert motcua(one.data_dir, "ticket", "stats", "--this-pc", "--json")[1]["total"]["issued"] == 0

    proc.stop()  # the hub PC is switched off
    code, text, err = motcua(one.data_dir, "ticket", "stats")
    assert code == 3 and text == ""
    assert err.count("\n") == 1 and "cannot reach the queue hub" in err and "--this-pc" in err
    code, data, err = motcua(one.data_dir, "ticket", "stats", "--this-pc", "--json")
    assert code == 0 and data["source"] == "this_pc" and data["total"]["issued"] == 0
    for pc in (sup, one, two):
        pc.store.close()
