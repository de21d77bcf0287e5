"""The audit log page: filters (who, what, when) and each event in words."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovSelect
from sqlalchemy import Select, func, select
from wtforms import SelectChoice, SelectField
from wtforms.validators import Optional, ValidationError

from engage.accounts.api import role_name, user_ids_matching
from engage.admin.audit_words import (
    ACTION_WORDS,
    DETAIL_FORMATS,
    HIDDEN_DETAILS,
    action_words,
    humanise,
)
from engage.core.audit import AuditEvent, events_statement
from engage.core.audit_records import Described, describe, prefetch_records
from engage.core.dates import UK
from engage.core.db import db
from engage.core.forms import BaseForm, DateInputField, text_field
from engage.core.secret_links import redact_secret_links

ANY_ACTION = ""


class AuditFilterForm(BaseForm):
    """The filters above the audit log (a GET form, so no CSRF token)."""

    class Meta:
        csrf = False

    who = text_field(
        "Who: name or email address",
        max_length=200,
        name="Who",
        render_kw={"spellcheck": "false"},
    )
    what = SelectField(
        "What they did",
        widget=GovSelect(),
        choices=[
            SelectChoice(ANY_ACTION, "Anything"),
            *(
                SelectChoice(code, words)
                for code, words in sorted(ACTION_WORDS.items(), key=lambda item: item[1].lower())
            ),
        ],
        validate_choice=False,  # checked below, with a message people can act on
    )
    since = DateInputField("From", validators=[Optional()])
    until = DateInputField("To", validators=[Optional()])

    def validate_what(self, field: SelectField) -> None:
        if field.data and field.data not in {choice.value for choice in field.choices}:
            raise ValidationError("Choose what they did from the list")

    def validate_until(self, field: DateInputField) -> None:
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError("The 'to' date must be the same as or after the 'from' date")


def _start_of_uk_day(day: date) -> datetime:
    # In UTC: SQLite keeps the stored UTC times without their zone.
    return datetime.combine(day, time.min, tzinfo=UK).astimezone(UTC)


def filtered_events(form: AuditFilterForm, valid: bool) -> Select:
    """Events matching the filters that are valid, newest first."""
    statement = events_statement()
    if not valid:
        return statement
    if form.who.data:
        term = form.who.data.lower()
        statement = statement.where(AuditEvent.actor_id.in_(user_ids_matching(term)))
    if form.what.data:
        statement = statement.where(AuditEvent.action == form.what.data)
    if form.since.data:
        statement = statement.where(AuditEvent.occurred_at >= _start_of_uk_day(form.since.data))
    if form.until.data:
        end = _start_of_uk_day(form.until.data + timedelta(days=1))
        statement = statement.where(AuditEvent.occurred_at < end)
    return statement


@dataclass
class EventRow:
    event: AuditEvent
    who: Described
    what: str
    record: Described
    details: list[str] = field(default_factory=list)


def _value(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_value(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{humanise(k)} {_value(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def detail_lines(event: AuditEvent, record: Described) -> list[str]:
    """Each detail as "Label: value" in words, without codes; empty ones left out."""
    details = dict(event.details or {})
    lines = []
    if details.get("scope_type"):
        lines.append(f"For: {humanise(details['scope_type'])} {details.get('scope_id', '')}")
    round_id = details.pop("round_id", None)
    if round_id is not None and "round" not in record.text.lower():
        lines.append(describe("recruitment_round", round_id).text)
    application_id = details.pop("application_id", None)
    if application_id is not None:
        lines.append(describe("application", application_id).text)
    reviewer_ids = details.pop("reviewer_ids", None)
    if reviewer_ids is not None:
        names = [describe("user", i).text for i in reviewer_ids]
        lines.append(f"Reviewers: {', '.join(names) if names else 'nobody'}")
    panel = details.pop("panel", None)
    if panel:
        lines.append(f"Panel: {describe('panel', panel).text}")
    if event.action in ("role_granted", "role_revoked") and details.get("role"):
        details["role"] = role_name(details["role"])
    for key, value in sorted(details.items()):
        if key in HIDDEN_DETAILS or _empty(value):
            continue
        label, show = DETAIL_FORMATS.get(key, (humanise(key), _value))
        try:
            shown = show(value)
        except (TypeError, ValueError):
            shown = _value(value)
        lines.append(f"{label}: {shown}")
    return [redact_secret_links(line).strip().rstrip(";,") for line in lines if line.strip()]


def _wanted(events: list[AuditEvent]) -> list[tuple[str | None, Any]]:
    """Every record a page of events names: actors, records, and the ones in details."""
    wanted: list[tuple[str | None, Any]] = []
    for event in events:
        details = event.details or {}
        wanted += [("user", event.actor_id), (event.object_type, event.object_id)]
        wanted += [("recruitment_round", details.get("round_id"))]
        wanted += [("application", details.get("application_id"))]
        wanted += [("user", reviewer) for reviewer in details.get("reviewer_ids") or ()]
    return wanted


def rows(events: list[AuditEvent]) -> list[EventRow]:
    prefetch_records(_wanted(events))
    described = []
    for event in events:
        if event.actor_id is None and event.ip_address is None:
            who = Described("A command run on the server")
        elif event.actor_id is None:
            who = Described("Nobody signed in")
        else:
            who = describe("user", event.actor_id)
        record = describe(event.object_type, event.object_id, event.details or {})
        described.append(
            EventRow(
                event=event,
                who=who,
                what=action_words(event.action),
                record=record,
                details=detail_lines(event, record),
            )
        )
    return described


def has_events() -> bool:
    return bool(db.session.scalar(select(func.count(AuditEvent.id))))
