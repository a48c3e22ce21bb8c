"""``motcua hub init``: make a hub folder and enrol it with the province as the office's upstream.

Order matters so that an interrupted init can simply be run again: the hub's id at the province is written
first (a lost answer is replayed by the province with the same code, see the protocol's idempotent
enrolment), then the province is asked, then the database, token, certificate, and last ``hub.json``. Nothing
is written before the arguments are checked; a finished folder is never touched again.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path

from sync.client import api
from sync.client.credentials import TokenFile
from sync.client.errors import RejectedError
from sync.client.server_url import CLEARTEXT_EN, CLEARTEXT_VI, cleartext
from sync.client.transport import Transport, TransportConfig
from sync.hub import keys
from sync.hub.errors import HubError
from sync.hub.folder import HubConfig, HubFolder
from sync.hub.tls import make_certificate
from sync.protocol.timefmt import utc_now
from sync.protocol.validation import UNIT_RE
from sync.server import devices
from sync.server.schema import migrate

HUB_NAME = "Máy chủ văn phòng (hub)"


def _check(office_code: str, upstream: str, code: str) -> None:
    if not UNIT_RE.match(office_code):
        raise HubError(
            f"office-code: mã đơn vị {office_code!r} không hợp lệ (1–40 chữ, số và dấu chấm)",
            f"office-code: {office_code!r} is not an office code (1–40 letters, digits and dots)",
        )
    if not upstream.startswith(("http://", "https://")):
        raise HubError("upstream: phải bắt đầu bằng http:// hoặc https://", "upstream: must start with http(s)://")
    if cleartext(upstream):
        raise HubError(f"upstream: {CLEARTEXT_VI}", f"upstream: {CLEARTEXT_EN}")
    if not code.strip():
        raise HubError("code: hãy nhập mã đăng ký hub do tỉnh cấp", "code: enter the hub code from the province")


def _device_id(folder: HubFolder) -> str:
    """The hub's id at the province, kept before asking (so a retried init replays, never burns the code)."""
    if folder.device_id_file.exists():
        return folder.device_id_file.read_text(encoding="ascii").strip()
    device_id = str(uuid.uuid4())
    folder.device_id_file.write_text(device_id, encoding="ascii")
    return device_id


def init_hub(
    data_dir: Path,
    office_code: str,
    upstream: str,
    code: str,
    *,
    host: str = "127.0.0.1",
    port: int = 8443,
    names: Sequence[str] = (),
    ca_bundle: str | None = None,
    transport: TransportConfig | None = None,
    key_source: keys.KeySource,
) -> HubConfig:
    folder = HubFolder.of_data_dir(data_dir)
    if folder.initialised():
        done = folder.load()
        raise HubError(
            f"thư mục {folder.path} đã là hub của đơn vị {done.office_code} (máy chủ tỉnh {done.upstream}): "
            "không thay đổi gì",
            f"{folder.path} is already the hub of office {done.office_code} (upstream {done.upstream}): "
            "nothing changed",
        )
    _check(office_code, upstream, code)
    if not 0 < port < 65536:
        raise HubError("port: phải từ 1 đến 65535", "port: must be 1–65535")
    folder.make_private()
    device_id = _device_id(folder)
    config = TransportConfig(ca_bundle=ca_bundle) if transport is None else transport
    t = Transport(upstream.rstrip("/"), None, config)
    try:
        answer = api.enroll(t, code.strip(), device_id, HUB_NAME, office_code)
    except RejectedError as exc:
        if exc.error == devices.ERR_HUB_EXISTS:
            raise HubError(
                f"đơn vị {office_code} đã có một hub khác đang hoạt động: tỉnh phải thu hồi hub cũ trước",
                f"office {office_code} already has another active hub: the province must revoke it first",
            ) from exc
        raise
    finally:
        t.close()
    db = keys.open_database(folder, key_source)  # a new hub: its database is encrypted from the start
    try:
        migrate(db)
        with db.transaction() as tx:
            if devices.office(tx, answer.office_code) is None:
                devices.add_office(tx, answer.office_code, answer.office_name, utc_now())
    finally:
        db.close()
    TokenFile(folder.token).save(answer.token)
    all_names = [*names, *([host] if host not in ("0.0.0.0", "::") else [])]
    fingerprint = make_certificate(folder.cert, folder.key, answer.office_code, all_names)
    result = HubConfig(
        office_code=answer.office_code,
        office_name=answer.office_name,
        upstream=upstream.rstrip("/"),
        device_id=answer.device_id,
        slot=answer.slot,
        cert_sha256=fingerprint,
        host=host,
        port=port,
        names=list(all_names),
        ca_bundle=ca_bundle,
        created_at=utc_now(),
    )
    folder.save(result)
    return result


def open_hub(data_dir: Path) -> tuple[HubFolder, HubConfig]:
    folder = HubFolder.of_data_dir(data_dir)
    if not folder.initialised():
        raise HubError(
            f"chưa có hub trong {folder.path}: chạy “motcua hub init --office-code MÃ --upstream URL --code MÃ”",
            f"no hub in {folder.path}: run “motcua hub init --office-code CODE --upstream URL --code CODE”",
        )
    folder.make_private()
    return folder, folder.load()


def new_device_code(
    data_dir: Path, key_source: keys.KeySource, ttl_hours: float = 72.0, role: str = devices.ROLE_DEVICE
) -> str:
    """A one-time code for a device of the office, carrying the hub certificate's fingerprint. ``role`` kiosk
    or screen: the device enrols with no slot (it never receives a dossier)."""
    from sync.client.pinning import format_code

    if not 0 < ttl_hours <= devices.MAX_TTL_HOURS:  # also NaN
        days = devices.MAX_TTL_HOURS // 24
        raise HubError(
            f"--ttl-hours: thời hạn của mã phải lớn hơn 0 và không quá {devices.MAX_TTL_HOURS} giờ ({days} ngày)",
            f"--ttl-hours: must be more than 0 and at most {devices.MAX_TTL_HOURS} ({days} days)",
        )
    folder, config = open_hub(data_dir)
    db = keys.open_database(folder, key_source)
    try:
        with db.transaction() as tx:
            code = devices.new_enrollment_code(tx, config.office_code, utc_now(), ttl_hours, role)
    finally:
        db.close()
    return format_code(code, config.cert_sha256)
