"""Forms for shortlisting, interviews, outcomes and appointment."""

from __future__ import annotations

from datetime import time

from govuk_frontend_wtf.wtforms_widgets import (
    GovSubmitInput,
    GovTextInput,
)
from wtforms import RadioField, SelectChoice, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, ValidationError

from engage.core.dates import TIME_FORMAT_MESSAGE, parse_time
from engage.core.forms import (
    BaseForm,
    DateInputField,
    GovRadios,
    strip_whitespace,
    text_area,
    text_field,
)
from engage.panels.api import TermMixin, role_field, term_end_field, term_start_field
from engage.recruitment.models import APPOINTED, NOT_APPOINTED, RESERVE

TEXT_MAX = 5000
SHORTLIST = "shortlist"
DO_NOT_SHORTLIST = "do_not_shortlist"
YES = "yes"
NO = "no"
YES_NO = [SelectChoice(YES, "Yes"), SelectChoice(NO, "No")]


def _text_area(label: str, required: str, hint: str = "") -> TextAreaField:
    return text_area(label, required=required, max_length=TEXT_MAX, hint=hint)


class ShortlistForm(BaseForm):
    decision = RadioField(
        "Shortlist this applicant?",
        widget=GovRadios(),
        choices=[
            SelectChoice(SHORTLIST, "Yes: invite them to an interview"),
            SelectChoice(DO_NOT_SHORTLIST, "No: do not shortlist"),
        ],
        validators=[InputRequired(message="Choose whether to shortlist this applicant")],
        invalid_choice_message="Choose whether to shortlist this applicant",
    )
    reason = _text_area(
        "Reason",
        "Enter the reason for your decision",
        "The applicant can read this, so write it to them in plain English.",
    )
    submit = SubmitField("Save and email the applicant", widget=GovSubmitInput())


class SlotForm(BaseForm):
    day = DateInputField(
        "Date",
        description="For example, 27 3 2027",
        validators=[InputRequired(message="Enter the date of the interview")],
    )
    start_time = StringField(
        "Start time",
        widget=GovTextInput(),
        description="UK time, for example 10:30am or 14:30",
        filters=[strip_whitespace],
        validators=[DataRequired(message="Enter the start time")],
        render_kw={"spellcheck": "false", "autocomplete": "off"},
    )
    minutes = StringField(
        "Length in minutes",
        widget=GovTextInput(),
        default="45",
        filters=[strip_whitespace],
        validators=[DataRequired(message="Enter how long the interview lasts, in minutes")],
        render_kw={"inputmode": "numeric", "spellcheck": "false", "autocomplete": "off"},
    )
    where = text_field(
        "Where",
        required="Enter where the interview takes place",
        max_length=300,
        hint="A venue with its address, or how to join online, such as Microsoft Teams",
    )
    submit = SubmitField("Add time", widget=GovSubmitInput())

    def validate_start_time(self, field: StringField) -> None:
        if field.data and parse_time(field.data) is None:
            raise ValidationError(TIME_FORMAT_MESSAGE)

    def validate_minutes(self, field: StringField) -> None:
        text = field.data or ""
        if not (text.isascii() and text.isdigit() and 10 <= int(text) <= 240):
            raise ValidationError("Length must be a whole number of minutes from 10 to 240")

    @property
    def start(self) -> time | None:
        return parse_time(self.start_time.data or "")


class ChooseSlotForm(BaseForm):
    """The choices are today's free times; a time taken since the page was shown is refused
    by the service with its own message, so the choice is not checked against the list."""

    slot = RadioField(
        "Interview times",
        widget=GovRadios(),
        choices=[],
        validate_choice=False,
        validators=[InputRequired(message="Choose a time for your interview")],
    )
    share_access_needs = RadioField(
        "Can we tell the people interviewing you about your access needs?",
        widget=GovRadios(),
        description="The organiser always sees them, to arrange support. If you say yes, "
        "the interviewers see them too.",
        choices=YES_NO,
        validators=[InputRequired(message="Choose yes if we can tell the interviewers")],
        invalid_choice_message="Choose yes if we can tell the interviewers",
    )
    submit = SubmitField("Book this time", widget=GovSubmitInput())


class OutcomeForm(BaseForm):
    outcome = RadioField(
        "Outcome",
        widget=GovRadios(),
        choices=[
            SelectChoice(APPOINTED, "Appointed"),
            SelectChoice(RESERVE, "On the reserve list"),
            SelectChoice(NOT_APPOINTED, "Not appointed"),
        ],
        validators=[InputRequired(message="Choose the outcome")],
        invalid_choice_message="Choose the outcome from the list",
    )
    reason = _text_area(
        "Reason for the outcome",
        "Enter the reason for the outcome",
        "A short summary of the decision. The applicant can read this.",
    )
    feedback = _text_area(
        "Feedback for the applicant",
        "Enter feedback for the applicant",
        "What went well and what they could build on. The applicant reads this in the email "
        "we send with the outcomes, and on their application page.",
    )
    submit = SubmitField("Save outcome", widget=GovSubmitInput())


class AppointForm(TermMixin, BaseForm):
    panel = RadioField(
        "Panel",
        widget=GovRadios(),
        choices=[],
        validators=[InputRequired(message="Choose the panel they are appointed to")],
        invalid_choice_message="Choose one of the panels the applicant applied to",
    )
    role = role_field()
    term_start = term_start_field()
    term_end = term_end_field()
    public_name = text_field(
        "Name the member goes by",
        required="Enter the name the member goes by",
        max_length=200,
        name="Name",
        hint="Fellow panel members see this name until the member creates an account. "
        "It appears on the public panel page only if they agree.",
        render_kw={"spellcheck": "false", "autocomplete": "off"},
    )
    listed_publicly = RadioField(
        "Has the member agreed to be named on the public panel page?",
        widget=GovRadios(),
        description="Only record yes if they told you so. If you have not asked, choose no.",
        choices=YES_NO,
        default=NO,
        validators=[InputRequired(message="Choose yes if the member agreed to be named")],
        invalid_choice_message="Choose yes if the member agreed to be named",
    )
    submit = SubmitField("Appoint and email the member", widget=GovSubmitInput())
