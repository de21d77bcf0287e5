"""Census 2021 baselines: shares computed by the code match the census files, with the right
denominator for each characteristic."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from engage.monitoring import census_files
from engage.monitoring.census import (
    ATTRIBUTION,
    CHARACTERISTICS,
    CITY_REGION,
    characteristics_for_question,
    comparison_population,
    population_counts,
    population_shares,
    population_total,
)
from engage.monitoring.questions import DISABILITY, ETHNIC_GROUPS, QUESTIONS, question

DATA = Path(__file__).resolve().parents[2] / "engage" / "data" / "census2021"
LIVERPOOL = "E08000012"
HALTON = "E06000006"


def csv_rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def wide_row(name: str, code: str) -> dict[str, str]:
    return next(row for row in csv_rows(name) if row["geography code"] == code)


def test_liverpool_asian_share_matches_ts021():
    row = wide_row("ts021_ethnic_group_ltla.csv", LIVERPOOL)
    asian = int(row["Ethnic group: Asian, Asian British or Asian Welsh"])
    total = int(row["Ethnic group: Total: All usual residents"])
    assert (asian, total) == (27767, 486088)
    shares = population_shares("ethnic_group_broad", [LIVERPOOL])
    assert shares["asian"] == pytest.approx(asian / total)
    assert round(100 * shares["asian"], 1) == 5.7
    # The same from the five detailed Asian categories.
    detailed = population_shares("ethnic_group", [LIVERPOOL])
    asian_codes = [o.code for o in ETHNIC_GROUPS[0].options]
    assert sum(detailed[code] for code in asian_codes) == pytest.approx(asian / total)


def test_city_region_sums_the_six_local_authorities():
    rows = [
        r for r in csv_rows("ts021_ethnic_group_ltla.csv") if r["geography code"] in CITY_REGION
    ]
    assert len(rows) == 6  # and not the England row
    total = sum(int(r["Ethnic group: Total: All usual residents"]) for r in rows)
    pakistani = sum(
        int(r["Ethnic group: Asian, Asian British or Asian Welsh: Pakistani"]) for r in rows
    )
    assert population_total("ethnic_group", CITY_REGION) == total
    assert population_counts("ethnic_group", CITY_REGION)["asian_pakistani"] == pakistani
    assert population_shares("ethnic_group", CITY_REGION)["asian_pakistani"] == pytest.approx(
        pakistani / total
    )


def test_ethnic_headings_equal_the_published_high_level_columns():
    for code in CITY_REGION:
        assert population_counts("ethnic_group_broad", [code]) == dict(
            census_files.ts021_headings()[code].counts
        )


def test_sexual_orientation_uses_the_16_plus_total_from_ts077():
    rows = [
        r for r in csv_rows("ts077_sexual_orientation_ltla.csv") if r["ltla21_code"] == LIVERPOOL
    ]
    total_16_plus = int(rows[0]["total_residents"])
    gay = next(int(r["n"]) for r in rows if r["sexual_orientation"] == "Gay or Lesbian")
    all_ages = int(
        wide_row("ts021_ethnic_group_ltla.csv", LIVERPOOL)[
            "Ethnic group: Total: All usual residents"
        ]
    )
    assert population_total("sexual_orientation", [LIVERPOOL]) == total_16_plus
    assert total_16_plus < all_ages
    share = population_shares("sexual_orientation", [LIVERPOOL])["gay_or_lesbian"]
    assert share == pytest.approx(gay / total_16_plus)
    assert share == pytest.approx(float(next(r["prop"] for r in rows if r["n"] == str(gay))))


def test_gender_identity_is_16_plus_and_leaves_out_does_not_apply():
    counts = population_counts("gender_identity", [HALTON])
    assert set(counts) == {
        "same_as_sex",
        "different_no_identity",
        "trans_woman",
        "trans_man",
        "all_other",
        "not_answered",
    }
    # Summed over sexual orientation: Halton trans women 35 + 24 + 6.
    assert counts["trans_woman"] == 65
    # PROVENANCE: the per-LA sums match the TS077 (16+) totals.
    assert population_total("gender_identity", [HALTON]) == 103946
    assert population_total("sexual_orientation", [HALTON]) == 103946
    basis = comparison_population("gender_identity", [HALTON])
    assert basis == {
        "yes": counts["same_as_sex"],
        "no": sum(counts[c] for c in ("different_no_identity", "trans_woman", "trans_man"))
        + counts["all_other"],
    }


def test_religion_keeps_not_answered_in_its_shares_but_not_in_comparisons():
    row = wide_row("ts030_religion_ltla.csv", LIVERPOOL)
    total = int(row["Religion: Total: All usual residents"])
    shares = population_shares("religion", [LIVERPOOL])
    assert shares["not_answered"] == pytest.approx(int(row["Religion: Not answered"]) / total)
    assert sum(shares.values()) == pytest.approx(1)
    basis = comparison_population("religion", [LIVERPOOL])
    assert "not_answered" not in basis
    assert sum(basis.values()) == total - int(row["Religion: Not answered"])


def test_age_bands_cover_residents_aged_16_and_over():
    row = wide_row("ts007_age_single_year_ltla.csv", LIVERPOOL)

    def band(name: str) -> int:
        return int(row[f"Age: {name}; measures: Value"])

    under_16 = sum(band(b) for b in census_files.TS007_UNDER_16)
    counts = population_counts("age_band", [LIVERPOOL])
    assert population_total("age_band", [LIVERPOOL]) == band("Total") - under_16
    assert counts["16_to_24"] == band("Aged 16 to 19 years") + band("Aged 20 to 24 years")
    assert counts["85_plus"] == band("Aged 85 years and over")
    assert "under_16" not in counts


def test_disability_all_ages_and_16_plus():
    rows = [r for r in csv_rows("ts038_disability_2cat_ltla.csv") if r["ltla21_code"] == LIVERPOOL]
    disabled = next(int(r["n"]) for r in rows if r["disability_level"].startswith("Disabled"))
    assert population_shares("disability", [LIVERPOOL])["disabled"] == pytest.approx(
        disabled / int(rows[0]["total_residents"])
    )
    limited = population_counts("disability_16_plus", [HALTON])
    # Halton, summed over the six gender identity categories.
    assert limited["limited_a_lot"] == 12129 + 15 + 12 + 12 + 9 + 803
    # Its own total (perturbed: 3 more than the sexual orientation table's 103,946).
    observed = sum(
        int(r["Observation"])
        for r in csv_rows("rm_gender_identity_x_disability_ltla.csv")
        if r["Lower tier local authorities Code"] == HALTON
    )
    assert population_total("disability_16_plus", [HALTON]) == observed == 103949


def test_sex_shares_from_ts009():
    row = next(r for r in csv_rows("ts009_sex_totals_ltla.csv") if r["ltla21_code"] == LIVERPOOL)
    shares = population_shares("sex", [LIVERPOOL])
    assert shares["female"] == pytest.approx(
        int(row["total_females"]) / int(row["total_population"])
    )


@pytest.mark.parametrize("key", CHARACTERISTICS)
def test_every_table_adds_up_to_its_own_total(key):
    for code in CITY_REGION:
        assert sum(population_counts(key, [code]).values()) == population_total(key, [code])


def test_the_mapping_covers_all_19_ethnic_categories():
    ethnic = CHARACTERISTICS["ethnic_group"]
    codes = [option.code for option in QUESTIONS["ethnic_group"].options]
    assert len(codes) == 19
    assert [code for code, _ in ethnic.census_categories] == codes
    assert set(census_files.TS021_COLUMNS) == set(codes)
    assert all(ethnic.answer_to_category[code] == code for code in codes)
    assert set(CHARACTERISTICS["ethnic_group_broad"].answer_to_category) == set(codes)


@pytest.mark.parametrize("key", CHARACTERISTICS)
def test_every_answer_and_census_category_is_mapped(key):
    c = CHARACTERISTICS[key]
    options = {option.code for option in question(c.question).options}
    assert set(c.answer_to_category) == options
    assert set(c.census_to_category) == {code for code, _ in c.census_categories}
    categories = {code for code, _ in c.categories}
    assert set(c.answer_to_category.values()) - {None} == categories
    assert set(c.census_to_category.values()) - {None} == categories


def test_questions_without_a_baseline_say_so():
    assert characteristics_for_question("unpaid_care") == []
    assert characteristics_for_question("school_type") == []
    assert characteristics_for_question(DISABILITY) == ["disability", "disability_16_plus"]


def test_unknown_areas_and_characteristics_are_refused():
    with pytest.raises(ValueError, match="No census baseline"):
        population_counts("unpaid_care", [LIVERPOOL])
    with pytest.raises(ValueError, match="No Sex figures"):
        population_counts("sex", ["E92000001"])  # TS009 has no England row
    with pytest.raises(ValueError, match="at least one"):
        population_counts("sex", [])


def test_files_are_read_once():
    census_files.ts030_religion.cache_clear()
    population_shares("religion", [LIVERPOOL])
    population_shares("religion", CITY_REGION)
    info = census_files.ts030_religion.cache_info()
    assert (info.misses, info.hits) == (1, 3)


def test_attribution_and_provenance_ship_with_the_data():
    assert ATTRIBUTION == (
        "Source: Office for National Statistics licensed under the Open Government Licence v.3.0"
    )
    provenance = (DATA / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "Open Government Licence v3.0" in provenance
    for name in (
        "ts021_ethnic_group_ltla.csv",
        "ts030_religion_ltla.csv",
        "ts077_sexual_orientation_ltla.csv",
    ):
        assert name in provenance
