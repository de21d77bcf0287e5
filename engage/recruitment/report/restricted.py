"""The restricted level of the fairness report: exact counts and rates with 95% intervals,
for analysts with the equality data role who take no part in the round's decisions (see
report_access). On screen only, never exported, every view audited. It reads the same exact
counts as the shared tables (services.round_counts): one counting path, two ways to show it.

A group is flagged only when its rate's whole interval lies below everyone else's
(monitoring.statistics.clearly_below): a difference of one person in a group of three is not
called unfair. "Prefer not to say" and "Not answered" are not groups of people, so they are
never flagged."""

from __future__ import annotations

from dataclasses import dataclass

from engage.monitoring.api import NOT_ANSWERED, PREFER_NOT_TO_SAY, Rate, clearly_below, wilson
from engage.recruitment.report.characteristics import (
    APPLIED,
    APPOINTED_STAGE,
    REPORT_CHARACTERISTICS,
    SHORTLISTED_STAGE,
)
from engage.recruitment.report.services import RoundCounts

NOT_A_GROUP = {PREFER_NOT_TO_SAY, NOT_ANSWERED}


@dataclass(frozen=True)
class GroupRates:
    code: str
    label: str
    applied: int
    shortlisted: Rate
    appointed: Rate
    shortlisted_lower: bool  # the whole interval lies below everyone else's
    appointed_lower: bool


@dataclass(frozen=True)
class RestrictedBreakdown:
    label: str
    everyone: GroupRates
    groups: tuple[GroupRates, ...]

    @property
    def flagged(self) -> list[GroupRates]:
        return [g for g in self.groups if g.shortlisted_lower or g.appointed_lower]


def restricted_breakdown(counts: RoundCounts, characteristic_key: str) -> RestrictedBreakdown:
    c = REPORT_CHARACTERISTICS[characteristic_key]
    rows = counts.characteristics[characteristic_key]
    total_applied = counts.people[APPLIED.key]
    total_shortlisted = counts.people[SHORTLISTED_STAGE.key]
    total_appointed = counts.people[APPOINTED_STAGE.key]
    groups = []
    for code, label in c.categories:
        applied = rows[APPLIED.key][code]
        shortlisted = rows[SHORTLISTED_STAGE.key][code]
        appointed = rows[APPOINTED_STAGE.key][code]
        rest_applied = total_applied - applied
        flaggable = code not in NOT_A_GROUP
        shortlisted_rate = wilson(shortlisted, applied)
        appointed_rate = wilson(appointed, applied)
        groups.append(
            GroupRates(
                code,
                label,
                applied,
                shortlisted_rate,
                appointed_rate,
                flaggable
                and clearly_below(
                    shortlisted_rate, wilson(total_shortlisted - shortlisted, rest_applied)
                ),
                flaggable
                and clearly_below(
                    appointed_rate, wilson(total_appointed - appointed, rest_applied)
                ),
            )
        )
    everyone = GroupRates(
        "everyone",
        "Everyone who applied",
        total_applied,
        wilson(total_shortlisted, total_applied),
        wilson(total_appointed, total_applied),
        False,
        False,
    )
    return RestrictedBreakdown(c.label, everyone, tuple(groups))
