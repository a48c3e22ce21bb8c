"""Which address to enrol with when the user gave none: the office hub announced on the LAN (DNS-SD).

Why only the hub of this device's own office, and only when it is the single one: an office LAN may carry a
neighbour's hub, and a guess is worse than a question. Trust still comes from the enrolment code's certificate
fingerprint, not from the announcement.
"""

from __future__ import annotations

from app.domain.errors import ValidationError


def find_hub_url(office_code: str, timeout: float = 3.0) -> str:
    try:
        from sync.hub.discovery import find_hubs

        hubs = [h for h in find_hubs(timeout) if h.office_code == office_code]
    except (ImportError, OSError) as exc:  # no zeroconf, or no multicast on this network
        raise ValidationError(
            "server", f"không tìm được hub trên mạng LAN ({exc}): hãy nhập địa chỉ bằng --server",
            f"cannot look for the hub on the LAN ({exc}): give its address with --server",
        ) from None
    urls = sorted({h.url for h in hubs})
    if not urls:
        raise ValidationError(
            "server", f"không thấy hub nào của đơn vị {office_code} trên mạng LAN: hãy nhập địa chỉ bằng --server",
            f"no hub of office {office_code} found on the LAN: give its address with --server",
        )
    if len(urls) > 1:
        raise ValidationError(
            "server", f"có nhiều hub của đơn vị {office_code} ({', '.join(urls)}): chọn một bằng --server",
            f"several hubs of office {office_code} answer ({', '.join(urls)}): choose one with --server",
        )
    return urls[0]
