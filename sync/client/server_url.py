"""Is a server address one that would carry citizens' data in clear over a network?

Why: every request carries the device's bearer token, and pushes and pulls carry dossiers (name, ID number,
address, phone) and scanned pages. Plain ``http://`` is fine only to this PC itself (tests, a proxy on the same
machine); to any other host it must be ``https://``. One rule for the counters (``motcua enroll``, ``sync
--server``, the connect screen) and the hub (``hub init --upstream``, ``hub serve --plain-http``).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def cleartext(url: str) -> bool:
    """True for an ``http://`` address whose host is not this PC."""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() == "http" and not is_loopback(parts.hostname or "")


CLEARTEXT_VI = ("http:// chỉ dùng cho chính máy này (127.0.0.1); qua mạng phải là https:// "
                "(hồ sơ của công dân sẽ đi không mã hóa)")
CLEARTEXT_EN = ("plain http:// only to this PC (127.0.0.1); over a network use https:// "
                "(citizens' dossiers would travel unencrypted)")
