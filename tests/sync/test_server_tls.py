"""``motcua-central serve --ssl-certfile/--ssl-keyfile``: HTTPS a device pins by its CA file; clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.client import api
from sync.client.errors import CertificateError, OfflineError, ServerError
from sync.client.transport import Transport, TransportConfig
from sync.server.cli import main
from tests.sync.central import Central
from tests.sync.serverproc import CentralProcess
from tests.sync.tlscerts import make_tls


@pytest.mark.slow
def test_https_with_a_pinned_ca(tmp_path: Path) -> None:
    tls = make_tls(tmp_path / "tls")
    other = make_tls(tmp_path / "other")
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    server = CentralProcess(db_url, tmp_path / "server.log", tls=tls, args=("--log-level", "warning")).start()
    central = Central(server.url, db_url)
    try:
        assert server.url.startswith("https://")
        pinned = Transport(server.url, config=TransportConfig(ca_bundle=str(tls.ca), attempts=1))
        office = central.new_office()
        answer = api.enroll(pinned, central.enrollment_code(office), "01900000-0000-7000-8000-0000000000aa", "tls")
        assert answer.office_code == office and answer.token.startswith("mc1_")
        for ca in (None, str(other.ca)):  # the system's roots, or another CA: refused before anything is sent
            stranger = Transport(server.url, config=TransportConfig(ca_bundle=ca, attempts=1))
            with pytest.raises(CertificateError):
                api.health(stranger)
        plain = Transport(server.url.replace("https://", "http://"), config=TransportConfig(attempts=1))
        with pytest.raises((OfflineError, ServerError)):  # plain HTTP to a TLS port: no answer it can read
            api.health(plain)
    finally:
        central.close()
        server.stop()


def test_a_bad_certificate_pair_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tls = make_tls(tmp_path / "tls")
    db = ["--database-url", f"sqlite:///{tmp_path / 'c.sqlite3'}"]
    cases = [
        (["--ssl-certfile", str(tls.cert)], "give both or neither"),
        (["--ssl-certfile", str(tls.cert), "--ssl-keyfile", str(tmp_path / "none.key")], "no such file"),
        (["--ssl-certfile", str(tls.ca), "--ssl-keyfile", str(tls.key)], "not a PEM certificate and its private key"),
        (["--ssl-certfile", str(tls.key), "--ssl-keyfile", str(tls.key)], "not a PEM certificate"),
    ]
    for extra, reason in cases:
        assert main(["serve", *db, "--port", "1", *extra]) == 2
        err = capsys.readouterr().err
        assert err.startswith("motcua-central: error: --ssl-") and reason in err, err
        assert "Traceback" not in err and err.count("\n") == 1
    assert not (tmp_path / "c.sqlite3").exists()  # refused before the database is touched
