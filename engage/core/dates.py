"""UK dates and times. Rounds, terms and strategy periods run on UK calendar days, so "today"
is today in Europe/London, whatever the server's time zone."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def uk_today(now: datetime | None = None) -> date:
    return (now or datetime.now(UK)).astimezone(UK).date()


_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$", re.IGNORECASE)
TIME_FORMAT_MESSAGE = "Enter the start time like 10:30am or 14:30"


def parse_time(text: str) -> time | None:
    """'10:30am', '2pm', '14:30' or '9.15' as a time; None if it is not one."""
    match = _TIME.match(text.strip())
    if not match:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.lower() == "pm" else 0)
    elif match.group(2) is None:
        return None  # "14" alone is ambiguous: ask for minutes or am/pm
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)
