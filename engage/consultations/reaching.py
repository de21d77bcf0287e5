"""Who a consultation heard from, and who could help it reach the rest.

The equality monitoring answers of its sent responses are counted in the database (one
query for every characteristic) and compared with the Census 2021 population of the areas it
covers, through the monitoring package's disclosure control and under-representation rule.
The groups found under-represented are matched to the directory's communities, and the
directory's public service module names the listed organisations serving those communities
in those areas, so an officer can ask them to help while the consultation is open."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, literal, select

from engage.consultations import stages
from engage.consultations.models import Consultation, ConsultationResponse
from engage.directory.api import COMMUNITIES, OrganisationSummary, communities_for
from engage.directory.api import organisations_serving as directory_organisations_serving
from engage.monitoring.api import (
    LOCAL_AUTHORITIES,
    VIEW_CHARACTERISTICS,
    Comparison,
    characteristic,
    compare,
    count_answers_by_each,
)

_ALL = "all"
MAX_ORGANISATIONS = 20


@dataclass(frozen=True)
class MissingGroup:
    characteristic: str  # "Ethnic group (5 headings)"
    group: str  # "Asian, Asian British or Asian Welsh"
    communities: tuple[str, ...]  # the directory's community codes for these people


@dataclass(frozen=True)
class Reach:
    area_codes: tuple[str, ...]
    area_names: tuple[str, ...]
    comparisons: tuple[Comparison, ...]
    missing: tuple[MissingGroup, ...]
    organisations: tuple[OrganisationSummary, ...]
    community_labels: dict[str, str]


def respondents(consultation_id: int) -> Select:
    """The ids of a consultation's sent responses (online and entered by officers), as the
    monitoring counts want them: (id, group)."""
    return select(ConsultationResponse.id, literal(_ALL)).where(
        ConsultationResponse.consultation_id == consultation_id,
        ConsultationResponse.status == stages.ResponseStatus.SUBMITTED,
    )


def area_codes(consultation: Consultation) -> tuple[str, ...]:
    """The local authorities it covers; all six when it names none (the whole city region)."""
    codes = tuple(sorted(la.code for la in consultation.local_authorities))
    return codes or tuple(sorted(LOCAL_AUTHORITIES))


def _comparisons(consultation: Consultation, areas: tuple[str, ...]) -> list[Comparison]:
    questions = list(dict.fromkeys(characteristic(key).question for key in VIEW_CHARACTERISTICS))
    counted = count_answers_by_each(
        questions, stages.MONITORING_SUBJECT, respondents(consultation.id)
    )
    return [
        compare(key, counted[characteristic(key).question].get(_ALL, {}), areas)
        for key in VIEW_CHARACTERISTICS
    ]


def _missing_groups(comparisons: list[Comparison]) -> list[MissingGroup]:
    found = []
    for comparison in comparisons:
        c = characteristic(comparison.characteristic)
        for row in comparison.rows:
            if not row.under_represented:
                continue
            # The directory names some communities by monitoring answer ("Chinese") and some
            # by the comparison's group ("Asian"): a group takes both.
            answers = {a for a, category in c.answer_to_category.items() if category == row.code}
            communities = [
                *communities_for(c.key, {row.code}),
                *communities_for(c.question, answers),
            ]
            found.append(
                MissingGroup(comparison.label, row.label, tuple(dict.fromkeys(communities)))
            )
    return found


def reach(consultation: Consultation) -> Reach:
    areas = area_codes(consultation)
    comparisons = _comparisons(consultation, areas)
    missing = _missing_groups(comparisons)
    wanted = list(dict.fromkeys(code for group in missing for code in group.communities))
    organisations = directory_organisations_serving(wanted, list(areas), limit=MAX_ORGANISATIONS)
    return Reach(
        area_codes=areas,
        area_names=tuple(LOCAL_AUTHORITIES.get(code, code) for code in areas),
        comparisons=tuple(comparisons),
        missing=tuple(missing),
        organisations=tuple(organisations),
        community_labels={code: COMMUNITIES.label(code) for code in wanted},
    )
