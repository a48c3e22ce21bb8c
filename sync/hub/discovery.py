"""Finding the office hub on the LAN without typing an address: DNS-SD over multicast DNS (python-zeroconf).

The hub announces ``_motcua-hub._tcp.local.`` with its office code and scheme in the TXT record; ``motcua
enroll`` without ``--server`` browses for a few seconds and takes the hub of the device's own office. Trust does
not come from here (anyone on the LAN can announce anything): the enrolment code's certificate fingerprint
decides, so a false announcement only leads to a refused enrolment. Where multicast does not work the typed URL
stays the way in.
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass

from zeroconf import IPVersion, ServiceBrowser, ServiceInfo, ServiceListener, Zeroconf

SERVICE = "_motcua-hub._tcp.local."


def _addresses(host: str) -> list[bytes]:
    if host in ("0.0.0.0", "", "::"):
        from ifaddr import get_adapters

        found = [ip.ip for a in get_adapters() for ip in a.ips if isinstance(ip.ip, str)]
        return [socket.inet_aton(a) for a in found if not a.startswith("127.")] or [socket.inet_aton("127.0.0.1")]
    return [socket.inet_aton(socket.gethostbyname(host))]


class Announcer:
    def __init__(self, zc: Zeroconf, info: ServiceInfo) -> None:
        self._zc, self._info = zc, info

    @classmethod
    def start(cls, office_code: str, host: str, port: int, https: bool = True) -> Announcer:
        zc = Zeroconf(ip_version=IPVersion.V4Only)
        name = f"MotCua hub {office_code}.{SERVICE}"
        info = ServiceInfo(
            SERVICE,
            name,
            addresses=_addresses(host),
            port=port,
            properties={"office": office_code, "scheme": "https" if https else "http"},
            server=f"motcua-hub-{socket.gethostname()}.local.",
        )
        zc.register_service(info, allow_name_change=True)
        return cls(zc, info)

    def close(self) -> None:
        self._zc.unregister_service(self._info)
        self._zc.close()


@dataclass(frozen=True)
class FoundHub:
    office_code: str
    url: str


class _Collector(ServiceListener):
    def __init__(self) -> None:
        self.names: set[str] = set()

    def add_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self.names.add(name)

    def update_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self.names.add(name)

    def remove_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self.names.discard(name)


def find_hubs(timeout: float = 3.0) -> list[FoundHub]:
    """The hubs announced on the LAN within ``timeout`` seconds."""
    zc = Zeroconf(ip_version=IPVersion.V4Only)
    try:
        collector = _Collector()
        browser = ServiceBrowser(zc, SERVICE, collector)
        time.sleep(timeout)
        browser.cancel()
        hubs = []
        for name in sorted(collector.names):
            info = zc.get_service_info(SERVICE, name, timeout=1000)
            if info is None or not info.parsed_addresses():
                continue
            props = {k.decode(): (v or b"").decode() for k, v in info.properties.items()}
            scheme = props.get("scheme", "https")
            hubs.append(FoundHub(props.get("office", ""), f"{scheme}://{info.parsed_addresses()[0]}:{info.port}"))
        return hubs
    finally:
        zc.close()
