"""What a service changed, so each view refreshes only what it shows (Anki's ``OpChanges`` idea)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    dossier_ids: tuple[str, ...] = ()
    dossier_created: bool = False
    settings: bool = False
    catalog: bool = False
    users: bool = False
    queue: bool = False
    extra: dict[str, object] = field(default_factory=dict)

    def touches_dossiers(self) -> bool:
        return bool(self.dossier_ids) or self.dossier_created
