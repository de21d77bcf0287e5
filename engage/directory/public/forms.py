"""The search and filters above the public directory (a GET form: no CSRF token)."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSelect
from wtforms import SelectChoice, SelectField

from engage.core.forms import BaseForm, text_field
from engage.directory.services import Filters
from engage.directory.taxonomy import CATEGORIES, COMMUNITIES, KINDS, LED_BY, Taxonomy

ANY = ""


def _select(label: str, taxonomy: Taxonomy, anything: str) -> SelectField:
    return SelectField(
        label,
        widget=GovSelect(),
        choices=[SelectChoice(ANY, anything), *(SelectChoice(c, t) for c, t in taxonomy.choices())],
        default=ANY,
        # An unknown value (an old link, a hand-made address) is ignored, not an error.
        validate_choice=False,
    )


class DirectorySearchForm(BaseForm):
    class Meta:
        csrf = False

    q = text_field("Search by name or what they do", max_length=200, name="Your search")
    area = SelectField("Area", widget=GovSelect(), default=ANY, validate_choice=False)
    community = _select("Who they work with", COMMUNITIES, "Anyone")
    category = _select("What they offer", CATEGORIES, "Anything")
    kind = _select("Kind of organisation", KINDS, "Any kind")
    led_by = _select("Led by", LED_BY, "Anyone")

    def load_areas(self, areas: list[tuple[str, str]]) -> None:
        self.area.choices = [SelectChoice(ANY, "All six areas")] + [
            SelectChoice(code, name) for code, name in areas
        ]

    def filters(self) -> Filters:
        """What was asked for, leaving out anything not in the lists."""

        def known(field: SelectField) -> str:
            values = {choice.value for choice in field.choices}
            return field.data if field.data in values else ANY

        return Filters(
            words=(self.q.data or "").strip()[:200],
            area=known(self.area),
            community=known(self.community),
            category=known(self.category),
            kind=known(self.kind),
            led_by=known(self.led_by),
        )
