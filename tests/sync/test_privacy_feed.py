"""A ticket kiosk or a waiting-room screen stands in the public hall: its token pulls no citizen's data.

Why: the feed holds every dossier of the office (name, ID number, address, phone) and every status change with
its reason. A kiosk or screen needs none of it (the catalogue and the calendar at most), yet its token read the
whole feed, so anyone at the hall's PC - or with its token - read the office's register. The province and the
hub (same server code) now leave the dossier changes out of a slotless device's pages; counters still get them.

A real ``motcua-central`` process on 127.0.0.1, devices enrolled over HTTP, pages read as a device reads them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import requests

from sync.protocol.timefmt import utc_now as _now
from sync.server import devices
from tests.sync.test_origin import Province, _push, received, status

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Province]:
    p = Province(tmp_path_factory.mktemp("privacy_feed"))
    yield p
    p.close()


def _pages(url: str, token: str) -> list[dict]:
    changes, cursor = [], ""
    while True:
        answer = requests.get(f"{url}/v1/changes", params={"cursor": cursor, "limit": 2},
                              headers={"Authorization": f"Bearer {token}"}, timeout=10)
        assert answer.status_code == 200, answer.text
        body = answer.json()
        changes += body["changes"]
        cursor = body["cursor"]
        if not body["more"]:
            return changes


def _token(province: Province, office: str, role: str) -> str:
    _, transport = province.enrol(office, role)
    return transport.token  # type: ignore[attr-defined]


def test_a_kiosk_or_screen_pulls_no_dossier_of_its_office(province: Province) -> None:
    office = province.office()
    with province.db.transaction() as tx:
        counter = devices.enroll(tx, devices.new_enrollment_code(tx, office, _now(), role=devices.ROLE_DEVICE),
                                 f"c-{office}", devices.ROLE_DEVICE, _now(), 60)[0]
    dossiers = [received(office, counter.slot, counter.slot * 1000 + n) for n in (1, 2, 3)]
    _push(province.db, counter, [*dossiers, status(dossiers[0], 4, datetime.now(UTC))])
    names = [d.payload["applicant_name"] for d in dossiers]
    ids = [d.payload["id_number"] for d in dossiers]

    clerk = _pages(province.url, _token(province, office, devices.ROLE_DEVICE))
    seen = json.dumps(clerk, ensure_ascii=False)
    assert all(n in seen for n in names) and all(i in seen for i in ids), "control: a counter gets the dossiers"
    assert {c["kind"] for c in clerk} >= {"dossier", "dossier_status"}

    for role in (devices.ROLE_KIOSK, devices.ROLE_SCREEN):
        hall = _pages(province.url, _token(province, office, role))
        text = json.dumps(hall, ensure_ascii=False)
        assert not any(n in text for n in names) and not any(i in text for i in ids), (role, text[:300])
        assert {c["kind"] for c in hall} <= {"catalog", "calendar"}

