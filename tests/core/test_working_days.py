"""Working days in England: weekends and the bank holidays of England and Wales are skipped,
including substitute days and the one-off holidays (checked against gov.uk/bank-holidays)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engage.core.working_days import (
    add_working_days,
    bank_holidays,
    easter_sunday,
    is_working_day,
    working_days_between,
)

# From gov.uk/bank-holidays (England and Wales).
PUBLISHED = {
    2022: [
        "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03",
        "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27",
    ],
    2023: [
        "2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29",
        "2023-08-28", "2023-12-25", "2023-12-26",
    ],
    2026: [
        "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31",
        "2026-12-25", "2026-12-28",
    ],
    2027: [
        "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30",
        "2027-12-27", "2027-12-28",
    ],
}  # fmt: skip


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_bank_holidays_are_the_published_ones(year):
    assert sorted(day.isoformat() for day in bank_holidays(year)) == PUBLISHED[year]


def test_easter():
    assert easter_sunday(2024) == date(2024, 3, 31)
    assert easter_sunday(2038) == date(2038, 4, 25)  # as late as it comes


def test_weekends_and_bank_holidays_are_not_working_days():
    assert is_working_day(date(2026, 12, 7))  # a Monday
    assert not is_working_day(date(2026, 12, 5))  # Saturday
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day's substitute


def test_twenty_working_days_skip_weekends_and_christmas():
    # Told on Friday 11 December 2026: 25 and 28 December, 1 January and four weekends are
    # skipped (14-18, 21-24, 29-31 December, 4-8 and 11-13 January).
    assert add_working_days(date(2026, 12, 11), 20) == date(2027, 1, 13)
    # Told on a Saturday: the count starts on Monday.
    assert add_working_days(date(2026, 12, 5), 1) == date(2026, 12, 7)
    # Over Easter 2026: Good Friday 3 April and Easter Monday 6 April skipped.
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)


def test_working_days_between_counts_what_add_working_days_adds():
    start = date(2026, 12, 11)
    assert working_days_between(start, add_working_days(start, 20)) == 20
    assert working_days_between(start, start) == 0


@given(
    start=st.dates(min_value=date(2019, 1, 1), max_value=date(2028, 12, 31)),
    days=st.integers(min_value=-10, max_value=800),
)
def test_working_days_between_is_the_count_day_by_day(start, days):
    """The arithmetic agrees with walking the calendar a day at a time, across weekends,
    bank holidays, substitute days and the one-off holidays."""
    end = date.fromordinal(start.toordinal() + days)
    walked = sum(
        is_working_day(date.fromordinal(ordinal))
        for ordinal in range(start.toordinal() + 1, end.toordinal() + 1)
    )
    assert working_days_between(start, end) == walked
