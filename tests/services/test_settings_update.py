"""Office hours in the settings: times compare as times, one changed alone is checked against the stored other,
and what is not a time is refused by name, writing nothing (the receive's deadline rules read them)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from app.domain.errors import ValidationError
from app.services.receive import office_hours
from app.services.settings_update import save_settings
from app.store import settings


@pytest.fixture
def sup(ctx: Any) -> Any:
    return dataclasses.replace(ctx, actor=dataclasses.replace(ctx.actor, role="supervisor"))


def test_hours_typed_without_a_leading_zero_are_stored_as_times(sup: Any) -> None:
    save_settings(sup, {"open_time": "7:00", "close_time": "17:30"})
    assert (settings.get(sup.store, "open_time"), settings.get(sup.store, "close_time")) == ("07:00", "17:30")
    assert office_hours(sup).open.hour == 7  # the receive reads them


@pytest.mark.parametrize(("values", "field"), [
    ({"open_time": "9:00", "close_time": "8:00"}, "close_time"),  # as text "9:00" > "17:00"; as times 9 < 17
    ({"open_time": "18:00"}, "close_time"),  # alone, after the stored closing (17:00)
    ({"close_time": "07:00"}, "close_time"),  # alone, before the stored opening (07:30)
    ({"open_time": "25:00"}, "open_time"),
    ({"close_time": "năm giờ"}, "close_time"),
    ({"open_time": "07:30:15"}, "open_time"),
])
def test_bad_hours_are_refused_by_name_and_write_nothing(sup: Any, values: dict[str, str], field: str) -> None:
    before = (settings.get(sup.store, "open_time"), settings.get(sup.store, "close_time"))
    with pytest.raises(ValidationError) as exc:
        save_settings(sup, values)
    assert exc.value.field == field
    assert (settings.get(sup.store, "open_time"), settings.get(sup.store, "close_time")) == before


def test_nine_to_five_as_typed_is_accepted(sup: Any) -> None:
    save_settings(sup, {"open_time": "9:00", "close_time": "17:00"})  # refused when compared as text
    assert settings.get(sup.store, "open_time") == "09:00"
