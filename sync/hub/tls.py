"""The hub's own TLS key and certificate, made once at ``motcua hub init``.

Why self-made: a commune's hub has no public name a CA could vouch for. Devices trust it by the fingerprint
carried in their enrolment code (``sync/client/pinning.py``), so the certificate only has to be stable: it is
valid for 20 years and names the addresses the hub may be reached at (localhost and the ones the operator gave),
so a device that checks names too finds them. The private key is written readable only by its owner.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import socket
from collections.abc import Iterable
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sync.client.pinning import der_sha256

YEARS = 20


def _san(names: Iterable[str]) -> list[x509.GeneralName]:
    out: list[x509.GeneralName] = []
    for name in dict.fromkeys(["localhost", "127.0.0.1", "::1", socket.gethostname(), *names]):
        if not name:
            continue
        try:
            out.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            out.append(x509.DNSName(name))
    return out


def make_certificate(cert_path: Path, key_path: Path, office_code: str, names: Iterable[str] = ()) -> str:
    """Write a new key and self-signed certificate; returns the certificate's SHA-256 fingerprint (hex)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "MotCua hub"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, office_code),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * YEARS))
        .add_extension(x509.SubjectAlternativeName(_san(names)), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_bytes = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key_bytes)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return der_sha256(cert.public_bytes(serialization.Encoding.DER))


def fingerprint(cert_path: Path) -> str:
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    return der_sha256(cert.public_bytes(serialization.Encoding.DER))
