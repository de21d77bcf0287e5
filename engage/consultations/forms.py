"""Forms officers use to build a consultation: its details, a page, a question and a route."""

from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import RadioField, SelectChoice, SelectMultipleField, SubmitField
from wtforms.validators import InputRequired, Optional

from engage.consultations import stages
from engage.consultations.builder_services import QuestionDetails
from engage.consultations.services import ConsultationDetails
from engage.core.forms import (
    BaseForm,
    DateInputField,
    GovCheckboxes,
    GovRadios,
    text_area,
    text_field,
)
from engage.strategy.api import PriorityTagsField

END = "end"  # a route's destination: the end (check your answers)


def lines_of(text: str | None) -> list[str]:
    """The non-blank lines of what was typed, trimmed."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ConsultationForm(BaseForm):
    title = text_field("Title", required="Enter the consultation's title", max_length=200)
    summary = text_area(
        "Summary", required="Enter a summary", max_length=5_000,
        hint="What the consultation is about, in plain English. Residents read it first.",
    )  # fmt: skip
    deciding = text_area(
        "What is being decided", required="Say what is being decided", max_length=5_000,
        hint="The decision residents' answers will inform, and what can still change.",
    )  # fmt: skip
    decided_by = text_field(
        "Who decides", required="Say who decides", max_length=200,
        hint="The person, board or committee. For example, the Combined Authority Board",
    )  # fmt: skip
    audience = text_area(
        "Who it is for (optional)", max_length=2_000, name="Who it is for",
        hint="For example, bus users in Knowsley, or everyone in the city region.",
    )  # fmt: skip
    opens_on = DateInputField(
        "Opening date (optional until you open it)",
        description="For example, 3 2 2027", validators=[Optional()],
    )  # fmt: skip
    closes_on = DateInputField(
        "Closing date (optional until you open it)",
        description="It takes answers until the end of this day. For example, 30 3 2027",
        validators=[Optional()],
    )
    areas = SelectMultipleField(
        "Which areas is it about?",
        widget=GovCheckboxes(),
        description="Select all that apply.",
        invalid_choice_message="Select areas from the list",
        invalid_value_message="Select areas from the list",
        validate_choice=True,
    )
    priorities = PriorityTagsField()
    submit = SubmitField("Save", widget=GovSubmitInput())

    def load_choices(self, areas: list[tuple[str, str]], keep: list[Any]) -> None:
        self.areas.choices = [SelectChoice(code, name) for code, name in areas]
        self.priorities.load_choices(keep=keep)

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators=extra_validators)
        opens, closes = self.opens_on.data, self.closes_on.data
        if valid and opens and closes and closes < opens:
            self.closes_on.errors = [stages.CLOSES_BEFORE_OPENING]
            return False
        return valid

    def details(self) -> ConsultationDetails:
        return ConsultationDetails(
            title=self.title.data,
            summary=self.summary.data,
            deciding=self.deciding.data,
            decided_by=self.decided_by.data,
            audience=self.audience.data or "",
            opens_on=self.opens_on.data,
            closes_on=self.closes_on.data,
            area_codes=list(self.areas.data or []),
            priority_ids=list(self.priorities.data or []),
        )

    @classmethod
    def data_from(cls, consultation: Any) -> dict[str, Any]:
        return {
            "title": consultation.title,
            "summary": consultation.summary,
            "deciding": consultation.deciding,
            "decided_by": consultation.decided_by,
            "audience": consultation.audience,
            "opens_on": consultation.opens_on,
            "closes_on": consultation.closes_on,
            "areas": [area.code for area in consultation.local_authorities],
            "priorities": [priority.id for priority in consultation.priorities],
        }


class PageForm(BaseForm):
    heading = text_field(
        "Page heading (optional)", max_length=200, name="The page heading",
        hint="Shown above the page's questions. Leave it blank when the page has one "
        "question: its question is the heading.",
    )  # fmt: skip
    submit = SubmitField("Save page", widget=GovSubmitInput())


class QuestionForm(BaseForm):
    text = text_field("Question", required="Enter the question", max_length=500)
    hint = text_area(
        "Hint text (optional)", max_length=2_000, name="The hint text",
        hint="Help to answer it, shown under the question.",
    )  # fmt: skip
    kind = RadioField(
        "What kind of answer does it take?",
        widget=GovRadios(),
        choices=[SelectChoice(kind.value, label) for kind, label in stages.KIND_LABELS.items()],
        validators=[InputRequired(message="Choose what kind of answer it takes")],
        invalid_choice_message="Choose the kind of answer from the list",
    )
    required = RadioField(
        "Must people answer it?",
        widget=GovRadios(),
        choices=[
            SelectChoice("yes", "Yes, it is required"),
            SelectChoice("no", "No, it is optional"),
        ],
        validators=[InputRequired(message="Choose whether people must answer it")],
        invalid_choice_message="Choose whether people must answer it",
    )
    options = text_area(
        "Options", max_length=10_000, name="The options",
        hint="One a line. Needed for 'Choose one option', 'Choose any options', 'Put options "
        "in order' and a grid (its scale, such as Good, Fair, Poor).",
    )  # fmt: skip
    allows_other = SelectMultipleField(
        "Other answers",
        widget=GovCheckboxes(),
        choices=[SelectChoice("yes", f"Offer \u201c{stages.OTHER_LABEL}\u201d with a text box")],
        description="Only for 'Choose one option' and 'Choose any options'.",
        invalid_choice_message="Choose from the list",
        invalid_value_message="Choose from the list",
        validate_choice=True,
    )
    matrix_rows = text_area(
        "Grid rows", max_length=5_000, name="The grid rows",
        hint="Only for a grid: one row a line, each answered on the scale in Options.",
    )  # fmt: skip
    submit = SubmitField("Save question", widget=GovSubmitInput())

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators=extra_validators)
        if not valid or not stages.uses_options(self.kind.data):
            return valid
        problem = _list_problem(
            lines_of(self.options.data), "option", stages.MIN_OPTIONS, stages.MAX_OPTIONS
        )
        if problem:
            self.options.errors = [problem]
            valid = False
        if self.kind.data == stages.QuestionKind.MATRIX:
            problem = _list_problem(
                lines_of(self.matrix_rows.data), "grid row", 1, stages.MAX_MATRIX_ROWS
            )
            if problem:
                self.matrix_rows.errors = [problem]
                valid = False
        return valid

    def details(self) -> QuestionDetails:
        return QuestionDetails(
            kind=self.kind.data,
            text=self.text.data,
            hint=self.hint.data or "",
            required=self.required.data == "yes",
            options=lines_of(self.options.data),
            allows_other="yes" in (self.allows_other.data or []),
            matrix_rows=lines_of(self.matrix_rows.data),
        )

    @classmethod
    def data_from(cls, question: Any) -> dict[str, Any]:
        return {
            "text": question.text,
            "hint": question.hint,
            "kind": question.kind,
            "required": "yes" if question.required else "no",
            "options": "\n".join(question.options or []),
            "allows_other": ["yes"] if question.allows_other else [],
            "matrix_rows": "\n".join(question.matrix_rows or []),
        }


def _list_problem(items: list[str], what: str, least: int, most: int) -> str | None:
    if len(items) < least:
        return f"Enter at least {least} {what}{'s' if least > 1 else ''}, one a line"
    if len(items) > most:
        return f"Enter no more than {most} {what}s"
    if any(len(item) > stages.MAX_OPTION_CHARACTERS for item in items):
        return f"Each {what} must be {stages.MAX_OPTION_CHARACTERS} characters or fewer"
    if len(set(items)) < len(items):
        return f"Each {what} must be different: one is there twice"
    if what == "option" and stages.OTHER_LABEL in items:
        return f"Leave out \u201c{stages.OTHER_LABEL}\u201d: tick the box below to offer it"
    return None


class RouteForm(BaseForm):
    when = RadioField(
        "When the answer is",
        widget=GovRadios(),
        validators=[InputRequired(message="Choose the question and answer the route follows")],
        invalid_choice_message="Choose an answer from the list",
    )
    goes_to = RadioField(
        "Go to",
        widget=GovRadios(),
        validators=[InputRequired(message="Choose where the route goes")],
        invalid_choice_message="Choose a later page or the end from the list",
    )
    submit = SubmitField("Add the route", widget=GovSubmitInput())

    def load_choices(self, answers: list[tuple[str, str]], pages: list[tuple[str, str]]) -> None:
        """``answers``: (question id|option number, words); ``pages``: (page id, words)."""
        self.when.choices = [SelectChoice(value, words) for value, words in answers]
        self.goes_to.choices = [SelectChoice(value, words) for value, words in pages] + [
            SelectChoice(END, "The end (check your answers)")
        ]
