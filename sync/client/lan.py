"""Whether a server address is on the office's own network, where a proxy must not be used.

Why: government office PCs often have a system proxy for the internet (Windows Internet Settings, or
``HTTPS_PROXY``), and ``requests`` sends every request through it, the hub's too. A proxy on the internet
cannot reach ``https://192.168.1.10:8443``, so every counter lost its hub (the Windows setting "bypass the
proxy for local addresses" covers only names without a dot, never an IP address). A loopback, private or
link-local address, ``localhost``, a ``.local`` (DNS-SD) name and a name without a dot are reached directly; any
other address (the province on the internet) still goes through the proxy the PC is set up with.
"""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

NO_PROXY: dict[str, Any] = {"http": None, "https": None}  # per request: None wins over the environment's


def on_local_network(url: str) -> bool:
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if not host:
        return False
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return host == "localhost" or host.endswith(".local") or "." not in host
    return ip.is_loopback or ip.is_private or ip.is_link_local


def proxies_for(url: str) -> dict[str, Any] | None:
    """The ``proxies`` argument of a request to ``url``: none for the office's network, else the environment's."""
    return dict(NO_PROXY) if on_local_network(url) else None
