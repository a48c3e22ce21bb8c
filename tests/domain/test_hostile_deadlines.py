"""Processing times the catalogue may carry that are not whole working days: refused by name, never truncated
(0.5 day silently became "due at closing today", 1.5 days became one)."""

from __future__ import annotations

import pytest

from app.domain.deadlines import ProcessingRule
from app.domain.errors import ValidationError


@pytest.mark.parametrize("days", [0.5, 1.5, -0.5, "0.5", "1,5", "một", True, [], {}])
def test_a_processing_time_that_is_not_whole_days_is_refused_by_name(days: object) -> None:
    for processing in ({"working_days": days}, {"by_channel_working_days": {"post": days}}):
        with pytest.raises(ValidationError) as err:
            ProcessingRule.from_catalog(processing)
        assert err.value.field == "procedure" and "ngày làm việc" in err.value.reason_vi


@pytest.mark.parametrize(("days", "whole"), [(3, 3), (3.0, 3), ("3", 3), (" 5 ", 5), (0, 0)])
def test_whole_days_however_written_are_read(days: object, whole: int) -> None:
    assert ProcessingRule.from_catalog({"working_days": days}).working_days == whole
    assert ProcessingRule.from_catalog({"by_channel_working_days": {"post": days}}).days_for("post") == whole

