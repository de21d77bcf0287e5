"""UK dates and times. Rounds, terms and strategy periods run on UK calendar days, so "today"
is today in Europe/London, whatever the server's time zone."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def uk_today(now: datetime | None = None) -> date:
    return (now or datetime.now(UK)).astimezone(UK).date()
