"""The one error type of attachment input: which file, and why, in Vietnamese and English.

Why: the issue asks for "a clear message naming the file and the reason" for every bad input (corrupt image, huge
file, encrypted PDF, not an image, scanner gone, disk full). The CLI's error reporter prints any exception that
has ``user_message(lang)``; the UI shows the same text.
"""

from __future__ import annotations

EXIT_INVALID, EXIT_ENVIRONMENT = 2, 3


class AttachmentError(Exception):
    """A file (or scanner) could not be turned into pages; nothing was written."""

    def __init__(self, source: str, reason_vi: str, reason_en: str, *, environment: bool = False) -> None:
        super().__init__(f"{source}: {reason_en}")
        self.source = source
        self.reason_vi = reason_vi
        self.reason_en = reason_en
        self.exit_code = EXIT_ENVIRONMENT if environment else EXIT_INVALID

    def user_message(self, lang: str = "vi") -> str:
        if lang == "en":
            return f"{self.source}: {self.reason_en}"
        return f"{self.source}: {self.reason_vi}"
