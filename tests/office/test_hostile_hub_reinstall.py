"""Hostile identity case: the hub PC's disk dies while the province is unreachable, and the hub is installed again
on a fresh folder (new database, new certificate, new enrolment at the province) with no backup. The counters
still remember the old hub. What the old hub had acknowledged but not yet forwarded must reach the province,
once: the counters hold it (30 days) and send it again when they see the new hub's generation."""

from __future__ import annotations

import shutil

import pytest

from app.store import outbox
from sync.client.errors import OfflineError
from sync.hub.folder import HubFolder
from tests.conftest import OFFICE_CODE
from tests.office.conftest import Office, central_cli, motcua
from tests.office.hubproc import HubProcess
from tests.office.test_hostile_office import _province_codes, until

pytestmark = pytest.mark.slow


def test_a_hub_installed_again_after_its_disk_died_loses_nothing_the_old_one_held(fresh_office: Office) -> None:
    office = fresh_office
    counter = office.counter("quay-nho-hub-cu")
    office.central.stop()  # the province is away: the old hub keeps what it acknowledges
    made = [counter.receive(f"Người nộp {name}").code for name in ("An", "Bình", "Chi")]
    counter.sync()
    assert outbox.counts(counter.ctx.store)["pending"] == 0, "the old hub acknowledged everything"
    old_hub_id = HubFolder.of_data_dir(office.hub_dir).device_id_file.read_text().strip()
    office.hub.kill()
    shutil.rmtree(office.hub_dir)  # the disk died, no backup

    office.central.start()
    central_cli(office.central.db_url, "device", "revoke", old_hub_id)
    new_hub = HubProcess(office.root / "hub-pc-moi")
    code, _, err = motcua(new_hub.data_dir, "hub", "init", "--office-code", OFFICE_CODE, "--upstream",
                          office.central.url, "--code", office.province_code("--hub"), "--port", str(new_hub.port),
                          "--json")
    assert code == 0, err
    new_hub.start()
    try:
        with pytest.raises(OfflineError):  # the old address answers no more
            counter.sync()
        code, enrol_code, err = motcua(new_hub.data_dir, "hub", "enrollment-code", "--json")
        assert code == 0, err
        code, _, err = motcua(counter.data_dir, "enroll", "--server", new_hub.url, "--code", enrol_code["code"])
        assert code == 0, err
        counter.sync()  # sees another generation: sends again all it holds
        later = counter.receive("Người nộp Dũng").code
        counter.sync()
        until(lambda: len(_province_codes(office)) >= 4, timeout=60)
        assert _province_codes(office) == sorted([*made, later]), "each dossier at the province exactly once"
    finally:
        new_hub.stop()

