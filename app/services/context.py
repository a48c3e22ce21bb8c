"""The objects every use case needs, built once by a composition root (the CLI or the app) and passed in."""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.services.clock import Clock, SystemClock

if TYPE_CHECKING:  # an annotation only: the clerk's window imports this before the store is open
    from app.store.db import Store


@dataclass(frozen=True)
class Actor:
    """Who is acting: recorded on every event and audit row."""

    username: str
    full_name: str = ""
    role: str = "clerk"

    @classmethod
    def system(cls) -> Actor:
        try:
            user = getpass.getuser()
        except Exception:
            user = "unknown"
        return cls(username=f"cli:{user}", full_name=user, role="admin")

    def can_supervise(self) -> bool:
        return self.role in ("supervisor", "admin")


@dataclass
class ServiceContext:
    store: Store
    data_dir: Path
    clock: Clock = field(default_factory=SystemClock)
    actor: Actor = field(default_factory=Actor.system)
