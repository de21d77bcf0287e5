from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from wtforms import RadioField, SelectChoice, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, ValidationError

from engage.core.forms import BaseForm, DateInputField, GovRadios, text_area, text_field
from engage.strategy.measures import FIRST_YEAR as MEASURE_FIRST_YEAR
from engage.strategy.measures import LAST_YEAR as MEASURE_LAST_YEAR
from engage.strategy.models import ACTION, AMBITION


class ObjectiveForm(BaseForm):
    title = text_field(
        "Objective title", required="Enter the objective's title", max_length=300, name="Title"
    )
    summary = text_area("Summary", max_length=2000)
    submit = SubmitField("Save objective", widget=GovSubmitInput())


class PriorityForm(BaseForm):
    title = text_field(
        "Priority title", required="Enter the priority's title", max_length=300, name="Title"
    )
    submit = SubmitField("Save priority", widget=GovSubmitInput())


class NewPriorityForm(PriorityForm):
    code = text_field(
        "Code",
        required="Enter a code for the priority, like EO2.4",
        max_length=20,
        hint="A short code that follows the objective's, like EO2.4",
        render_kw={"spellcheck": "false"},
    )
    submit = SubmitField("Add priority", widget=GovSubmitInput())


def _title(label: str, missing: str) -> StringField:
    return text_field(label, required=missing, max_length=200, name="Title")


def _period_start() -> DateInputField:
    return DateInputField(
        "Start date",
        description="For example, 1 4 2027",
        validators=[InputRequired(message="Enter the start date")],
    )


def _period_end() -> DateInputField:
    return DateInputField(
        "End date",
        description="For example, 31 3 2028",
        validators=[InputRequired(message="Enter the end date")],
    )


class _PeriodChecks:
    def validate_period_end(self, field: DateInputField) -> None:
        if field.data and self.period_start.data and field.data <= self.period_start.data:
            raise ValidationError("End date must be after the start date")


class StrategyDetailsForm(_PeriodChecks, BaseForm):
    """The current version's title and period (the public page says from the period whether
    the strategy has ended)."""

    title = _title("Title", "Enter the strategy's title")
    period_start = _period_start()
    period_end = _period_end()
    submit = SubmitField("Save title and period", widget=GovSubmitInput())


class NewVersionForm(_PeriodChecks, BaseForm):
    title = _title("Title of the new version", "Enter a title for the new version")
    period_start = _period_start()
    period_end = _period_end()
    submit = SubmitField("Start the new version", widget=GovSubmitInput())


VISION_MAX_STATEMENTS = 20
VISION_STATEMENT_MAX = 300
ITEM_MAX = 1000
MEASURE_MAX = 1000


class VisionForm(BaseForm):
    vision = TextAreaField(
        "Vision statements",
        widget=GovTextArea(),
        description="Write each statement on its own line. They appear on the public page as "
        "a bulleted list, in this order.",
        validators=[InputRequired(message="Enter at least one vision statement")],
    )
    submit = SubmitField("Save the vision", widget=GovSubmitInput())

    def statements(self) -> list[str]:
        lines = (self.vision.data or "").splitlines()
        return [line.strip() for line in lines if line.strip()]

    def validate_vision(self, field: TextAreaField) -> None:
        statements = self.statements()
        if not statements:
            raise ValidationError("Enter at least one vision statement")
        if len(statements) > VISION_MAX_STATEMENTS:
            raise ValidationError(
                f"Enter {VISION_MAX_STATEMENTS} statements or fewer (you entered {len(statements)})"
            )
        for number, statement in enumerate(statements, start=1):
            if len(statement) > VISION_STATEMENT_MAX:
                raise ValidationError(
                    f"Statement {number} must be {VISION_STATEMENT_MAX} characters or fewer"
                )


class ItemForm(BaseForm):
    text = text_area("Text", required="Enter the text", max_length=ITEM_MAX)
    submit = SubmitField("Save", widget=GovSubmitInput())


class NewItemForm(ItemForm):
    kind = RadioField(
        "Is it an action in the first year or a future ambition?",
        widget=GovRadios(),
        choices=[
            SelectChoice(ACTION, "An action in the first year"),
            SelectChoice(AMBITION, "A future ambition"),
        ],
        validators=[InputRequired(message="Select whether it is an action or an ambition")],
        invalid_choice_message="Select whether it is an action or an ambition",
    )
    submit = SubmitField("Add", widget=GovSubmitInput())


class MeasureForm(BaseForm):
    measure = text_area("Measure", required="Enter what is measured", max_length=MEASURE_MAX)
    baseline = text_field(
        "Baseline (optional)",
        max_length=200,
        hint="Where things stood at the start, such as 3.6%. Leave empty if not stated.",
    )
    target = text_field(
        "Target (optional)",
        max_length=200,
        hint="Such as 6% or annual increase. Leave empty if not stated.",
    )
    by = text_field(
        "By when (optional)", max_length=20, hint="The year the target is for, such as 2026"
    )
    submit = SubmitField("Save measure", widget=GovSubmitInput())


class MeasureValueForm(BaseForm):
    """A success measure's value for one year. The value is text ("63%", "1 in 4") because
    measures are stated in different ways; the source is required so every figure can be
    checked."""

    year = text_field(
        "Year",
        required="Enter the year the value is for",
        max_length=4,
        hint="The year the figure is for, such as 2025",
        render_kw={"inputmode": "numeric", "spellcheck": "false"},
    )
    value = text_field(
        "Value",
        required="Enter the value, such as 63%",
        max_length=100,
        hint="As the measure is stated, such as 63% or 1 in 4",
    )
    source = text_area(
        "Source",
        required="Enter where the figure came from",
        max_length=500,
        hint="Where the figure came from, such as the staff survey 2025 or a named report",
    )
    submit = SubmitField("Save the value", widget=GovSubmitInput())

    def validate_year(self, field: StringField) -> None:
        text = field.data or ""
        if not (text.isascii() and text.isdigit() and len(text) == 4):
            raise ValidationError("Year must be a year in 4 figures, like 2025")
        if not MEASURE_FIRST_YEAR <= int(text) <= MEASURE_LAST_YEAR:
            raise ValidationError(
                f"Year must be between {MEASURE_FIRST_YEAR} and {MEASURE_LAST_YEAR}"
            )
