"""Names and numbers of protocol version 1: paths, event and change kinds, per-event results, limits.

Kept apart from the models so that the client can read limits and kinds without building pydantic models, and
so that a second protocol version can sit next to this one.
"""

from __future__ import annotations

from dataclasses import dataclass

# Revision 2 of the /v1 API: stricter validation, server-corrected times, the feed includes the device's own
# changes, audit anchors. Only additions on the wire, so the path stays /v1 and revision-1 clients still work.
PROTOCOL_VERSION = 2
API_PREFIX = "/v1"

# Connections. A device syncing in the background keeps its connection between rounds (one TLS handshake, not
# one per round): the server keeps an idle connection longer than the runner's idle interval (60 s), and the
# device stops using one a little before the server would close it.
SERVER_KEEP_ALIVE_S = 75
DEVICE_KEEP_CONNECTION_S = 70.0

# Headers.
HEADER_SERVER_TIME = "X-Server-Time"  # every answer: the server's UTC clock, ISO 8601 with milliseconds
HEADER_GENERATION = "X-MotCua-Generation"  # an office hub's answers: its database's generation (a restore changes it)
HEADER_PROTOCOL = "X-Motcua-Protocol"  # every answer: the protocol version the server speaks
HEADER_REQUEST_ID = "X-Request-Id"  # echoed (or made up) so that a device's log line meets the server's

# Events a device sends (outbox kinds).
EVENT_DOSSIER_RECEIVED = "dossier.received"
EVENT_STATUS_CHANGED = "dossier.status_changed"
EVENT_APPLICANT_CORRECTED = "dossier.applicant_corrected"  # a typo in the applicant's data fixed after receipt
APPLICANT_FIELDS = ("applicant_name", "id_number", "phone", "address", "email")  # what a correction may change
# Queue events (docs/sync-protocol.md, "Queue events"): what happened to a ticket, with the time it happened.
QUEUE_ISSUED = "queue.issued"
QUEUE_CALLED = "queue.called"
QUEUE_RECALLED = "queue.recalled"
QUEUE_NO_SHOW = "queue.no_show"
QUEUE_TRANSFERRED = "queue.transferred"
QUEUE_FINISHED = "queue.finished"
QUEUE_KINDS = (QUEUE_ISSUED, QUEUE_CALLED, QUEUE_RECALLED, QUEUE_NO_SHOW, QUEUE_TRANSFERRED, QUEUE_FINISHED)
EVENT_KINDS = (EVENT_DOSSIER_RECEIVED, EVENT_STATUS_CHANGED, EVENT_APPLICANT_CORRECTED, *QUEUE_KINDS)

# Changes a device pulls from the feed.
CHANGE_DOSSIER = "dossier"  # a dossier of the device's office received on another device
CHANGE_DOSSIER_STATUS = "dossier_status"  # a status set by the back office or another device
CHANGE_CATALOG = "catalog"  # one procedure record (the format of resources/data/procedures.json)
CHANGE_CALENDAR = "calendar"  # the holiday calendar document (the format of resources/data/holidays.json)
CHANGE_KINDS = (CHANGE_DOSSIER, CHANGE_DOSSIER_STATUS, CHANGE_CATALOG, CHANGE_CALENDAR)

# Per-event results in a push answer.
RESULT_ACCEPTED = "accepted"  # stored (or stored before, with this same body)
RESULT_REJECTED = "rejected"  # invalid: kept by the client with the reason, can be fixed and re-sent
RESULT_CONFLICT = "conflict"  # this event id was accepted before with another body (HTTP 409 semantics)
RESULTS = (RESULT_ACCEPTED, RESULT_REJECTED, RESULT_CONFLICT)

# Machine-readable error codes (request-level "error" and per-event "error").
ERR_INVALID_TOKEN = "invalid_token"
ERR_TOKEN_REVOKED = "token_revoked"
ERR_ENROLLMENT_CODE = "enrollment_code_invalid"
ERR_NO_FREE_SLOT = "no_free_slot"
ERR_TOO_LARGE = "body_too_large"
ERR_TOO_MANY_EVENTS = "too_many_events"
ERR_BAD_REQUEST = "bad_request"
ERR_BAD_ENCODING = "bad_content_encoding"
ERR_CONFLICT = "event_id_conflict"
ERR_INTERNAL = "internal_error"
ERR_DEVICE_ELSEWHERE = "device_in_other_office"

STATUS_MIN, STATUS_MAX = 1, 10
SLOT_MIN, SLOT_MAX = 0, 9
CLOCK_WARNING_SECONDS = 300  # DESIGN.md: warn when the device clock is off by more than five minutes
CLOCK_TRUST_SECONDS = 1  # a skew below this is network jitter, not a wrong clock
SLOT_QUARANTINE_HOURS = 48  # a revoked device's slot goes to another device only this long after revocation


@dataclass(frozen=True)
class Limits:
    """Bounds both ends agree on; the server enforces them, the client stays below them.

    ``max_body_bytes`` counts the bytes on the wire (compressed), ``max_decoded_bytes`` the JSON after gzip,
    so a small compressed body cannot expand into gigabytes on the server.
    """

    max_body_bytes: int = 2 * 1024 * 1024
    max_decoded_bytes: int = 16 * 1024 * 1024
    max_events_per_push: int = 1000
    max_changes_per_pull: int = 1000
    default_changes_per_pull: int = 500
    client_batch_events: int = 250
    client_batch_bytes: int = 1024 * 1024  # uncompressed JSON per push
    gzip_min_bytes: int = 1024
    enrollment_replay_seconds: int = 3600  # an enrolment answer lost on the way may be asked for again this long
    idempotency_days: int | None = None  # None: the reference server keeps event ids (and answers) forever
    # Field bounds (docs/sync-protocol.md, "Validation"): the same on the server and on the device.
    max_payload_bytes: int = 256 * 1024  # one event's payload as compact JSON
    max_depth: int = 4  # nesting of objects/lists inside a payload (documents[i] is depth 3)
    max_keys: int = 64  # keys of any one object
    max_list: int = 200  # items of any one list (documents)
    max_text: int = 4000  # characters of any one string
    max_int: int = 2**53  # |integer| anywhere (exact in every JSON reader and in SQLite)
    max_fee_vnd: int = 10**12
    max_pages: int = 100_000
    max_copies: int = 1000  # originals / certified_copies / photocopies of one document
    past_days: int = 3660  # device timestamps older than this (by the receiver's clock) are impossible
    future_days: int = 400  # …and later than this: a clock a year off still syncs, 2099 does not
    due_future_days: int = 5 * 366  # a due date may lie years ahead, not decades


DEFAULT_LIMITS = Limits()
