"""The stories export, as an engage/core/exports.py sheet: one row per story not withdrawn
(a safeguarding story only for a safeguarding officer), read as plain rows in three queries
whatever the number of stories.

What the person wrote is in it only when they agreed to be quoted; their name, email address
and phone number only when they agreed to be contacted. Nothing else they wrote (the place)
is in it, and never their equality monitoring answers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from engage.core.dates import UK
from engage.core.db import as_utc, db
from engage.core.exports import Sheet, Value
from engage.core.theme_models import Theme, ThemeCode
from engage.stories import stages
from engage.stories.models import Story
from engage.stories.reports.counts import theme_ids_statement
from engage.stories.reports.tables import area_label
from engage.stories.services import visible_to

_BATCH = 5000
HEADERS = (
    "Reference",
    "Told on",
    "How it came in",
    "Passed on by",
    "Status",
    "Reply due by",
    "First responded to on",
    "Where it happened",
    "When it happened",
    "Themes",
    "Strategy priorities",
    "What changed",
    "What changed, in words",
    "Agreed to be quoted",
    "Agreed to be published",
    "Agreed to be contacted",
    "What happened (only if they agreed to be quoted)",
    "What would have made it better (only if they agreed to be quoted)",
    "Name (only if they agreed to be contacted)",
    "Email (only if they agreed to be contacted)",
    "Phone (only if they agreed to be contacted)",
)
SAFEGUARDING_HEADER = "Needs safeguarding"
LEFT_OUT_NOTE = (
    "Stories the person withdrew are not in the download. What a person wrote is in it only "
    "if they agreed to be quoted, and their name, email address and phone number only if "
    "they agreed to be contacted. Equality monitoring answers are never in it."
)


def _uk_day(value: datetime | None) -> Value:
    return None if value is None else as_utc(value).astimezone(UK).date()


def _yes(value: bool) -> str:
    return "Yes" if value else "No"


def _labels(statement: object) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for record_id, label in db.session.execute(statement.execution_options(yield_per=_BATCH)):
        found.setdefault(record_id, []).append(label)
    return found


def _themes(counted: object) -> dict[int, list[str]]:
    return _labels(
        select(ThemeCode.item_id, Theme.label)
        .join(Theme, Theme.id == ThemeCode.theme_id)
        .where(
            ThemeCode.item_type == stages.THEME_ITEM,
            ThemeCode.theme_id.in_(theme_ids_statement()),
            ThemeCode.item_id.in_(counted),
        )
        .order_by(ThemeCode.item_id, Theme.position, Theme.id)
    )


def _priorities(counted: object) -> dict[int, list[str]]:
    tags = db.metadata.tables[f"{Story.__tablename__}_priority"]
    priority = db.metadata.tables["strategy_priority"]
    return _labels(
        select(tags.c.record_id, priority.c.code)
        .join(priority, priority.c.id == tags.c.priority_id)
        .where(tags.c.record_id.in_(counted))
        .order_by(tags.c.record_id, priority.c.code)
    )


def stories_sheet(safeguarding_officer: bool) -> Sheet:
    """Every story the reader may see that was not withdrawn, oldest first."""
    conditions = (Story.withdrawn_at.is_(None), visible_to(safeguarding_officer))
    counted = select(Story.id).where(*conditions)
    headers = HEADERS + ((SAFEGUARDING_HEADER,) if safeguarding_officer else ())
    sheet = Sheet("Stories", headers)
    themes, priorities = _themes(counted), _priorities(counted)
    s = Story
    rows = db.session.execute(
        select(s.id, s.reference, s.told_at, s.channel, s.told_through, s.status, s.due_on,
               s.first_responded_at, s.area_code, s.when_happened, s.change,
               s.change_description, s.consent_quote, s.consent_publish, s.consent_contact,
               s.what_happened, s.what_would_help, s.name, s.email, s.phone, s.safeguarding)
        .where(*conditions)
        .order_by(s.told_at, s.id)
        .execution_options(yield_per=_BATCH)
    )  # fmt: skip
    for row in rows:
        quoted, contact = row.consent_quote, row.consent_contact
        values: tuple[Value, ...] = (
            row.reference,
            _uk_day(row.told_at),
            stages.CHANNEL_LABELS.get(row.channel, row.channel),  # type: ignore[call-overload]
            row.told_through or None,
            stages.STATUS_LABELS.get(row.status, row.status),  # type: ignore[call-overload]
            row.due_on,
            _uk_day(row.first_responded_at),
            area_label(row.area_code) if row.area_code else None,
            stages.WHEN_LABELS.get(row.when_happened) if row.when_happened else None,  # type: ignore[call-overload]
            "; ".join(themes.get(row.id, [])) or None,
            "; ".join(priorities.get(row.id, [])) or None,
            stages.CHANGE_LABELS.get(row.change, row.change),  # type: ignore[call-overload]
            row.change_description or None,
            _yes(quoted),
            _yes(row.consent_publish),
            _yes(contact),
            row.what_happened if quoted else None,
            (row.what_would_help or None) if quoted else None,
            (row.name or None) if contact else None,
            (row.email or None) if contact else None,
            (row.phone or None) if contact else None,
        )
        if safeguarding_officer:
            values += (_yes(row.safeguarding),)
        sheet.rows.append(values)
    return sheet
