"""The log files beside the encrypted store hold no ID number, phone or e-mail in clear.

Why: ``logs/motcua.log`` and ``logs/ui.log`` are plain text. The diagnostics zip scrubbed them on the way out,
but the files themselves kept what was written: a pulled dossier held aside is logged with the text of the
exception it provoked, and a bug's traceback goes to ``ui.log``; an exception's text may quote the value it
choked on. Every line is now scrubbed of those shapes as it is written (a defence: names cannot be told from
other words without the store, and no message of ours is known to quote one today).
"""

from __future__ import annotations

import logging
from pathlib import Path

from app.services.logs import close_logging, setup_logging
from app.ui.errors import log_exception

SECRETS = ("00119001234", "001190012345", "0912345678", "0912 345 678", "huong.nguyen@example.vn")


def test_the_app_log_file_keeps_no_number_or_e_mail(tmp_path: Path) -> None:
    path = setup_logging(tmp_path)
    assert path is not None
    try:
        message = "KeyError: 'no dossier for 00119001234'"
        logging.getLogger("motcua.sync").warning("held pulled dossier 01a2: %s", message)
        logging.getLogger("motcua.test").info("phone %s / %s, mail %s, id %s", *SECRETS[2:], SECRETS[1])
    finally:
        close_logging()
    text = path.read_text("utf-8")
    assert "held pulled dossier 01a2" in text and "[…]" in text
    assert not [s for s in SECRETS if s in text], text


def test_a_bug_s_traceback_in_ui_log_keeps_no_number(tmp_path: Path) -> None:
    try:
        raise KeyError("no dossier for 001190012345 (0912345678)")
    except KeyError as exc:
        log_exception(tmp_path, exc)
    text = (tmp_path / "logs" / "ui.log").read_text("utf-8")
    assert "KeyError" in text and "no dossier for" in text
    assert "001190012345" not in text and "0912345678" not in text
