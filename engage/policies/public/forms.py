"""The filter above the public list of Equality Impact Assessments."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSelect
from wtforms import SelectChoice, SelectField

from engage.core.forms import BaseForm

ANY_OBJECTIVE = ""


class ObjectiveFilterForm(BaseForm):
    """A GET form, so no CSRF token. An unknown objective shows every assessment."""

    class Meta:
        csrf = False

    objective = SelectField(
        "Equality Strategy objective", widget=GovSelect(), validate_choice=False
    )

    def load_choices(self, objectives: list[tuple[str, str]]) -> None:
        self.objective.choices = [
            SelectChoice(ANY_OBJECTIVE, "All objectives"),
            *(SelectChoice(code, label) for code, label in objectives),
        ]

    def chosen(self) -> str | None:
        codes = {choice.value for choice in self.objective.choices}
        return self.objective.data if self.objective.data in codes - {ANY_OBJECTIVE} else None
