"""A plain value of a personal record in words, for the page (the JSON keeps the value)."""

from __future__ import annotations

import re
from datetime import date, datetime

from engage.core.personal_data import Value
from engage.core.templating import format_date, format_datetime

NOTHING = "None"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def shown(value: Value) -> str:
    if value is None or value == "" or value == []:
        return NOTHING
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, str):
        try:
            if _ISO_DATETIME.match(value):
                return format_datetime(datetime.fromisoformat(value))
            if _ISO_DATE.match(value):
                return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)
