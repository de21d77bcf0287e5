"""Forms for theme coding: a theme, deleting one, and coding one answer."""

from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import HiddenField, IntegerField, SelectMultipleField, SubmitField
from wtforms.validators import NumberRange, Optional, ValidationError

from engage.core.forms import (
    BaseForm,
    GovCheckboxes,
    remove_unshowable_characters,
    text_area,
    text_field,
)
from engage.core.theme_models import MAX_DESCRIPTION, MAX_LABEL, MAX_NOTE, MAX_THEMES


class ThemeForm(BaseForm):
    label = text_field(
        "Theme", required="Enter the theme's name", max_length=MAX_LABEL,
        hint="A few words, such as \u201cCost of fares\u201d",
    )  # fmt: skip
    description = text_area(
        "What it covers (optional)", max_length=MAX_DESCRIPTION, name="What it covers",
        hint="So that everyone coding answers uses the theme the same way",
    )  # fmt: skip
    submit = SubmitField("Save the theme", widget=GovSubmitInput())


class PositionField(IntegerField):
    """A position typed in a text box, with a message in plain English when it is not a whole
    number; blank keeps the theme where it is."""

    widget = GovTextInput()

    def process_formdata(self, valuelist: list[str]) -> None:
        text = valuelist[0].strip() if valuelist else ""
        if not text:
            self.data = None
            return
        if not (text.isascii() and text.isdigit()) or len(text) > 6:
            self.data = None
            raise ValueError("Enter the position as a whole number, like 2")
        self.data = int(text)

    def _value(self) -> str:
        return remove_unshowable_characters(super()._value())


class ChangeThemeForm(ThemeForm):
    position = PositionField(
        "Position in the list (optional)",
        description="1 puts it first. Leave it blank to keep its place.",
        validators=[Optional(), NumberRange(min=1, max=MAX_THEMES,
                                            message="Enter a position from 1 to %(max)s")],
        render_kw={"inputmode": "numeric", "spellcheck": "false"},
    )  # fmt: skip


class DeleteThemeForm(BaseForm):
    # The number of coded answers the person was shown: deleting refuses if it has changed.
    confirmed_count = HiddenField()
    submit = SubmitField("Delete the theme", widget=GovSubmitInput())

    def count(self) -> int:
        try:
            return int(self.confirmed_count.data or 0)
        except ValueError:
            return -1


class AnswerCodingForm(BaseForm):
    """One answer's themes and note. Several are on a page, each with its answer's prefix so
    ids stay unique; the app-wide CSRF protection checks the page's single token."""

    class Meta:
        csrf = False

    themes = SelectMultipleField(
        "Themes", coerce=int, widget=GovCheckboxes(), validate_choice=False,
        validators=[Optional()], description="Tick every theme the answer is about.",
    )  # fmt: skip
    note = text_area("Analyst's note (optional)", max_length=MAX_NOTE,
                     name="The note")  # fmt: skip

    @classmethod
    def for_answer(
        cls, answer_id: int, choices: list[tuple[int, str]], data: dict[str, Any] | None = None
    ) -> AnswerCodingForm:
        """A form for one answer: filled from ``data`` (its current coding) when given, or
        else from what was posted."""
        if data is None:
            form = cls(prefix=f"answer-{answer_id}")
        else:
            form = cls(formdata=None, prefix=f"answer-{answer_id}", data=data)
        form.themes.choices = choices
        form.themes.label.text = f"Themes for answer {answer_id}"
        form.note.label.text = f"Note on answer {answer_id} (optional)"
        return form

    def validate_themes(self, field: Any) -> None:
        known = {value for value, _ in field.choices}
        if any(value not in known for value in field.data or []):
            raise ValidationError(
                "A theme you ticked is no longer in the codeframe: tick the themes again"
            )
