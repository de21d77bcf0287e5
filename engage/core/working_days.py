"""Working days in England: Monday to Friday, less the bank holidays of England and Wales.

The regular holidays are worked out for any year (New Year's Day, Good Friday, Easter Monday,
the early May and spring bank holidays, the summer bank holiday, Christmas and Boxing Day,
each moved to the next weekday when it falls at a weekend as the government substitutes them).
Holidays that were moved or added by proclamation are listed in ``ONE_OFF_CHANGES``; when a
new one is announced it is added there (the published list is at gov.uk/bank-holidays)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

MONDAY, FRIDAY, SATURDAY, SUNDAY = 0, 4, 5, 6

# Year -> (holidays taken away, holidays added), as announced.
ONE_OFF_CHANGES: dict[int, tuple[set[date], set[date]]] = {
    # The early May bank holiday moved to Friday 8 May for the 75th anniversary of VE Day.
    2020: ({date(2020, 5, 4)}, {date(2020, 5, 8)}),
    # Platinum Jubilee: the spring bank holiday moved to Thursday 2 June, plus Friday 3 June;
    # the State Funeral of Queen Elizabeth II on Monday 19 September.
    2022: (
        {date(2022, 5, 30)},
        {date(2022, 6, 2), date(2022, 6, 3), date(2022, 9, 19)},
    ),
    # The Coronation of King Charles III.
    2023: (set(), {date(2023, 5, 8)}),
}


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(MONDAY - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    after = date(year + (month == 12), month % 12 + 1, 1)
    last = after - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - MONDAY) % 7)


def _next_weekday(day: date, taken: set[date]) -> date:
    while day.weekday() >= SATURDAY or day in taken:
        day += timedelta(days=1)
    return day


@cache
def bank_holidays(year: int) -> frozenset[date]:
    """The bank holidays of England and Wales in ``year``."""
    easter = easter_sunday(year)
    holidays = {
        easter - timedelta(days=2),
        easter + timedelta(days=1),
        _first_monday(year, 5),
        _last_monday(year, 5),
        _last_monday(year, 8),
    }
    holidays.add(_next_weekday(date(year, 1, 1), holidays))
    # Christmas first, so a Boxing Day substitute goes after Christmas's.
    holidays.add(_next_weekday(date(year, 12, 25), holidays))
    holidays.add(_next_weekday(date(year, 12, 26), holidays))
    removed, added = ONE_OFF_CHANGES.get(year, (set(), set()))
    return frozenset((holidays - removed) | added)


def is_working_day(day: date) -> bool:
    return day.weekday() <= FRIDAY and day not in bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself not counted: a story
    told on a Saturday and due in 1 working day is due on Monday, or Tuesday after a bank
    holiday Monday)."""
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def _weekdays_through(day: date) -> int:
    """Mondays to Fridays from 1 January of year 1 (a Monday) up to and including ``day``."""
    weeks, extra = divmod(day.toordinal(), 7)
    return weeks * 5 + min(extra, 5)


def working_days_between(start: date, end: date) -> int:
    """How many working days after ``start``, up to and including ``end`` (0 when ``end`` is
    not after ``start``). Counted by arithmetic, not day by day: a queue of stories months
    overdue asks this for every row."""
    if end <= start:
        return 0
    holidays = sum(
        1
        for year in range(start.year, end.year + 1)
        for holiday in bank_holidays(year)
        if start < holiday <= end and holiday.weekday() <= FRIDAY
    )
    return _weekdays_through(end) - _weekdays_through(start) - holidays
