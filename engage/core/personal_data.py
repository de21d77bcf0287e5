"""What a feature holds about one person, in a shape every feature shares, so that the data
download (engage/rights) shows it as a readable page and as JSON without knowing any
feature's tables.

A feature's ``personal_data(subject)`` returns ``PersonalSection``s: a title, and records
each with a title and ordered (label, value) pairs. Values are plain (text, numbers, yes/no,
None, or lists of text) so the same data is both the page and the JSON file."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

Value = str | int | bool | None | list[str]


@dataclass(frozen=True)
class PersonalRecord:
    title: str
    fields: tuple[tuple[str, Value], ...] = ()


@dataclass(frozen=True)
class PersonalSection:
    title: str
    records: tuple[PersonalRecord, ...] = field(default_factory=tuple)


def record(title: str, *pairs: tuple[str, Any]) -> PersonalRecord:
    """A record from (label, value) pairs, each value made plain (see ``plain``)."""
    return PersonalRecord(title, tuple((label, plain(value)) for label, value in pairs))


def section(title: str, records: Iterable[PersonalRecord]) -> PersonalSection | None:
    """A section, or None when there is nothing in it (callers drop Nones)."""
    kept = tuple(records)
    return PersonalSection(title, kept) if kept else None


def sections(*found: PersonalSection | None) -> list[PersonalSection]:
    return [one for one in found if one is not None]


def plain(value: Any) -> Value:
    """A value as JSON can hold it: dates as ISO 8601 text, lists as lists of text, and
    anything nested (a consultation grid's answers) as readable text."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return [_text(item) for item in value]
    return _text(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return "; ".join(f"{key}: {_text(item)}" for key, item in value.items())
    if isinstance(value, list | tuple | set):
        return "; ".join(_text(item) for item in value)
    return str(value)


def as_json(found: Iterable[PersonalSection]) -> list[dict[str, Any]]:
    """The sections as JSON: labels kept in order as a list of pairs per record."""
    return [
        {
            "section": one.title,
            "records": [
                {
                    "title": rec.title,
                    "fields": [{"label": label, "value": value} for label, value in rec.fields],
                }
                for rec in one.records
            ],
        }
        for one in found
    ]
