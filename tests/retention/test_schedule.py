"""The RETENTION setting: defaults, changes, and a clear refusal to start when it is wrong."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from engage.config import RETENTION_KINDS, load_config, retention_schedule
from engage.core.retention import cutoff_date, subtract_period


def test_defaults_cover_every_kind() -> None:
    schedule = retention_schedule("")
    assert set(schedule) == set(RETENTION_KINDS)
    assert schedule["draft_applications"] == "6 months"
    assert schedule["audit_log"] == "6 years"


def test_changes_from_the_environment_and_from_a_dict() -> None:
    assert retention_schedule("stories=2 years; outbox=1 month")["stories"] == "2 years"
    assert retention_schedule("outbox=1 months")["outbox"] == "1 month"
    assert retention_schedule({"audit_log": "7 YEARS"})["audit_log"] == "7 years"
    assert retention_schedule({"audit_log": "7 years"})["stories"] == "3 years"


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ("stories", "is not kind=period"),
        ("story=3 years", "unknown kinds ['story']"),
        ({"stories": "three years"}, "whole number of days, months or years"),
        ({"stories": "0 days"}, "at least 1"),
        ({"stories": "3 weeks"}, "whole number of days, months or years"),
        (["stories"], "must be a dict"),
    ],
)
def test_a_wrong_schedule_stops_the_app_with_the_reason(given: object, says: str) -> None:
    with pytest.raises(RuntimeError, match="RETENTION") as raised:
        retention_schedule(given)
    assert says in str(raised.value)


def test_load_config_checks_the_schedule(tmp_path) -> None:
    settings = {"ENGAGE_ENV": "testing", "SECRET_KEY": "x", "RETENTION": {"stories": "soon"}}
    with pytest.raises(RuntimeError, match="RETENTION"):
        load_config(str(tmp_path), settings)
    ok = load_config(str(tmp_path), {**settings, "RETENTION": {"stories": "2 years"}})
    assert ok["RETENTION"]["stories"] == "2 years"


def test_periods_count_back_in_calendar_months() -> None:
    moment = datetime(2025, 3, 31, 9, 30, tzinfo=UTC)
    assert subtract_period(moment, "1 month") == datetime(2025, 2, 28, 9, 30, tzinfo=UTC)
    assert subtract_period(moment, "6 years") == datetime(2019, 3, 31, 9, 30, tzinfo=UTC)
    assert subtract_period(moment, "30 days") == datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
    assert subtract_period(moment, "13 months") == datetime(2024, 2, 29, 9, 30, tzinfo=UTC)
    assert cutoff_date(moment, "1 year").isoformat() == "2024-03-31"
