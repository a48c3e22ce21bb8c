"""The few sync failures a user can be told about, each with a message in Vietnamese and English.

The app's CLI and UI read ``user_message(lang)`` and ``exit_code`` (duck-typed, so this package needs nothing
from ``app``). ``code`` is a stable machine name kept in the sync state as the last error.
"""

from __future__ import annotations

from typing import Any


class SyncError(Exception):
    code = "sync_error"
    exit_code = 3  # the environment's fault unless a subclass says otherwise
    vi = "đồng bộ không thành công"
    en = "sync failed"

    def __init__(self, detail: str = "", *, error: str = "", status: int | None = None, body: Any = None) -> None:
        super().__init__(detail or self.en)
        self.body = body  # the server's error answer (JSON), when it sent one
        self.detail = detail
        self.error = error  # the server's machine code, when it sent one
        self.status = status  # the HTTP status, when there was an answer

    def user_message(self, lang: str = "vi") -> str:
        text = self.vi if lang == "vi" else self.en
        return f"{text} ({self.detail})" if self.detail else text


class OfflineError(SyncError):
    """No answer: no network, server down, timeout. Retried when the network is back."""

    code = "offline"
    vi = "không kết nối được máy chủ trung tâm; dữ liệu được giữ lại và sẽ gửi khi có mạng"
    en = "cannot reach the central server; data is kept and will be sent when the network is back"


class EnrolOfflineError(OfflineError):
    """No answer to an enrolment (``motcua enroll``, ``hub init``): nothing waits to be sent; the address may be
    wrong."""

    vi = "không kết nối được máy chủ để đăng ký: kiểm tra địa chỉ và mạng rồi thử lại; chưa có gì thay đổi"
    en = "cannot reach the server to enrol: check its address and the network, then try again; nothing was changed"


class CertificateError(SyncError):
    """The server's TLS certificate is not trusted: a setting to fix, not a reason to retry."""

    code = "certificate"
    vi = "chứng chỉ TLS của máy chủ không được tin cậy (kiểm tra tệp CA)"
    en = "the server's TLS certificate is not trusted (check the CA bundle setting)"


class PinMismatchError(CertificateError):
    """The address answered with a certificate other than the one the hub's enrolment code names."""

    code = "certificate_pin"
    vi = "chứng chỉ của máy chủ không khớp với dấu vân tay trong mã đăng ký: đây không phải máy chủ văn phòng (hub)"
    en = "the server's certificate does not match the fingerprint in the enrolment code: this is not the office hub"


class AuthError(SyncError):
    """The token is unknown or revoked: the device must be enrolled again."""

    code = "auth"
    vi = "thiết bị chưa được cấp quyền hoặc đã bị thu hồi quyền; hãy đăng ký lại thiết bị"
    en = "this device is not authorised or its access was revoked; enrol it again"

    @property
    def revoked(self) -> bool:
        return self.error == "token_revoked"


class ServerError(SyncError):
    """The server answered badly: 5xx, a cut or malformed answer. Retried with backoff."""

    code = "server"
    vi = "máy chủ trung tâm đang gặp lỗi; sẽ thử lại sau"
    en = "the central server had an error; will retry later"


class RejectedError(SyncError):
    """The server refused the request itself (4xx): retrying the same request will not help."""

    code = "rejected"
    exit_code = 2
    vi = "máy chủ từ chối yêu cầu"
    en = "the server refused the request"


class NotEnrolledError(SyncError):
    code = "not_enrolled"
    exit_code = 2
    vi = "thiết bị chưa đăng ký với máy chủ trung tâm: chạy “motcua enroll --server URL --code MÃ”"
    en = "this device is not enrolled: run “motcua enroll --server URL --code CODE”"


class LocalError(SyncError):
    """This device could not store what it received (a bug, a full disk): the round stopped, nothing was lost."""

    code = "local"
    vi = "máy này không lưu được dữ liệu đồng bộ; xem nhật ký"
    en = "this device could not store the sync data; see the log"
