"""No citizen's data over the network in clear: a device or a hub talks plain ``http://`` to this PC only.

Why: the device's bearer token, every dossier it pushes or pulls (name, ID number, address, phone) and its
scanned pages travel in each request. ``hub serve --plain-http`` was already loopback-only, but a counter took
``motcua enroll --server http://192.168.1.5:8080`` (or the connect screen's address) and a hub took
``hub init --upstream http://…`` to the province, and then synced in clear on the LAN or the Internet.
An address with ``http://`` to another machine is now refused by name before anything is sent or written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.domain.errors import ValidationError
from app.services.context import Actor
from app.services.device_link import enroll_device, sync_once
from app.services.hub_keys import AppHubKeys
from sync.client.server_url import cleartext
from sync.hub.errors import HubError
from sync.hub.setup import init_hub

ELSEWHERE = "http://192.0.2.10:8080"  # TEST-NET-1: nothing answers; a request would hang, then fail otherwise


@pytest.mark.parametrize(("url", "clear"), [
    ("http://192.168.1.5:8080", True), ("HTTP://motcua.tinh.gov.vn", True), ("http://[2001:db8::1]:80", True),
    ("http://127.0.0.1:8080", False), ("http://localhost:8443/", False), ("http://[::1]:80", False),
    ("https://192.168.1.5:8443", False), ("https://motcua.tinh.gov.vn", False),
])
def test_what_counts_as_cleartext(url: str, clear: bool) -> None:
    assert cleartext(url) is clear


def test_a_counter_will_not_enrol_or_sync_in_clear(ctx: Any) -> None:
    ctx.actor = Actor("admin", "Quản trị", "admin")
    with pytest.raises(ValidationError) as err:
        enroll_device(ctx, ELSEWHERE, "AAAA-BBBB-CCCC")
    assert err.value.field == "server" and "https://" in str(err.value)
    assert not (Path(ctx.data_dir) / "sync.token").exists()
    with pytest.raises(ValidationError) as err:
        sync_once(ctx, ELSEWHERE)
    assert err.value.field == "server"


def test_a_hub_will_not_talk_to_the_province_in_clear(tmp_path: Path) -> None:
    with pytest.raises(HubError) as err:
        init_hub(tmp_path / "hub-pc", "000.00.12.H62", ELSEWHERE, "AAAA-BBBB-CCCC", key_source=AppHubKeys())
    assert "upstream" in str(err.value) and "https://" in str(err.value)
    assert not (tmp_path / "hub-pc").exists()


def test_the_settings_take_no_cleartext_server_address(ctx: Any) -> None:
    from app.services.settings_update import save_settings

    ctx.actor = Actor("admin", "Quản trị", "admin")
    with pytest.raises(ValidationError) as err:
        save_settings(ctx, {"server_url": ELSEWHERE})
    assert err.value.field == "server_url"
