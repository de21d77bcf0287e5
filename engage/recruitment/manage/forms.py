"""Forms officers use to set up a recruitment round."""

from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import (
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import (
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    SubmitField,
)
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError

from engage.core.forms import (
    BaseForm,
    DateInputField,
    GovCheckboxes,
    GovRadios,
    remove_unshowable_characters,
    text_area,
    text_field,
)
from engage.core.uploads import DocumentUpload, document_file_field
from engage.recruitment.manage.round_parts import MAX_WORD_LIMIT, MIN_WORD_LIMIT
from engage.recruitment.models import DOCUMENT_KINDS
from engage.strategy.api import PriorityTagsField


class WholeNumberField(IntegerField):
    """A number typed in a text box (GOV.UK advise against type=number), with a message in
    plain English when it is not a whole number."""

    widget = GovTextInput()

    def __init__(self, label: str, **kwargs: Any) -> None:
        kwargs.setdefault("render_kw", {"inputmode": "numeric", "spellcheck": "false"})
        super().__init__(label, **kwargs)

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        text = valuelist[0].strip()
        if not (text.isascii() and text.isdigit()) or len(text) > 6:
            self.data = None
            raise ValueError(f"{self.label.text} must be a whole number, like 8")
        self.data = int(text)

    def _value(self) -> str:
        # Shown back after an error: without characters HTML cannot show.
        return remove_unshowable_characters(super()._value())


class RoundForm(BaseForm):
    title = text_field("Title", required="Enter a title for the round", max_length=200)
    summary = text_area("Summary", required="Enter a summary of the round", max_length=5000)
    opens_on = DateInputField(
        "Opening date",
        description="The first day people can apply. For example, 1 9 2026",
        validators=[InputRequired(message="Enter the opening date")],
    )
    closes_on = DateInputField(
        "Closing date",
        description="Applications close at 11:59pm on this day. For example, 30 9 2026",
        validators=[InputRequired(message="Enter the closing date")],
    )
    places = WholeNumberField(
        "Number of places",
        validators=[
            InputRequired(message="Enter the number of places"),
            NumberRange(min=1, max=100, message="Number of places must be between 1 and 100"),
        ],
    )
    panels = SelectMultipleField(
        "Which panels does this round recruit to?",
        widget=GovCheckboxes(),
        coerce=int,
        description="Select all that apply.",
        validators=[InputRequired(message="Select at least one panel")],
        invalid_choice_message="Select panels from the list",
        invalid_value_message="Select panels from the list",
        validate_choice=True,
    )
    lead_officer_id = SelectField(
        "Lead officer",
        widget=GovSelect(),
        description="The lead officer runs the round: only they, or an admin, can change it. "
        "They also review applications, moderate the scores and decide the shortlist.",
        validators=[InputRequired(message="Choose the lead officer")],
        invalid_choice_message="Choose the lead officer from the list",
    )
    priorities = PriorityTagsField()
    submit = SubmitField("Save round", widget=GovSubmitInput())

    def load_choices(self, panels: list[Any], officers: list[Any], keep: list[Any]) -> None:
        self.panels.choices = [SelectChoice(panel.id, panel.name) for panel in panels]
        self.lead_officer_id.choices = [SelectChoice("", "Choose an officer")] + [
            SelectChoice(str(user.id), user.full_name) for user in officers
        ]
        self.priorities.load_choices(keep=keep)

    def validate_closes_on(self, field: DateInputField) -> None:
        if field.data and self.opens_on.data and field.data <= self.opens_on.data:
            raise ValidationError("Closing date must be after the opening date")


class CriterionForm(BaseForm):
    title = text_field("Criterion", required="Enter the criterion", max_length=200)
    description = text_area(
        "Description", required="Enter what the criterion looks for", max_length=2000
    )

    def values(self) -> dict[str, object]:
        return {"title": self.title.data, "description": self.description.data}

    position = WholeNumberField(
        "Position",
        description="1 is first. Leave blank to put it last.",
        validators=[Optional(), NumberRange(min=1, message="Position must be 1 or more")],
    )
    submit = SubmitField("Save criterion", widget=GovSubmitInput())


class QuestionForm(BaseForm):
    text = text_area("Question", required="Enter the question", max_length=1000)
    hint = text_area("Hint", max_length=1000)
    word_limit = WholeNumberField(
        "Word limit",
        description=f"Between {MIN_WORD_LIMIT} and {MAX_WORD_LIMIT} words",
        validators=[
            InputRequired(message="Enter the word limit"),
            NumberRange(
                min=MIN_WORD_LIMIT,
                max=MAX_WORD_LIMIT,
                message=f"Word limit must be between {MIN_WORD_LIMIT} and {MAX_WORD_LIMIT}",
            ),
        ],
    )
    position = CriterionForm.position

    def values(self) -> dict[str, object]:
        return {
            "text": self.text.data,
            "hint": self.hint.data or "",
            "word_limit": self.word_limit.data,
        }

    submit = SubmitField("Save question", widget=GovSubmitInput())


class DocumentForm(DocumentUpload, BaseForm):
    kind = RadioField(
        "What kind of document is this?",
        widget=GovRadios(),
        choices=[SelectChoice(value, label) for value, label in DOCUMENT_KINDS.items()],
        validators=[InputRequired(message="Select what kind of document this is")],
        invalid_choice_message="Select what kind of document this is from the list",
    )
    file = document_file_field("Upload a file")
    submit = SubmitField("Upload document", widget=GovSubmitInput())


class ReviewersForm(BaseForm):
    reviewers = SelectMultipleField(
        "Reviewers",
        widget=GovCheckboxes(),
        coerce=int,
        description="Select everyone who will score this round's applications, as well as the "
        "lead officer.",
        invalid_choice_message="Select reviewers from the list",
        invalid_value_message="Select reviewers from the list",
        validate_choice=True,
    )
    submit = SubmitField("Save reviewers", widget=GovSubmitInput())

    def load_choices(self, officers: list[Any]) -> None:
        self.reviewers.choices = [SelectChoice(user.id, user.full_name) for user in officers]
