"""What the fairness report counts: the three stages (applied, shortlisted, appointed, as sets
of application statuses) and the characteristics, each with the rows its table shows and the
row each stored answer counts in (census characteristics grouped as "who we heard from"
groups them; the other questions by their own answers)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from engage.monitoring.api import (
    NOT_ANSWERED,
    NOT_ANSWERED_LABEL,
    NOT_COMPARABLE,
    NOT_COMPARABLE_LABEL,
    PREFER_NOT_TO_SAY,
    PREFER_NOT_TO_SAY_LABEL,
    QUESTIONS,
    VIEW_CHARACTERISTICS,
    characteristic,
    question,
)
from engage.recruitment.models import (
    APPOINTED,
    DRAFT,
    NOT_APPOINTED,
    RESERVE,
    SHORTLISTED,
    STATUS_LABELS,
)

SUBJECT_TYPE = "panel_application"


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    statuses: frozenset[str]


APPLIED = Stage("applied", "Applied", frozenset(STATUS_LABELS) - {DRAFT})
SHORTLISTED_STAGE = Stage(
    "shortlisted", "Shortlisted", frozenset({SHORTLISTED, APPOINTED, RESERVE, NOT_APPOINTED})
)
APPOINTED_STAGE = Stage("appointed", "Appointed", frozenset({APPOINTED}))
STAGES: tuple[Stage, ...] = (APPLIED, SHORTLISTED_STAGE, APPOINTED_STAGE)


# --- Characteristics ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportCharacteristic:
    """One table's rows: the categories shown, and which row each stored answer counts in."""

    key: str
    label: str
    question: str  # the monitoring question (or the derived "disability")
    baseline: str | None  # the census characteristic to compare panels with; None: no census
    categories: tuple[tuple[str, str], ...]  # (row code, label), in display order
    to_category: Mapping[str, str]  # answer code (and "not_answered") -> row code
    sheet_name: str  # short name for a spreadsheet tab (31 characters at most)

    @property
    def labels(self) -> dict[str, str]:
        return dict(self.categories)

    def rows_from(self, answer_counts: Mapping[str, int]) -> dict[str, int]:
        """Counts per answer code as counts per row of this table, every row present."""
        rows = dict.fromkeys((code for code, _ in self.categories), 0)
        for code, count in answer_counts.items():
            rows[self.to_category[code]] += count
        return rows


_NOT_COMPARED = ((PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL), (NOT_ANSWERED, NOT_ANSWERED_LABEL))
# Census characteristics: label for a spreadsheet tab where the full one is too long.
_SHEET_NAMES = {"ethnic_group_broad": "Ethnic group", "age_band": "Age", "disability": "Disability"}
# Questions with no census baseline, and their labels.
OTHER_QUESTIONS = {
    "unpaid_care": "Unpaid care",
    "school_type": "Type of school at 11 to 16",
    "free_school_meals": "Free school meals",
    "parent_occupation": "Household earner's work at 14",
}


def _census_characteristic(key: str) -> ReportCharacteristic:
    c = characteristic(key)
    q = question(c.question)
    to_category = {PREFER_NOT_TO_SAY: PREFER_NOT_TO_SAY, NOT_ANSWERED: NOT_ANSWERED}
    unmatched = []
    for code in q.codes[:-1]:  # every option; "Prefer not to say" (last) is mapped above
        category = c.answer_to_category.get(code)
        if category is None:  # such as "Under 16" against the 16+ age baseline
            unmatched.append(q.label_for(code))
        to_category[code] = category or NOT_COMPARABLE
    extra = ((NOT_COMPARABLE, ", ".join(unmatched) or NOT_COMPARABLE_LABEL),) if unmatched else ()
    categories = (*c.categories, *extra, *_NOT_COMPARED)
    sheet = _SHEET_NAMES.get(key, c.label)[:31]
    return ReportCharacteristic(key, c.label, c.question, key, categories, to_category, sheet)


def _question_characteristic(key: str) -> ReportCharacteristic:
    q = QUESTIONS[key]
    categories = tuple((code, q.label_for(code)) for code in (*q.codes, NOT_ANSWERED))
    to_category = {code: code for code, _ in categories}
    label = OTHER_QUESTIONS[key]
    return ReportCharacteristic(key, label, key, None, categories, to_category, label[:31])


CENSUS_KEYS = tuple(key for key in VIEW_CHARACTERISTICS if key != "ethnic_group")
REPORT_CHARACTERISTICS: dict[str, ReportCharacteristic] = {
    **{key: _census_characteristic(key) for key in CENSUS_KEYS},
    **{key: _question_characteristic(key) for key in OTHER_QUESTIONS},
}
DEFAULT_CHARACTERISTIC = CENSUS_KEYS[0]
