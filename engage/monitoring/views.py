"""The form that chooses what the "who we heard from" view shows."""

from __future__ import annotations

from functools import cache

from govuk_frontend_wtf.wtforms_widgets import GovSelect
from wtforms import RadioField, SelectChoice, SelectField, SelectMultipleField

from engage.core.forms import BaseForm, GovCheckboxes, GovRadios
from engage.monitoring.census import CITY_REGION, LOCAL_AUTHORITIES, Characteristic, characteristic
from engage.monitoring.sources import AnswerSource

# The characteristics the view offers, in the order a reader expects.
VIEW_CHARACTERISTICS = (
    "ethnic_group_broad",
    "ethnic_group",
    "sex",
    "gender_identity",
    "sexual_orientation",
    "religion",
    "disability",
    "age_band",
)


@cache
def characteristic_choices() -> dict[str, Characteristic]:
    return {key: characteristic(key) for key in VIEW_CHARACTERISTICS}


class WhoWeHeardFromForm(BaseForm):
    """A GET form (no CSRF token): what to compare, and where."""

    class Meta:
        csrf = False

    source = RadioField(
        "Whose answers",
        widget=GovRadios(),
        invalid_choice_message="Choose whose answers to show from the list",
    )
    characteristic = SelectField(
        "Characteristic",
        widget=GovSelect(),
        default=VIEW_CHARACTERISTICS[0],
        invalid_choice_message="Choose a characteristic from the list",
    )
    areas = SelectMultipleField(
        "Local authorities",
        widget=GovCheckboxes(),
        description="Leave all unticked for the whole city region.",
        invalid_choice_message="Choose local authorities from the list",
    )

    def load_choices(self, sources: list[AnswerSource], default: AnswerSource) -> None:
        self.sources = {source.key: source for source in sources}
        self.source.choices = [SelectChoice(s.key, s.label) for s in sources]
        if self.source.data is None:
            self.source.data = default.key
        self.characteristic.choices = [
            SelectChoice(key, c.label) for key, c in characteristic_choices().items()
        ]
        self.areas.choices = [SelectChoice(code, name) for code, name in LOCAL_AUTHORITIES.items()]
        if self.characteristic.data is None:
            self.characteristic.data = VIEW_CHARACTERISTICS[0]

    def selected_source(self) -> AnswerSource:
        return self.sources[self.source.data]

    def selected_areas(self) -> list[str]:
        return list(self.areas.data or CITY_REGION)
