"""Reading the Census 2021 extracts in ``engage/data/census2021/`` (see PROVENANCE.md there).

Each reader returns, per area code, the table's own total and its counts keyed by our
stable category codes. Files are read once per process (``functools.cache``): they are
small, never change while the app runs, and a page must not re-read them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True)
class AreaCounts:
    total: int  # the table's own total for the area (its denominator)
    counts: Mapping[str, int]


Table = Mapping[str, AreaCounts]


def _rows(name: str) -> list[dict[str, str]]:
    text = files("engage.data").joinpath("census2021", name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _wide(name: str, code_column: str, total_column: str, columns: Mapping[str, str]) -> Table:
    """A Nomis-style file: one row per area, one column per category."""
    return {
        row[code_column]: AreaCounts(
            total=int(row[total_column]),
            counts={code: int(row[column]) for code, column in columns.items()},
        )
        for row in _rows(name)
    }


def _long(
    name: str, total_column: str, category_column: str, categories: Mapping[str, str]
) -> Table:
    """A tidy file: one row per area and category, the area total repeated on each row."""
    totals: dict[str, int] = {}
    counts: dict[str, dict[str, int]] = {}
    codes = {label: code for code, label in categories.items()}
    for row in _rows(name):
        area = row["ltla21_code"]
        totals[area] = int(row[total_column])
        counts.setdefault(area, {})[codes[row[category_column]]] = int(row["n"])
    return {area: AreaCounts(totals[area], counts[area]) for area in totals}


_EG = "Ethnic group: "
_ASIAN = _EG + "Asian, Asian British or Asian Welsh: "
_BLACK = _EG + "Black, Black British, Black Welsh, Caribbean or African: "
_MIXED = _EG + "Mixed or Multiple ethnic groups: "
_WHITE = _EG + "White: "
_OTHER = _EG + "Other ethnic group: "
TS021_COLUMNS = {
    "asian_bangladeshi": _ASIAN + "Bangladeshi",
    "asian_chinese": _ASIAN + "Chinese",
    "asian_indian": _ASIAN + "Indian",
    "asian_pakistani": _ASIAN + "Pakistani",
    "asian_other": _ASIAN + "Other Asian",
    "black_african": _BLACK + "African",
    "black_caribbean": _BLACK + "Caribbean",
    "black_other": _BLACK + "Other Black",
    "mixed_white_asian": _MIXED + "White and Asian",
    "mixed_white_black_african": _MIXED + "White and Black African",
    "mixed_white_black_caribbean": _MIXED + "White and Black Caribbean",
    "mixed_other": _MIXED + "Other Mixed or Multiple ethnic groups",
    "white_british": _WHITE + "English, Welsh, Scottish, Northern Irish or British",
    "white_irish": _WHITE + "Irish",
    "white_gypsy_irish_traveller": _WHITE + "Gypsy or Irish Traveller",
    "white_roma": _WHITE + "Roma",
    "white_other": _WHITE + "Other White",
    "other_arab": _OTHER + "Arab",
    "other_any": _OTHER + "Any other ethnic group",
}
TS030_COLUMNS = {
    code: f"Religion: {label}"
    for code, label in {
        "no_religion": "No religion",
        "christian": "Christian",
        "buddhist": "Buddhist",
        "hindu": "Hindu",
        "jewish": "Jewish",
        "muslim": "Muslim",
        "sikh": "Sikh",
        "other": "Other religion",
        "not_answered": "Not answered",
    }.items()
}
TS077_CATEGORIES = {
    "straight": "Straight or Heterosexual",
    "gay_or_lesbian": "Gay or Lesbian",
    "bisexual": "Bisexual",
    "other": "All other sexual orientations",
    "not_answered": "Not answered",
}
TS038_CATEGORIES = {
    "disabled": "Disabled under the Equality Act",
    "not_disabled": "Not disabled under the Equality Act",
}
# Gender identity (7 categories) codes in the ONS custom tables; -8 "Does not apply" (under
# 16s, all 0 here) is left out.
GENDER_IDENTITY_CODES = {
    "1": "same_as_sex",
    "2": "different_no_identity",
    "3": "trans_woman",
    "4": "trans_man",
    "5": "all_other",
    "6": "not_answered",
}
DISABILITY_4_CODES = {"1": "limited_a_lot", "2": "limited_a_little", "3": "not_disabled"}
# TS007 bands for residents aged 16 and over, mapped to the monitoring age bands.
TS007_BANDS = {
    "16_to_24": ("Aged 16 to 19 years", "Aged 20 to 24 years"),
    "25_to_34": ("Aged 25 to 34 years",),
    "35_to_49": ("Aged 35 to 49 years",),
    "50_to_64": ("Aged 50 to 64 years",),
    "65_to_74": ("Aged 65 to 74 years",),
    "75_to_84": ("Aged 75 to 84 years",),
    "85_plus": ("Aged 85 years and over",),
}
TS007_UNDER_16 = ("Aged 4 years and under", "Aged 5 to 9 years", "Aged 10 to 15 years")


def _ts007_column(band: str) -> str:
    return f"Age: {band}; measures: Value"


@cache
def ts021_ethnic_group() -> Table:
    return _wide(
        "ts021_ethnic_group_ltla.csv",
        "geography code",
        "Ethnic group: Total: All usual residents",
        TS021_COLUMNS,
    )


@cache
def ts021_headings() -> Table:
    """TS021's five high-level group columns, as published (used to check our sums)."""
    headings = {
        "asian": "Asian, Asian British or Asian Welsh",
        "black": "Black, Black British, Black Welsh, Caribbean or African",
        "mixed": "Mixed or Multiple ethnic groups",
        "white": "White",
        "other": "Other ethnic group",
    }
    return _wide(
        "ts021_ethnic_group_ltla.csv",
        "geography code",
        "Ethnic group: Total: All usual residents",
        {code: _EG + label for code, label in headings.items()},
    )


@cache
def ts030_religion() -> Table:
    return _wide(
        "ts030_religion_ltla.csv",
        "geography code",
        "Religion: Total: All usual residents",
        TS030_COLUMNS,
    )


@cache
def ts009_sex() -> Table:
    return _wide(
        "ts009_sex_totals_ltla.csv",
        "ltla21_code",
        "total_population",
        {"female": "total_females", "male": "total_males"},
    )


@cache
def ts038_disability() -> Table:
    return _long(
        "ts038_disability_2cat_ltla.csv", "total_residents", "disability_level", TS038_CATEGORIES
    )


@cache
def ts077_sexual_orientation() -> Table:
    return _long(
        "ts077_sexual_orientation_ltla.csv",
        "total_residents",
        "sexual_orientation",
        TS077_CATEGORIES,
    )


def _cross_table(name: str, codes: Mapping[str, str], by_gender_identity: bool) -> Table:
    """Sum an ONS custom cross-table onto one of its variables, leaving out "Does not apply".
    The total is the sum of the cells kept (these tables carry no total column)."""
    gi = "Gender identity (7 categories) Code"
    other = next(
        column
        for column in _rows(name)[0]
        if column.endswith("Code") and column != gi and not column.startswith("Lower")
    )
    sums: dict[str, dict[str, int]] = {}
    for row in _rows(name):
        if row[gi] == "-8" or row[other] == "-8":
            continue
        key = row[gi] if by_gender_identity else row[other]
        area = sums.setdefault(row["Lower tier local authorities Code"], {})
        area[codes[key]] = area.get(codes[key], 0) + int(row["Observation"])
    return {
        code: AreaCounts(total=sum(counts.values()), counts=counts) for code, counts in sums.items()
    }


@cache
def rm_gender_identity() -> Table:
    """Gender identity, residents aged 16+, summed over sexual orientation."""
    return _cross_table(
        "rm_gender_identity_x_sexual_orientation_ltla.csv", GENDER_IDENTITY_CODES, True
    )


@cache
def rm_disability_16_plus() -> Table:
    """Disability (limited a lot / a little / not disabled), residents aged 16+, summed over
    gender identity."""
    return _cross_table("rm_gender_identity_x_disability_ltla.csv", DISABILITY_4_CODES, False)


@cache
def ts007_age_16_plus() -> Table:
    """Age bands for residents aged 16+; the total is their sum (TS007's all-ages total less
    the under-16 bands)."""
    table = {}
    for row in _rows("ts007_age_single_year_ltla.csv"):
        counts = {
            code: sum(int(row[_ts007_column(band)]) for band in bands)
            for code, bands in TS007_BANDS.items()
        }
        table[row["geography code"]] = AreaCounts(total=sum(counts.values()), counts=counts)
    return table
