"""Forms residents and officers use around the question pages: the finder's filters, starting
a response (optional email, with the honeypot), sending the save-and-return link, the "about
you" step's area question, asking for another format or support, and an officer choosing how
a response came in. The question pages themselves are read by answer_values.py."""

from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovTextInput
from wtforms import RadioField, SelectChoice, SelectField, SelectMultipleField, StringField
from wtforms.validators import InputRequired, Optional, ValidationError

from engage.consultations import stages
from engage.core.forms import (
    EMAIL_FORMAT,
    BaseForm,
    GovCheckboxes,
    GovRadios,
    email_field,
    strip_whitespace,
    text_area,
    text_field,
)
from engage.core.resume_links import is_email_address

ANY = ""
WANTS_OUTCOME = "yes"


class FinderForm(BaseForm):
    """The public list's filters (a GET form: no CSRF token). Unknown values are ignored."""

    class Meta:
        csrf = False

    area = SelectField("Area", widget=GovSelect(), default=ANY, validate_choice=False)
    objective = SelectField(
        "Equality Strategy objective", widget=GovSelect(), default=ANY, validate_choice=False
    )

    def load_choices(self, areas: list[tuple[str, str]], objectives: list[tuple[str, str]]) -> None:
        self.area.choices = [SelectChoice(ANY, "All six areas")] + [
            SelectChoice(code, name) for code, name in areas
        ]
        self.objective.choices = [SelectChoice(ANY, "Any objective")] + [
            SelectChoice(code, words) for code, words in objectives
        ]

    def chosen(self, field: SelectField) -> str:
        values = {choice.value for choice in field.choices}
        return field.data if field.data in values else ANY


def _optional_email(form: Any, field: Any) -> None:
    if field.data and not is_email_address(field.data):
        raise ValidationError(EMAIL_FORMAT)


class StartForm(BaseForm):
    email = StringField(
        "Email address (optional)",
        widget=GovTextInput(),
        description="Only if you want to save your answers and come back later, or to be "
        "told when the results are published. Leave it blank to answer anonymously.",
        filters=[strip_whitespace],
        validators=[Optional(), _optional_email],
        render_kw={"autocomplete": "email", "spellcheck": "false", "type": "email"},
    )
    wants_outcome = SelectMultipleField(
        "The results",
        widget=GovCheckboxes(),
        choices=[SelectChoice(WANTS_OUTCOME, "Email me when the results are published")],
        invalid_choice_message="Choose from the list",
        invalid_value_message="Choose from the list",
        validate_choice=True,
    )
    # The honeypot: hidden from people (and screen readers); a program filling in every box
    # fills it in, and its response is quietly not kept.
    website = StringField(
        "Leave this blank",
        widget=GovTextInput(),
        render_kw={"autocomplete": "off", "tabindex": "-1"},
    )

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators=extra_validators)
        if valid and self.wants_results and not self.email.data:
            self.email.errors = [
                "Enter your email address so that we can tell you when the results are published"
            ]
            return False
        return valid

    @property
    def wants_results(self) -> bool:
        return WANTS_OUTCOME in (self.wants_outcome.data or [])

    @property
    def is_spam(self) -> bool:
        return bool((self.website.data or "").strip())


class SaveForm(BaseForm):
    email = email_field("Email address")


class AboutYouForm(BaseForm):
    area = RadioField(
        "Which area do you live in? (optional)",
        widget=GovRadios(),
        validators=[Optional()],
        validate_choice=True,
        invalid_choice_message="Select your area from the list, or leave the question blank",
    )

    def load_choices(self, choices: list[tuple[str, str]]) -> None:
        self.area.choices = [SelectChoice(code, words) for code, words in choices]


class FormatRequestForm(BaseForm):
    needs = SelectMultipleField(
        "What would help you take part?",
        widget=GovCheckboxes(),
        choices=[SelectChoice(value, label) for value, label in stages.FORMAT_NEEDS.items()],
        description="Select all that apply.",
        validators=[InputRequired(message="Select what would help you take part")],
        invalid_choice_message="Select from the list",
        invalid_value_message="Select from the list",
        validate_choice=True,
    )
    details = text_area(
        "Tell us more (optional)", max_length=2_000, name="What you told us",
        hint="For example, which language, or when you could talk to us.",
    )  # fmt: skip
    name = text_field("Your name (optional)", max_length=200, name="Your name")
    contact = text_area(
        "How can we contact you?",
        required="Tell us how to contact you",
        max_length=1_000,
        name="How to contact you",
        hint="An email address, a phone number or a postal address, and any times that suit "
        "you. Someone can give their own details if they are helping you.",
    )


class ChannelForm(BaseForm):
    channel = RadioField(
        "How did this response reach us?",
        widget=GovRadios(),
        choices=[
            SelectChoice(channel.value, stages.CHANNEL_LABELS[channel])
            for channel in stages.ENTRY_CHANNELS
        ],
        validators=[InputRequired(message="Choose how the response reached us")],
        invalid_choice_message="Choose how the response reached us from the list",
    )
