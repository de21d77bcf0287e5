"""The results page's filters: a GET form (no CSRF token), each choice from a fixed list."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSelect
from wtforms import SelectChoice, SelectField

from engage.consultations import stages
from engage.consultations.results.counts import Filters
from engage.core.forms import BaseForm
from engage.monitoring.api import GROUPS, LOCAL_AUTHORITIES, monitoring_group

EVERYONE = ""


def area_label(code: str) -> str:
    return LOCAL_AUTHORITIES.get(code) or stages.AREA_OTHER_LABELS.get(code, code)


def area_words(code: str) -> str:
    """Who an area filter counts, in words: "living in Wirral"."""
    if code in LOCAL_AUTHORITIES:
        return f"living in {LOCAL_AUTHORITIES[code]}"
    if code == stages.AREA_ELSEWHERE:
        return "living outside the city region"
    return "who preferred not to say where they live"


class ResultsFilterForm(BaseForm):
    class Meta:
        csrf = False

    area = SelectField(
        "Where they live",
        widget=GovSelect(),
        default=EVERYONE,
        invalid_choice_message="Choose an area from the list",
    )
    group = SelectField(
        "Equality monitoring group",
        widget=GovSelect(),
        default=EVERYONE,
        description="From the optional equality monitoring questions people answered.",
        invalid_choice_message="Choose a group from the list",
    )

    def load_choices(self, monitoring_groups: bool = True) -> None:
        """``monitoring_groups``: whether the person may filter by equality monitoring group
        (the equality data role, as for every view of equality aggregates)."""
        if not monitoring_groups:
            del self.group
        areas = [*LOCAL_AUTHORITIES, *stages.AREA_OTHER_LABELS]
        self.area.choices = [SelectChoice(EVERYONE, "Everywhere")] + [
            SelectChoice(code, area_label(code)) for code in areas
        ]
        fields = [self.area]
        if "group" in self:
            self.group.choices = [SelectChoice(EVERYONE, "Everyone")] + [
                SelectChoice(group.key, group.label) for group in GROUPS
            ]
            fields.append(self.group)
        for field in fields:
            if field.data is None:
                field.data = EVERYONE

    def filters(self) -> Filters:
        """The filters chosen (call after validate())."""
        group = monitoring_group(self.group.data or "") if "group" in self else None
        return Filters(area_code=self.area.data or "", group=group)
