from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea, GovTextInput
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from engage.accounts.forms import strip_whitespace
from engage.core.forms import BaseForm, DateInputField


class ObjectiveForm(BaseForm):
    title = StringField(
        "Objective title",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            InputRequired(message="Enter the objective's title"),
            Length(max=300, message="Title must be 300 characters or fewer"),
        ],
    )
    summary = TextAreaField(
        "Summary",
        widget=GovTextArea(),
        filters=[strip_whitespace],
        validators=[Length(max=2000, message="Summary must be 2,000 characters or fewer")],
    )
    submit = SubmitField("Save objective", widget=GovSubmitInput())


class PriorityForm(BaseForm):
    title = StringField(
        "Priority title",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            InputRequired(message="Enter the priority's title"),
            Length(max=300, message="Title must be 300 characters or fewer"),
        ],
    )
    submit = SubmitField("Save priority", widget=GovSubmitInput())


class NewPriorityForm(PriorityForm):
    code = StringField(
        "Code",
        widget=GovTextInput(),
        description="A short code that follows the objective's, like EO2.4",
        filters=[strip_whitespace],
        validators=[
            InputRequired(message="Enter a code for the priority, like EO2.4"),
            Length(max=20, message="Code must be 20 characters or fewer"),
        ],
        render_kw={"spellcheck": "false"},
    )
    submit = SubmitField("Add priority", widget=GovSubmitInput())


class NewVersionForm(BaseForm):
    title = StringField(
        "Title of the new version",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            InputRequired(message="Enter a title for the new version"),
            Length(max=200, message="Title must be 200 characters or fewer"),
        ],
    )
    period_start = DateInputField(
        "Start date",
        description="For example, 1 4 2027",
        validators=[InputRequired(message="Enter the start date")],
    )
    period_end = DateInputField(
        "End date",
        description="For example, 31 3 2028",
        validators=[InputRequired(message="Enter the end date")],
    )
    submit = SubmitField("Start the new version", widget=GovSubmitInput())

    def validate_period_end(self, field: DateInputField) -> None:
        if field.data and self.period_start.data and field.data <= self.period_start.data:
            raise ValidationError("End date must be after the start date")
