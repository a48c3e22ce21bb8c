"""``motcua --kiosk`` and ``motcua --display``: the two queue screens as whole programs.

The launcher (``app/ui/launch.py``) builds the Qt application, the fonts and the session as for the clerk's
window and hands them here instead of opening the main window. Both screens open full screen on the chosen
monitor (``MOTCUA_SCREEN=1`` for the second one: the display usually drives a TV) and close with Ctrl+Alt+Q.
"""

from __future__ import annotations

import os

from PySide6.QtWidgets import QApplication, QWidget

from app.paths import resource
from app.services.context import Actor
from app.ui.queue.announcer import Announcer
from app.ui.queue.display import DisplayWindow
from app.ui.queue.hub_feed import HubFeed
from app.ui.queue.kiosk import KioskWindow
from app.ui.queue.sound_output import choose_output
from app.ui.queue.speech import ClipSet
from app.ui.session import AppSession

SCREEN_ENV = "MOTCUA_SCREEN"
WINDOWED_ENV = "MOTCUA_WINDOWED"  # "1": a normal window (development, screenshots)
KIOSK_ACTOR = Actor("kiosk", "Máy lấy số", "clerk")


def _show(app: QApplication, window: QWidget) -> int:
    screens = app.screens()
    try:
        index = int(os.environ.get(SCREEN_ENV, "0"))
    except ValueError:
        index = 0
    screen = screens[index] if 0 <= index < len(screens) else app.primaryScreen()
    if screen is not None:
        window.setGeometry(screen.geometry())
    if os.environ.get(WINDOWED_ENV) == "1":
        window.show()
    else:
        window.showFullScreen()
    return app.exec()


def make_announcer() -> Announcer:
    """The display's voice: shipped clips through whatever player this PC has, a local TTS when present."""
    player, tts = choose_output()  # the sound card, MOTCUA_AUDIO_SINK's folder, or silence
    return Announcer(ClipSet(resource("sounds", "vi")), player, tts)


def run_kiosk(app: QApplication, session: AppSession, font_family: str = "") -> int:
    """The ticket kiosk; tickets are issued as the "kiosk" user (so the audit log says where they came from)."""
    session.set_actor(KIOSK_ACTOR)
    return _show(app, KioskWindow(session))


def hub_feed(session: AppSession) -> HubFeed | None:
    """The office hub's call stream when this PC's queue is on a hub, else None (the screen polls the store)."""
    from app.services.queue_backend import hub_session

    factory = hub_session(session.write_context())
    return None if factory is None else HubFeed(factory)


def run_display(app: QApplication, session: AppSession, font_family: str = "") -> int:
    """The waiting-room display; read-only on the store, or following the office hub's stream."""
    return _show(app, DisplayWindow(session, make_announcer(), feed=hub_feed(session)))
