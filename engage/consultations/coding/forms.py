"""Forms for theme coding: a theme (the shared forms of engage/core/theme_forms.py, with
hints about answers), and coding one answer."""

from __future__ import annotations

from typing import Any

from wtforms import SelectMultipleField
from wtforms.validators import Optional, ValidationError

from engage.core import theme_forms
from engage.core.forms import (
    BaseForm,
    GovCheckboxes,
    text_area,
)
from engage.core.theme_models import MAX_NOTE


class ThemeForm(theme_forms.ThemeForm):
    example = "Cost of fares"
    coded = "answers"


class ChangeThemeForm(ThemeForm, theme_forms.ChangeThemeForm):
    pass


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
