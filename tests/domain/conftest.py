"""Shared fixtures of the domain tests: the shipped reference data, read once per session."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.domain.calendar import WorkCalendar

DATA_DIR = Path(__file__).resolve().parents[2] / "resources" / "data"


def load_json(name: str) -> Any:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def holidays_data() -> dict[str, Any]:
    return load_json("holidays.json")


@pytest.fixture(scope="session")
def procedures_data() -> list[dict[str, Any]]:
    return load_json("procedures.json")


@pytest.fixture(scope="session")
def calendar(holidays_data: dict[str, Any]) -> WorkCalendar:
    return WorkCalendar.from_json(holidays_data)
