"""Offices, one-time enrolment codes, devices, their slots and tokens.

Secrets (enrolment codes, tokens) are stored only as SHA-256 hashes: a copy of the database does not let
anyone pose as a counter. Enrolment is safe to retry: the same device asking again with the code it just used
gets a fresh token (the answer it lost) instead of an error, for a short while. Enrolment never touches a
device of another office. A slot is *held* (``slot_holds``): a revoked device's slot goes to another device
only ``SLOT_QUARANTINE_HOURS`` after the revocation, so codes numbered in it on the day of the revocation cannot
be issued twice, and the revoked device gets its slot back when it enrols again while the slot is free.
A ticket kiosk or waiting-room screen (``SLOTLESS_ROLES``) enrols with no slot: it never numbers a dossier, so
it does not use up one of the office's ten.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sync.protocol import constants as c
from sync.protocol.timefmt import format_utc, parse_time
from sync.protocol.validation import UNIT_RE
from sync.server.db import Tx
from sync.server.errors import ApiError

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud over the phone
MAX_TTL_HOURS = 30 * 24
ROLE_DEVICE, ROLE_HUB = "device", "hub"
ROLE_KIOSK, ROLE_SCREEN = "kiosk", "screen"
SLOTLESS_ROLES = frozenset({ROLE_KIOSK, ROLE_SCREEN})
ROLES = frozenset({ROLE_DEVICE, ROLE_HUB}) | SLOTLESS_ROLES
ERR_HUB_EXISTS = "hub_exists"
ERR_NO_SLOT = "device_has_no_slot"  # a kiosk or screen sent a dossier
_DEVICE_COLUMNS = "id, office_code, name, slot, revoked_at, last_seen_at, role"


@dataclass(frozen=True)
class Device:
    id: str
    office_code: str
    name: str
    slot: int | None  # None: a kiosk or screen, which holds no slot and sends no dossier
    revoked_at: str | None = None
    last_seen_at: str | None = None
    role: str = ROLE_DEVICE  # ROLE_HUB: the office's hub, which forwards the dossiers of every slot of its office

    @property
    def sees_people(self) -> bool:
        """Whether the feed may give it citizens' data: not a kiosk or screen, which stand in the public hall."""
        return self.role not in SLOTLESS_ROLES


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def check_office(code: str, name: str) -> None:
    """An office code a device can put in its dossier codes, and a printable name."""
    if not UNIT_RE.match(code):
        raise ValueError(f"office code {code!r}: 1–40 ASCII letters, digits and dots, starting with a letter or digit")
    if not name.strip() or len(name) > 200 or any(ch < " " or "\x7f" <= ch <= "\x9f" for ch in name):
        raise ValueError("office name: 1–200 printable characters")


def add_office(tx: Tx, code: str, name: str, now: str) -> None:
    check_office(code, name)
    if tx.one("SELECT code FROM offices WHERE code = ?", (code,)):
        raise ValueError(f"office {code} already exists")
    tx.execute("INSERT INTO offices (code, name, created_at) VALUES (?, ?, ?)", (code, name, now))


def office(tx: Tx, code: str) -> dict[str, Any] | None:
    return tx.one("SELECT code, name, created_at FROM offices WHERE code = ?", (code,))


def new_enrollment_code(tx: Tx, office_code: str, now: str, ttl_hours: float = 72, role: str = ROLE_DEVICE) -> str:
    """A one-time code like ``K7QX-M2PA-9RTE``; only its hash is kept. ``role=ROLE_HUB``: the code enrols the
    office's hub (at most one active per office); ``ROLE_KIOSK``/``ROLE_SCREEN``: a device that takes no slot."""
    if role not in ROLES:
        raise ValueError(f"role: must be one of {', '.join(sorted(ROLES))}")
    if not 0 < ttl_hours <= MAX_TTL_HOURS:
        raise ValueError(f"ttl-hours: must be more than 0 and at most {MAX_TTL_HOURS} ({MAX_TTL_HOURS // 24} days)")
    if office(tx, office_code) is None:
        raise LookupError(f"no office {office_code}")
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    expires = format_utc(parse_time(now) + timedelta(hours=ttl_hours))
    tx.execute(
        "INSERT INTO enrollment_codes (code_hash, office_code, created_at, expires_at, role) VALUES (?, ?, ?, ?, ?)",
        (_hash(raw), office_code, now, expires, role),
    )
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def _new_token(tx: Tx, device_id: str) -> str:
    token = "mc1_" + secrets.token_urlsafe(32)
    tx.execute("UPDATE devices SET token_hash = ? WHERE id = ?", (_hash(token), device_id))
    return token


def _slot_free(tx: Tx, office_code: str, slot: int, device_id: str, now: str) -> bool:
    """No other device holds ``slot``, or released it less than the quarantine ago."""
    since = format_utc(parse_time(now) - timedelta(hours=c.SLOT_QUARANTINE_HOURS))
    return (
        tx.one(
            "SELECT 1 AS held FROM slot_holds WHERE office_code = ? AND slot = ? AND device_id <> ? "
            "AND (until IS NULL OR until > ?)",
            (office_code, slot, device_id, since),
        )
        is None
    )


def _take_slot(
    tx: Tx, office_code: str, device_id: str, old: Device | None, now: str, hint: int | None = None
) -> int:
    """The slot for an enrolling device: the one it holds, else its last one if free, else the slot it numbers in
    now (``hint``: a device moving from the province to its office hub keeps its numbers), else the lowest free."""
    if old is not None and old.revoked_at is None and old.office_code == office_code and old.slot is not None:
        return old.slot
    own = tx.all(
        "SELECT slot FROM slot_holds WHERE office_code = ? AND device_id = ? ORDER BY since DESC",
        (office_code, device_id),
    )
    order = [r["slot"] for r in own] + ([hint] if hint is not None else []) + list(range(c.SLOT_MIN, c.SLOT_MAX + 1))
    for slot in order:
        if _slot_free(tx, office_code, slot, device_id, now):
            tx.execute(
                "INSERT INTO slot_holds (office_code, slot, device_id, since) VALUES (?, ?, ?, ?)",
                (office_code, slot, device_id, now),
            )
            return slot
    raise ApiError(
        409,
        c.ERR_NO_FREE_SLOT,
        f"office {office_code} has no free slot: 10 devices hold one, or released it less than "
        f"{c.SLOT_QUARANTINE_HOURS} hours ago",
    )


def held_slots(tx: Tx, office_code: str, device_id: str) -> set[int]:
    """Every slot this device has held in its office: the codes it may send."""
    rows = tx.all("SELECT slot FROM slot_holds WHERE office_code = ? AND device_id = ?", (office_code, device_id))
    return {r["slot"] for r in rows}


def enroll(
    tx: Tx,
    code: str,
    device_id: str,
    name: str,
    now: str,
    replay_seconds: int,
    expect_office: str | None = None,
    slot_hint: int | None = None,
) -> tuple[Device, str, str]:
    """Use a one-time code: returns the device, its new token and the office name. With ``expect_office``, a code
    of another office is refused before anything is written (the code stays usable)."""
    invalid = ApiError(403, c.ERR_ENROLLMENT_CODE, "the enrolment code is unknown, used or expired")
    row = tx.one("SELECT * FROM enrollment_codes WHERE code_hash = ?" + tx.for_update, (_hash(normalise_code(code)),))
    if row is None:
        raise invalid
    if expect_office and row["office_code"] != expect_office:
        raise ApiError(403, "office_mismatch", f"the code is for office {row['office_code']}, not {expect_office}")
    # Lock the office row: two devices enrolling at once must not get the same slot.
    office_row = tx.one("SELECT code, name FROM offices WHERE code = ?" + tx.for_update, (row["office_code"],))
    assert office_row is not None  # foreign key
    old = get_device(tx, device_id)
    if old is not None and old.office_code != row["office_code"]:
        raise ApiError(409, c.ERR_DEVICE_ELSEWHERE, "this device id belongs to another office: it is not changed")
    if row["used_at"] is not None:
        replay_until = parse_time(row["used_at"]) + timedelta(seconds=replay_seconds)
        if row["device_id"] != device_id or parse_time(now) > replay_until:
            raise invalid
        if old is None or old.revoked_at is not None:
            raise invalid
    else:
        if row["expires_at"] < now:
            raise invalid
        role = row.get("role") or ROLE_DEVICE
        if role == ROLE_HUB and tx.one(
            "SELECT id FROM devices WHERE office_code = ? AND role = ? AND revoked_at IS NULL AND id <> ?",
            (row["office_code"], ROLE_HUB, device_id),
        ):
            raise ApiError(
                409, ERR_HUB_EXISTS, f"office {row['office_code']} already has an active hub: revoke it first"
            )
        if role in SLOTLESS_ROLES:
            slot = None
            tx.execute("UPDATE slot_holds SET until = ? WHERE device_id = ? AND until IS NULL", (now, device_id))
        else:
            slot = _take_slot(tx, row["office_code"], device_id, old, now, slot_hint)
        placeholder = "pending:" + secrets.token_hex(16)
        if old is None:
            tx.execute(
                "INSERT INTO devices (id, office_code, name, slot, token_hash, enrolled_at, role) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (device_id, row["office_code"], name, slot, placeholder, now, role),
            )
        else:  # re-enrolment of this office's device: same record, maybe a new slot
            tx.execute(
                "UPDATE devices SET name = ?, slot = ?, token_hash = ?, enrolled_at = ?, revoked_at = NULL, role = ? "
                "WHERE id = ?",
                (name, slot, placeholder, now, role, device_id),
            )
        tx.execute(
            "UPDATE enrollment_codes SET used_at = ?, device_id = ? WHERE code_hash = ?",
            (now, device_id, row["code_hash"]),
        )
    token = _new_token(tx, device_id)
    device = get_device(tx, device_id)
    assert device is not None
    return device, token, str(office_row["name"])


def get_device(tx: Tx, device_id: str) -> Device | None:
    row = tx.one(f"SELECT {_DEVICE_COLUMNS} FROM devices WHERE id = ?", (device_id,))
    return Device(**row) if row else None


def authenticate(tx: Tx, token: str, now: str) -> Device:
    """The device a bearer token belongs to; 401 when unknown or revoked (the device must enrol again)."""
    row = tx.one(f"SELECT {_DEVICE_COLUMNS} FROM devices WHERE token_hash = ?", (_hash(token),))
    if row is None:
        raise ApiError(401, c.ERR_INVALID_TOKEN, "unknown token: enrol this device")
    if row["revoked_at"] is not None:
        raise ApiError(401, c.ERR_TOKEN_REVOKED, "this device's access was revoked: enrol it again")
    if _seen_due(row["last_seen_at"], now):
        mark_seen(tx, row["id"], now)
    return Device(**row)


def _seen_due(last_seen_at: str | None, now: str) -> bool:
    """Write "last seen" at most once a minute: a pull should not cost a write per request."""
    return last_seen_at is None or parse_time(last_seen_at) + timedelta(seconds=60) < parse_time(now)


def mark_seen(tx: Tx, device_id: str, now: str) -> None:
    tx.execute("UPDATE devices SET last_seen_at = ? WHERE id = ?", (now, device_id))


def listening(tx: Tx, token: str, now: str) -> str | None:
    """For a long answer (the screens' stream) that authenticated once at its start: None once the token no longer
    authenticates (revoked, or replaced by a re-enrolment), so the stream stops; else the device's id when it is
    due to be marked seen (:func:`mark_seen`, in a write transaction), or "" - a streaming screen makes no new
    request, and ``hub status`` showed it as last seen when its stream opened, hours ago. A read."""
    row = tx.one("SELECT id, revoked_at, last_seen_at FROM devices WHERE token_hash = ?", (_hash(token),))
    if row is None or row["revoked_at"] is not None:
        return None
    return str(row["id"]) if _seen_due(row["last_seen_at"], now) else ""


def list_devices(tx: Tx, office_code: str | None = None) -> list[dict[str, Any]]:
    sql = "SELECT id, office_code, name, slot, enrolled_at, revoked_at, last_seen_at, role FROM devices"
    if office_code:
        return tx.all(sql + " WHERE office_code = ? ORDER BY office_code, slot", (office_code,))
    return tx.all(sql + " ORDER BY office_code, slot")


def revoke(tx: Tx, device_id: str, now: str) -> bool:
    """Revoke a device's token; its slot is released (free for others after the quarantine). False when there is
    no such active device."""
    if tx.execute("UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", (now, device_id)) == 0:
        return False
    tx.execute("UPDATE slot_holds SET until = ? WHERE device_id = ? AND until IS NULL", (now, device_id))
    return True
