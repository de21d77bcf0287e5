"""Forms for a consultation's documents and events."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSubmitInput
from wtforms import RadioField, SelectChoice, StringField, SubmitField
from wtforms.validators import InputRequired, ValidationError

from engage.consultations.materials.models import (
    FORMAT_LABELS,
    MODE_LABELS,
    DocumentFormat,
    EventMode,
)
from engage.core.dates import UK, parse_time
from engage.core.forms import BaseForm, DateInputField, GovRadios, text_area, text_field
from engage.core.uploads import (
    ALLOWED_EXTENSIONS_TEXT,
    MAX_DOCUMENT_BYTES,
    document_problem,
)

MAX_TEXT = 2_000


def _is_web_address(text: str) -> bool:
    return text.startswith(("https://", "http://")) and len(text) > len("https://")


class DocumentForm(BaseForm):
    title = text_field(
        "Title", required="Enter the document's title", max_length=200,
        hint="As residents will see it, for example “The draft bus strategy”.",
    )  # fmt: skip
    format = RadioField(
        "Which version is it?",
        widget=GovRadios(),
        choices=[SelectChoice(code, words) for code, words in FORMAT_LABELS.items()],
        validators=[InputRequired(message="Select which version it is")],
    )
    file = FileField(
        "Upload the file",
        widget=GovFileInput(),
        description=f"{ALLOWED_EXTENSIONS_TEXT}, smaller than 10MB. Or give a link instead.",
    )
    link = text_field(
        "Or a link to it", max_length=500,
        hint="The full address, starting https:// (a BSL video must be a link).",
        render_kw={"spellcheck": "false"},
    )  # fmt: skip
    submit = SubmitField("Add the document", widget=GovSubmitInput())
    content: bytes = b""

    def validate_file(self, field: Any) -> None:
        upload = field.data
        if not upload or not getattr(upload, "filename", ""):
            return
        self.content = upload.read(MAX_DOCUMENT_BYTES + 1)
        problem = document_problem(upload.filename, self.content)
        if problem:
            self.content = b""
            raise ValidationError(problem)

    def validate_link(self, field: Any) -> None:
        if field.data and not _is_web_address(field.data):
            raise ValidationError("Enter the link's full address, starting https://")

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if not valid:
            return False
        has_file, has_link = bool(self.content), bool(self.link.data)
        if self.format.data == DocumentFormat.BSL_VIDEO and has_file:
            self.file.errors = ["A BSL video must be a link, not an uploaded file"]
            return False
        if has_file == has_link:
            message = (
                "Upload a file or give a link, not both"
                if has_file
                else ("Upload a file or give a link")
            )
            self.file.errors = [message]
            return False
        return True

    @property
    def filename(self) -> str:
        return getattr(self.file.data, "filename", "") or ""


def _time_field(label: str, required: str) -> StringField:
    return text_field(
        label, required=required, max_length=20, hint="UK time, for example 10:30am or 14:30",
        render_kw={"spellcheck": "false", "autocomplete": "off"},
    )  # fmt: skip


class EventForm(BaseForm):
    title = text_field(
        "What is the event?", required="Enter what the event is", max_length=200,
        name="The event's name", hint="For example, “Drop-in at Bootle library”.",
    )  # fmt: skip
    day = DateInputField(
        "Date",
        description="For example, 27 3 2027",
        validators=[InputRequired(message="Enter the date of the event")],
    )
    start_time = _time_field("Starts at", "Enter the time it starts")
    end_time = _time_field("Ends at", "Enter the time it ends")
    mode = RadioField(
        "How do people take part?",
        widget=GovRadios(),
        choices=[SelectChoice(code, words) for code, words in MODE_LABELS.items()],
        validators=[InputRequired(message="Select how people take part")],
    )
    where = text_area(
        "Where is it? (in person)", max_length=MAX_TEXT, name="Where it is",
        hint="The venue and its full address.",
    )  # fmt: skip
    how_to_join = text_area(
        "How to join or book", max_length=MAX_TEXT, name="How to join or book",
        hint="For an online event, how to join (for example a Teams link) and whether to book.",
    )  # fmt: skip
    accessibility = text_area(
        "Accessibility", required="Say how the event is accessible", max_length=MAX_TEXT,
        hint="For example step-free access, a hearing loop, BSL interpreters, live captions, "
        "a quiet room, accessible toilets, and how to ask for anything else.",
    )  # fmt: skip
    submit = SubmitField("Save the event", widget=GovSubmitInput())

    def validate_start_time(self, field: Any) -> None:
        if field.data and parse_time(field.data) is None:
            raise ValidationError("Enter the start time like 10:30am or 14:30")

    def validate_end_time(self, field: Any) -> None:
        if not field.data:
            return
        end = parse_time(field.data)
        if end is None:
            raise ValidationError("Enter the end time like 12:30pm or 16:00")
        start = parse_time(self.start_time.data or "")
        if start is not None and end <= start:
            raise ValidationError("The end time must be after the start time")

    def validate(self, extra_validators: Any = None) -> bool:
        # Checked here: an empty optional box stops its own validators before they run.
        valid = super().validate(extra_validators)
        if self.mode.data in (EventMode.IN_PERSON, EventMode.BOTH) and not self.where.data:
            self.where.errors = [*self.where.errors, "Enter where the event is, with its address"]
            valid = False
        if self.mode.data in (EventMode.ONLINE, EventMode.BOTH) and not self.how_to_join.data:
            self.how_to_join.errors = [*self.how_to_join.errors, "Say how to join the event online"]
            valid = False
        return valid

    def _at(self, typed: str) -> datetime:
        found = parse_time(typed) or time(0)
        return datetime.combine(self.day.data, found, tzinfo=UK)

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title.data,
            "starts_at": self._at(self.start_time.data),
            "ends_at": self._at(self.end_time.data),
            "mode": self.mode.data,
            "where": self.where.data or "",
            "how_to_join": self.how_to_join.data or "",
            "accessibility": self.accessibility.data,
        }

    @classmethod
    def data_from(cls, event: Any) -> dict[str, Any]:
        start, end = event.starts_at.astimezone(UK), event.ends_at.astimezone(UK)
        return {
            "title": event.title,
            "day": start.date(),
            "start_time": start.strftime("%H:%M"),
            "end_time": end.strftime("%H:%M"),
            "mode": event.mode,
            "where": event.where,
            "how_to_join": event.how_to_join,
            "accessibility": event.accessibility,
        }
