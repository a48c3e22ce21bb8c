"""A short fuzz run of the central server's endpoints (schemathesis, from the server's own OpenAPI document):
whatever a client sends, the answer is never a server error. The long run is in the README (development).

The app runs in-process (ASGI) on a real SQLite file, with a real device token, so the authenticated
endpoints are fuzzed past authentication too. Bodies the schema allows include payloads of any shape, so the
per-event validation is fuzzed as well.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from sync.protocol.timefmt import utc_now
from sync.server import devices
from sync.server.app import create_app
from sync.server.config import ServerSettings
from sync.server.db import Database

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def token_and_app(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, FastAPI]:
    folder = tmp_path_factory.mktemp("fuzz")
    db = Database(f"sqlite:///{folder / 'fuzz.sqlite3'}", pool_size=4)
    app = create_app(ServerSettings(database_url=db.url, max_wait_s=0.2), db)  # a held pull is not an error
    with db.transaction() as tx:
        devices.add_office(tx, "000.00.12.H62", "UBND xã Fuzz", utc_now())
        code = devices.new_enrollment_code(tx, "000.00.12.H62", utc_now())
        _, token, _ = devices.enroll(tx, code, "01900000-0000-7000-8000-0000000000aa", "fuzz", utc_now(), 3600)
    return token, app


def test_no_request_gets_a_server_error(token_and_app: tuple[str, FastAPI]) -> None:
    token, app = token_and_app
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 7  # health, enroll, events, changes, anchors, attachment offer and chunk

    for operation in operations:

        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def fuzz(case: schemathesis.Case) -> None:
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            case.validate_response(response, checks=[not_a_server_error])

        fuzz()
