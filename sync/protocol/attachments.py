"""Wire shapes of the attachment upload: resumable, chunked, keyed by the attachment id and the file's SHA-256.

1. ``PUT /v1/attachments/{id}`` with :class:`AttachmentOffer` (JSON): the server answers :class:`UploadState`,
   i.e. how many bytes of *this* file (by hash) it already holds, or that it has the file complete.
2. ``POST /v1/attachments/{id}/chunks?sha256=H&offset=N`` with raw bytes: accepted only at the exact offset the
   server holds (else 409 with the right offset), so a cut connection costs at most one chunk and a retried chunk
   is never appended twice. When the last byte arrives the server checks the whole file's hash before keeping it.
A changed document (pages added) is a new hash for the same id: the upload starts again for the new file while
the server keeps the last complete one. Attachments of a dossier the server does not know yet get 409
``dossier_unknown``: the device sends its events first and tries again later.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

PATH = "/v1/attachments"
CHUNK_BYTES = 32 * 1024  # ~4 s on a 64 kbit/s link: a cut costs little, the per-request overhead stays small
MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024
ERR_DOSSIER_UNKNOWN = "dossier_unknown"
ERR_WRONG_OFFSET = "wrong_offset"
ERR_HASH_MISMATCH = "hash_mismatch"
ERR_UNKNOWN_UPLOAD = "unknown_upload"
SHA256 = r"^[0-9a-f]{64}$"


class AttachmentOffer(BaseModel):
    dossier_id: str = Field(min_length=1, max_length=64)
    document_position: int = Field(ge=1, le=999)
    sha256: str = Field(pattern=SHA256)
    bytes: int = Field(ge=1, le=MAX_ATTACHMENT_BYTES)
    pages: int = Field(ge=1, le=10_000)
    device_id: str | None = Field(
        default=None, max_length=64, description="an office hub only: the device of its office that scanned it"
    )


class UploadState(BaseModel):
    received: int
    complete: bool
