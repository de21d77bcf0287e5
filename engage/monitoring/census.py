"""Census 2021 baselines for the six Liverpool City Region local authorities.

``CHARACTERISTICS`` is the one mapping table between census categories and monitoring
answers. For each characteristic it gives the census table and who it counts (its
denominator), the census categories as we code them, and how census categories and
monitoring answers map onto the categories a comparison uses.

Rules (see also engage/data/census2021/PROVENANCE.md):

- Each table's own total is its denominator: ONS perturbed counts, so the same area's total
  differs slightly between tables. Summing several areas sums their totals.
- Sexual orientation and gender identity count residents aged 16+ (the questions were asked
  only of them); so do ``disability_16_plus`` and ``age_band``. Ethnic group, religion, sex
  and ``disability`` count all usual residents.
- "Not answered" (religion, sexual orientation and gender identity were voluntary) is a
  census category in ``population_counts`` and ``population_shares``, whose shares are of the
  whole table. A comparison leaves it out of the population, just as it leaves people who
  did not answer or preferred not to say out of the respondents: both sides are shares of
  people who answered.
- Gaps, said plainly: the census has no "Prefer not to say"; our age bands start at "Under
  16" but the baseline covers 16+ only (under-16 answers are not compared); gender identity
  is compared as same / different from sex registered at birth (the census splits
  "different" into four, kept in ``population_counts``); the all-ages disability table has
  only disabled / not disabled (the limited a lot / a little split exists for 16+ only). No
  baseline is held for unpaid care or the Social Mobility Commission questions.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from engage.monitoring import census_files as files
from engage.monitoring.questions import (
    DISABILITY,
    ETHNIC_GROUPS,
    LIMITED_A_LITTLE,
    LIMITED_A_LOT,
    NOT_DISABLED,
    QUESTIONS,
)

ATTRIBUTION = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0"
)
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
CENSUS_DATE = "Census 2021 (21 March 2021)"

LOCAL_AUTHORITIES: dict[str, str] = {
    "E06000006": "Halton",
    "E08000011": "Knowsley",
    "E08000012": "Liverpool",
    "E08000013": "St Helens",
    "E08000014": "Sefton",
    "E08000015": "Wirral",
}
CITY_REGION: tuple[str, ...] = tuple(LOCAL_AUTHORITIES)

ALL_RESIDENTS = "All usual residents"
RESIDENTS_16_PLUS = "Usual residents aged 16 and over"
NOT_ANSWERED = "not_answered"


@dataclass(frozen=True)
class Characteristic:
    key: str
    label: str
    question: str  # the monitoring question (or derived "disability") compared with it
    tables: tuple[str, ...]  # census tables used, for the page's source note
    population: str  # who the table counts
    census_categories: tuple[tuple[str, str], ...]  # (code, label) as we code the census
    categories: tuple[tuple[str, str], ...]  # what a comparison shows
    census_to_category: Mapping[str, str | None]  # None: left out of comparisons
    answer_to_category: Mapping[str, str | None]  # None: answer has no census counterpart
    reader: Callable[[], files.Table]


def _same(codes: Collection[str], **overrides: str | None) -> dict[str, str | None]:
    return {code: overrides.get(code, code) for code in codes}


def _question_categories(key: str) -> tuple[tuple[str, str], ...]:
    return tuple((option.code, option.label) for option in QUESTIONS[key].options)


def _ethnic_reader_by_heading() -> files.Table:
    heading_of = {o.code: g.code for g in ETHNIC_GROUPS for o in g.options}
    table = {}
    for area, data in files.ts021_ethnic_group().items():
        counts = dict.fromkeys((g.code for g in ETHNIC_GROUPS), 0)
        for code, count in data.counts.items():
            counts[heading_of[code]] += count
        table[area] = files.AreaCounts(data.total, counts)
    return table


_ETHNIC = tuple((o.code, f"{g.heading}: {o.label}") for g in ETHNIC_GROUPS for o in g.options)
_HEADINGS = tuple((g.code, g.heading) for g in ETHNIC_GROUPS)
_RELIGION = _question_categories("religion")
_ORIENTATION = _question_categories("sexual_orientation")
_AGE_16_PLUS = tuple(c for c in _question_categories("age_band") if c[0] != "under_16")
_DISABILITY_3 = (
    (LIMITED_A_LOT, "Disabled: day-to-day activities limited a lot"),
    (LIMITED_A_LITTLE, "Disabled: day-to-day activities limited a little"),
    (NOT_DISABLED, "Not disabled"),
)
_GI_CENSUS = (
    ("same_as_sex", "Gender identity the same as sex registered at birth"),
    ("different_no_identity", "Gender identity different, no specific identity given"),
    ("trans_woman", "Trans woman"),
    ("trans_man", "Trans man"),
    ("all_other", "All other gender identities"),
    (NOT_ANSWERED, "Not answered"),
)


def _one_to_one(
    key: str,
    label: str,
    table: str,
    population: str,
    categories: tuple[tuple[str, str], ...],
    reader: Callable[[], files.Table],
    *,
    question: str | None = None,
    census_not_answered: bool = False,
    answers_left_out: Collection[str] = (),
) -> Characteristic:
    """A characteristic whose census categories, comparison categories and answers share
    their codes. ``census_not_answered``: the census table also counts people who did not
    answer (a voluntary question), left out of comparisons. ``answers_left_out``: answers
    the census has no counterpart for."""
    codes = dict(categories)
    census = (*categories, (NOT_ANSWERED, "Not answered")) if census_not_answered else categories
    return Characteristic(
        key=key,
        label=label,
        question=question or key,
        tables=(table,),
        population=population,
        census_categories=census,
        categories=categories,
        census_to_category=_same(dict(census), not_answered=None),
        answer_to_category={**_same(codes), **dict.fromkeys(answers_left_out)},
        reader=reader,
    )


_LIST = (
    _one_to_one(
        "ethnic_group",
        "Ethnic group",
        "TS021 Ethnic group",
        ALL_RESIDENTS,
        _ETHNIC,
        files.ts021_ethnic_group,
    ),
    Characteristic(
        key="ethnic_group_broad",
        label="Ethnic group (five high-level groups)",
        question="ethnic_group",
        tables=("TS021 Ethnic group",),
        population=ALL_RESIDENTS,
        census_categories=_HEADINGS,
        categories=_HEADINGS,
        census_to_category=_same(dict(_HEADINGS)),
        answer_to_category={o.code: g.code for g in ETHNIC_GROUPS for o in g.options},
        reader=_ethnic_reader_by_heading,
    ),
    _one_to_one(
        "religion",
        "Religion",
        "TS030 Religion",
        ALL_RESIDENTS,
        _RELIGION,
        files.ts030_religion,
        census_not_answered=True,
    ),
    _one_to_one(
        "sex",
        "Sex",
        "TS009 Sex by single year of age (totals)",
        ALL_RESIDENTS,
        _question_categories("sex"),
        files.ts009_sex,
    ),
    Characteristic(
        key="disability",
        label="Disability (Equality Act)",
        question=DISABILITY,
        tables=("TS038 Disability (two categories)",),
        population=ALL_RESIDENTS,
        census_categories=(
            ("disabled", "Disabled under the Equality Act"),
            ("not_disabled", "Not disabled under the Equality Act"),
        ),
        categories=(("disabled", "Disabled"), ("not_disabled", "Not disabled")),
        census_to_category=_same(["disabled", "not_disabled"]),
        answer_to_category={
            LIMITED_A_LOT: "disabled",
            LIMITED_A_LITTLE: "disabled",
            NOT_DISABLED: "not_disabled",
        },
        reader=files.ts038_disability,
    ),
    _one_to_one(
        "disability_16_plus",
        "Disability: day-to-day activities limited (aged 16 and over)",
        "RM036-style custom table: gender identity by disability",
        RESIDENTS_16_PLUS,
        _DISABILITY_3,
        files.rm_disability_16_plus,
        question=DISABILITY,
    ),
    _one_to_one(
        "sexual_orientation",
        "Sexual orientation",
        "TS077 Sexual orientation",
        RESIDENTS_16_PLUS,
        _ORIENTATION,
        files.ts077_sexual_orientation,
        census_not_answered=True,
    ),
    Characteristic(
        key="gender_identity",
        label="Gender identity",
        question="gender_identity",
        tables=("Custom table: gender identity by sexual orientation",),
        population=RESIDENTS_16_PLUS,
        census_categories=_GI_CENSUS,
        categories=(
            ("yes", "Same as sex registered at birth"),
            ("no", "Different from sex registered at birth"),
        ),
        census_to_category={
            "same_as_sex": "yes",
            "different_no_identity": "no",
            "trans_woman": "no",
            "trans_man": "no",
            "all_other": "no",
            NOT_ANSWERED: None,
        },
        answer_to_category={"yes": "yes", "no": "no"},
        reader=files.rm_gender_identity,
    ),
    _one_to_one(
        "age_band",
        "Age (aged 16 and over)",
        "TS007 Age by single year",
        RESIDENTS_16_PLUS,
        _AGE_16_PLUS,
        files.ts007_age_16_plus,
        answers_left_out=("under_16",),
    ),
)

CHARACTERISTICS: dict[str, Characteristic] = {c.key: c for c in _LIST}


def characteristic_label(key: str) -> str:
    """A characteristic or monitoring question in words ("Ethnic group", "Unpaid care"),
    for records that name one by its key (the audit log)."""
    from engage.monitoring.questions import QUESTIONS

    if key in CHARACTERISTICS:
        return CHARACTERISTICS[key].label
    if key in QUESTIONS:  # short names are worded for errors: "Select an answer about ..."
        name = QUESTIONS[key].short_name.removeprefix("answer about ")
        return name[:1].upper() + name[1:]
    return str(key).replace("_", " ").capitalize()


def characteristic(key: str) -> Characteristic:
    try:
        return CHARACTERISTICS[key]
    except KeyError:
        raise ValueError(f"No census baseline for {key!r}") from None


def _areas(c: Characteristic, la_codes: Collection[str]) -> list[files.AreaCounts]:
    codes = sorted(set(la_codes))
    if not codes:
        raise ValueError("Choose at least one local authority")
    table = c.reader()
    missing = [code for code in codes if code not in table]
    if missing:
        raise ValueError(f"No {c.label} figures for {missing}")
    return [table[code] for code in codes]


def population_counts(key: str, la_codes: Collection[str]) -> dict[str, int]:
    """Census counts per census category (see ``Characteristic.census_categories``, which
    may include "not_answered"), summed over the local authorities."""
    c = characteristic(key)
    areas = _areas(c, la_codes)
    return {code: sum(area.counts[code] for area in areas) for code, _ in c.census_categories}


def population_total(key: str, la_codes: Collection[str]) -> int:
    """The table's own total (its denominator), summed over the local authorities."""
    return sum(area.total for area in _areas(characteristic(key), la_codes))


def population_shares(key: str, la_codes: Collection[str]) -> dict[str, float]:
    """Each census category's share (0 to 1) of the table's own total for these areas."""
    total = population_total(key, la_codes)
    return {code: count / total for code, count in population_counts(key, la_codes).items()}


def comparison_population(key: str, la_codes: Collection[str]) -> dict[str, int]:
    """Census counts on a comparison's basis: mapped to the comparison categories, with
    "Not answered" left out."""
    c = characteristic(key)
    counts = dict.fromkeys((code for code, _ in c.categories), 0)
    for code, count in population_counts(key, la_codes).items():
        category = c.census_to_category[code]
        if category is not None:
            counts[category] += count
    return counts


def characteristics_for_question(question_key: str) -> list[str]:
    """Which baselines a monitoring question (or "disability") can be compared with."""
    return [c.key for c in _LIST if c.question == question_key]
