"""The reports page's filter: a GET form (no CSRF token) offered only to holders of the
equality data role, choosing one monitoring group from a fixed list."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSelect
from wtforms import SelectChoice, SelectField

from engage.core.forms import BaseForm
from engage.monitoring.api import GROUPS, monitoring_group
from engage.stories.reports.counts import Filters

EVERYONE = ""


class ReportFilterForm(BaseForm):
    class Meta:
        csrf = False

    group = SelectField(
        "Equality monitoring group",
        widget=GovSelect(),
        default=EVERYONE,
        description="From the optional equality monitoring questions people answered when "
        "they told their story.",
        invalid_choice_message="Choose a group from the list",
    )

    def load_choices(self) -> None:
        self.group.choices = [SelectChoice(EVERYONE, "Everyone")] + [
            SelectChoice(group.key, group.label) for group in GROUPS
        ]
        if self.group.data is None:
            self.group.data = EVERYONE

    def filters(self) -> Filters:
        """The filter chosen (call after validate())."""
        return Filters(group=monitoring_group(self.group.data or ""))
