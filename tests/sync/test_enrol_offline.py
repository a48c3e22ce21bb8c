"""An enrolment that gets no answer says so and names the address: "data is kept and will be sent when the network
is back" (what a round that cannot reach the server says) was wrong for ``motcua enroll`` and ``hub init``, which
keep nothing to send, and hid a mistyped address."""

from __future__ import annotations

import pytest

from sync.client import api
from sync.client.errors import EnrolOfflineError, OfflineError
from sync.client.transport import Transport, TransportConfig
from tests.sync.pgserver import free_port


def test_no_answer_to_an_enrolment_names_the_address() -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nobody listens there
    t = Transport(url, None, TransportConfig(connect_timeout=1, read_timeout=1, attempts=1))
    with pytest.raises(EnrolOfflineError) as caught:
        api.enroll(t, "ABCD-EFGH", "d0c5e9a4-0000-4000-8000-000000000001", "Quầy 1", "000.00.12.H62")
    t.close()
    assert isinstance(caught.value, OfflineError)  # still "offline" to whatever retries or records it
    vi, en = caught.value.user_message("vi"), caught.value.user_message("en")
    assert url in vi and "kiểm tra địa chỉ" in vi and "sẽ gửi khi có mạng" not in vi
    assert url in en and "check its address" in en
