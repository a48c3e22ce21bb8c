"""Failures of hub commands a person can act on: one Vietnamese and one English sentence and an exit code,
read by the app's CLI like the sync errors (``user_message(lang)``, ``exit_code``)."""

from __future__ import annotations


class HubError(Exception):
    def __init__(self, vi: str, en: str, exit_code: int = 2) -> None:
        super().__init__(en)
        self.vi, self.en, self.exit_code = vi, en, exit_code

    def user_message(self, lang: str = "vi") -> str:
        return self.vi if lang == "vi" else self.en
