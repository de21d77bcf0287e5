"""Suggesting a new organisation: the entry's details, and whether the person works there."""

from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import RadioField, SelectChoice, SubmitField
from wtforms.validators import InputRequired

from engage.core.forms import GovRadios, text_area, text_field
from engage.directory.forms import EntryForm

YES, NO = "yes", "no"


class SuggestForm(EntryForm):
    works_there = RadioField(
        "Do you work or volunteer for this organisation?",
        widget=GovRadios(),
        description="If you do, you can keep its entry up to date once it is listed.",
        choices=[
            SelectChoice(YES, "Yes, and I will keep its entry up to date"),
            SelectChoice(NO, "No"),
        ],
        validators=[InputRequired(message="Say whether you work or volunteer there")],
        invalid_choice_message="Choose yes or no",
    )
    role = text_field(
        "What is your role at the organisation?",
        max_length=200,
        name="Your role",
        hint="For example, chair, volunteer coordinator. An officer reads this.",
    )
    note = text_area(
        "Anything the officer should know (optional)",
        max_length=2_000,
        name="Your note",
        hint="For example, how you know the organisation. Only the officer reads this.",
    )
    submit = SubmitField("Send for review", widget=GovSubmitInput())

    def validate(self, extra_validators: Any = None) -> bool:
        """The role is needed only from someone who works there."""
        valid = super().validate(extra_validators=extra_validators)
        if self.works_there.data == YES and not self.role.data:
            self.role.errors = ["Say what your role at the organisation is"]
            return False
        return valid

    def editor_role(self) -> str | None:
        return self.role.data if self.works_there.data == YES else None
