"""Trusting an office hub by the fingerprint of its own certificate, carried in its enrolment code.

Why: a hub is a PC on the office LAN with a certificate it made itself at ``motcua hub init``; no CA vouches
for it, and switching verification off would let any PC on the LAN pose as the hub. So the one-time code the
hub prints carries the SHA-256 fingerprint of its certificate, and the device pins it: at enrolment the
certificate the address presents must match the code, and every later request checks the full fingerprint
(urllib3's ``assert_fingerprint``), so a swapped certificate is refused, never trusted.

A code a person can type: ``K7QX-M2PA-9RTE-F3KD-8WPA-QZ2M-H7XC`` = the 12-character enrolment code and 16
characters (80 bits) of the fingerprint in the same alphabet (no 0/O, 1/I). ``CODE#<64 hex>`` (the whole
fingerprint) is accepted too. A plain 12-character code is a province's code: no pinning, normal CA checks.
"""

from __future__ import annotations

import hashlib
import ssl
from typing import Any
from urllib.parse import urlsplit

from requests.adapters import HTTPAdapter

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_CHARS = 12
PIN_CHARS = 16  # 80 bits: far beyond what anyone can find a second certificate for


def short_fingerprint(sha256_hex: str) -> str:
    """The first 80 bits of a SHA-256 fingerprint as 16 characters of :data:`ALPHABET`."""
    bits = int(sha256_hex[:20], 16)  # 20 hex digits = 80 bits
    return "".join(ALPHABET[(bits >> (5 * i)) & 31] for i in reversed(range(PIN_CHARS)))


def _groups(text: str) -> str:
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def format_code(code: str, sha256_hex: str) -> str:
    """The hub's enrolment code: the one-time code, then the fingerprint's short form."""
    plain = "".join(ch for ch in code.upper() if ch.isalnum())
    return _groups(plain + short_fingerprint(sha256_hex))


def split_code(code: str) -> tuple[str, str | None]:
    """(the one-time code, the pinned fingerprint or its short form) from what the user typed."""
    if "#" in code:
        plain, _, pin = code.partition("#")
        pin = pin.strip().lower().removeprefix("sha256:").replace(":", "")
        if len(pin) != 64 or any(ch not in "0123456789abcdef" for ch in pin):
            raise ValueError("the fingerprint after # must be 64 hexadecimal digits (SHA-256)")
        return plain.strip(), pin
    letters = "".join(ch for ch in code.upper() if ch.isalnum())
    if len(letters) == CODE_CHARS + PIN_CHARS:
        return _groups(letters[:CODE_CHARS]), letters[CODE_CHARS:]
    return code, None


def matches(pin: str, sha256_hex: str) -> bool:
    return sha256_hex.lower() == pin if len(pin) == 64 else short_fingerprint(sha256_hex) == pin


def der_sha256(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def server_fingerprint(url: str, timeout: float = 5.0) -> str:
    """The SHA-256 fingerprint of the certificate ``url`` presents (not verified: it is compared by the caller)."""
    parts = urlsplit(url)
    host, port = parts.hostname or "", parts.port or 443
    pem = ssl.get_server_certificate((host, port), timeout=timeout)
    return der_sha256(ssl.PEM_cert_to_DER_cert(pem))


class PinnedAdapter(HTTPAdapter):
    """Every HTTPS connection checks the server certificate's SHA-256 fingerprint, nothing else."""

    def __init__(self, sha256_hex: str, **kwargs: Any) -> None:
        self._pin = sha256_hex
        super().__init__(**kwargs)

    def init_poolmanager(self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any) -> None:
        pool_kwargs["assert_fingerprint"] = self._pin
        pool_kwargs["cert_reqs"] = ssl.CERT_NONE
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)
