"""Panel make-up for a round's fairness report: each of the round's panels' current members by
one characteristic, beside the census where there is a baseline, through the same disclosure
control as the report's other tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import Select, func, select

from engage.core.dates import uk_today
from engage.core.db import db
from engage.monitoring.api import (
    CITY_REGION,
    HIDDEN,
    Comparison,
    PublishedTable,
    compare,
    count_answers_by,
)
from engage.panels.api import Panel, current_member_applications
from engage.recruitment.models import RecruitmentRound
from engage.recruitment.report.services import (
    REPORT_CHARACTERISTICS,
    SUBJECT_TYPE,
    publish_for_known_total,
)


@dataclass(frozen=True)
class PanelMakeUp:
    panel: Panel
    members: int
    with_answers_linked: int  # members who joined through an application (answers counted)
    comparison: Comparison | None  # against the census, for census characteristics
    table: PublishedTable | None  # counts only, for questions without a census baseline
    withheld: bool


@lru_cache(maxsize=8)
def _sizes(members: Select) -> Select:
    """Members and members appointed through an application, by panel: built once for the
    (built once) members query, as monitoring's count on it is."""
    found = members.subquery()
    return select(found.c.panel_id, func.count(), func.count(found.c.application_id)).group_by(
        found.c.panel_id
    )


def _comparison_withheld(comparison: Comparison) -> bool:
    return HIDDEN in (comparison.respondents.total_status, comparison.not_compared.total_status)


def panel_make_up(
    round_: RecruitmentRound, characteristic_key: str, today: date | None = None
) -> list[PanelMakeUp]:
    """For each of the round's panels, its current members by one characteristic, beside the
    city region's census population where there is a baseline. Members who did not join
    through an application here have no answers and count as not answered."""
    c = REPORT_CHARACTERISTICS[characteristic_key]
    panel_ids = [panel.id for panel in round_.panels]
    members, params = current_member_applications(panel_ids, today or uk_today())
    sizes = {
        panel_id: (people, linked)
        for panel_id, people, linked in db.session.execute(_sizes(members), params)
    }
    answers = count_answers_by(c.question, SUBJECT_TYPE, members, params)
    result = []
    for panel in round_.panels:
        answer_counts = answers.get(panel.id, {})
        comparison = table = None
        if c.baseline:
            comparison = compare(c.baseline, answer_counts, CITY_REGION)
            withheld = _comparison_withheld(comparison)
        else:
            table, withheld = publish_for_known_total(c.rows_from(answer_counts))
        people, linked = sizes.get(panel.id, (0, 0))
        result.append(PanelMakeUp(panel, people, linked, comparison, table, withheld))
    return result
