from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea, GovTextInput
from wtforms import RadioField, SelectChoice, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from engage.core.forms import BaseForm, DateInputField, GovRadios, strip_whitespace
from engage.strategy.models import ACTION, AMBITION


class ObjectiveForm(BaseForm):
    title = StringField(
        "Objective title",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message="Enter the objective's title"),
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
            DataRequired(message="Enter the priority's title"),
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
            DataRequired(message="Enter a code for the priority, like EO2.4"),
            Length(max=20, message="Code must be 20 characters or fewer"),
        ],
        render_kw={"spellcheck": "false"},
    )
    submit = SubmitField("Add priority", widget=GovSubmitInput())


def _title(label: str, missing: str) -> StringField:
    return StringField(
        label,
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message=missing),
            Length(max=200, message="Title must be 200 characters or fewer"),
        ],
    )


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


def _text(label: str, missing: str | None, limit: int, *, area: bool = False, **kw: Any) -> Any:
    """A trimmed text field: required when ``missing`` is the message to show, else optional."""
    validators: list[Any] = [DataRequired(message=missing)] if missing else []
    validators.append(Length(max=limit, message=f"{label} must be {limit:,} characters or fewer"))
    field = TextAreaField if area else StringField
    widget = GovTextArea() if area else GovTextInput()
    return field(label, widget=widget, filters=[strip_whitespace], validators=validators, **kw)


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
    text = _text("Text", "Enter the text", ITEM_MAX, area=True)
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
    measure = _text("Measure", "Enter what is measured", MEASURE_MAX, area=True)
    baseline = _text(
        "Baseline (optional)",
        None,
        200,
        description="Where things stood at the start, such as 3.6%. Leave empty if not stated.",
    )
    target = _text(
        "Target (optional)",
        None,
        200,
        description="Such as 6% or annual increase. Leave empty if not stated.",
    )
    by = _text(
        "By when (optional)",
        None,
        20,
        description="The year the target is for, such as 2026",
    )
    submit = SubmitField("Save measure", widget=GovSubmitInput())
