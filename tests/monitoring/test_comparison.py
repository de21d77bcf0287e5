"""Comparing monitoring answers with the census: shares, ratios, the under-representation
flag, "not enough responses", and no percentage built on a suppressed count."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engage.monitoring.census import ATTRIBUTION, CITY_REGION, comparison_population
from engage.monitoring.comparison import (
    MIN_POPULATION_SHARE,
    MIN_RESPONSES_TO_COMPARE,
    NOT_COMPARABLE,
    UNDER_REPRESENTED_RATIO,
    compare,
)
from engage.monitoring.questions import NOT_ANSWERED, PREFER_NOT_TO_SAY
from engage.monitoring.services import count_by_question

LIVERPOOL = "E08000012"


def rows(comparison):
    return {row.code: row for row in comparison.rows}


def test_shares_ratios_and_the_flag():
    result = compare(
        "sex",
        {"female": 20, "male": 80, PREFER_NOT_TO_SAY: 15, NOT_ANSWERED: 12},
        [LIVERPOOL],
    )
    female, male = rows(result)["female"], rows(result)["male"]
    population = comparison_population("sex", [LIVERPOOL])
    expected_share = population["female"] / sum(population.values())
    assert female.population_share == pytest.approx(expected_share)
    # Prefer not to say and not answered are left out of the denominator.
    assert female.respondent_share == pytest.approx(0.2)
    assert female.ratio == pytest.approx(0.2 / expected_share)
    assert female.under_represented is True
    assert male.under_represented is False
    assert result.enough_responses and result.message is None
    assert result.respondents.total == 100
    assert result.not_compared.cell(PREFER_NOT_TO_SAY).count == 15
    assert result.not_compared.cell(NOT_ANSWERED).count == 12
    assert result.total == 127
    assert result.attribution == ATTRIBUTION
    assert result.tables == ("TS009 Sex by single year of age (totals)",)
    assert result.areas == ("Liverpool",)


def test_not_enough_responses_to_compare():
    result = compare("sex", {"female": 14, "male": 15, PREFER_NOT_TO_SAY: 40}, CITY_REGION)
    assert not result.enough_responses
    assert result.message.startswith("Not enough responses to compare")
    assert all(row.ratio is None and row.under_represented is None for row in result.rows)
    assert all(row.respondent_share is None for row in result.rows)
    # The population side is still there to show.
    assert all(row.population_share > 0.4 for row in result.rows)

    enough = compare("sex", {"female": 15, "male": 15}, CITY_REGION)
    assert enough.enough_responses and MIN_RESPONSES_TO_COMPARE == 30


def test_small_groups_get_no_share_but_are_flagged_when_even_9_would_be_too_few():
    counts = {"white_british": 995, "asian_indian": 5}
    result = compare("ethnic_group_broad", counts, [LIVERPOOL])
    asian = rows(result)["asian"]
    assert asian.respondents.display == "fewer than 10"
    assert asian.respondent_share is None and asian.ratio is None
    assert asian.under_represented is True  # 9 of 1,000 is far below 5.7%

    few = compare("ethnic_group_broad", {"white_irish": 95, "asian_other": 5}, [LIVERPOOL])
    assert rows(few)["asian"].under_represented is None  # 9 of 100 would not be


def test_groups_under_1_percent_of_the_population_are_never_flagged():
    counts = {"white_british": 200, "white_roma": 0}
    result = compare("ethnic_group", counts, CITY_REGION)
    roma = rows(result)["white_roma"]
    assert roma.population_share < MIN_POPULATION_SHARE
    assert roma.under_represented is False


def test_disability_is_derived_from_the_two_health_questions():
    responses = (
        [{"long_term_condition": "yes", "day_to_day_limited": "a_lot"}] * 12
        + [{"long_term_condition": "yes", "day_to_day_limited": "a_little"}] * 10
        + [{"long_term_condition": "no", "day_to_day_limited": None}] * 40
        + [{"long_term_condition": "yes", "day_to_day_limited": "not_at_all"}] * 8
        + [{"long_term_condition": PREFER_NOT_TO_SAY, "day_to_day_limited": None}] * 3
    )
    counts = count_by_question("disability", responses)
    result = compare("disability", counts, CITY_REGION)
    assert rows(result)["disabled"].respondents.count == 22
    assert rows(result)["not_disabled"].respondents.count == 48
    three_way = compare("disability_16_plus", counts, CITY_REGION)
    assert rows(three_way)["limited_a_lot"].respondents.count == 12
    assert three_way.population == "Usual residents aged 16 and over"


def test_answers_without_a_census_category_are_reported_apart():
    counts = {
        "under_16": 12,
        "16_to_24": 40,
        "25_to_34": 30,
        PREFER_NOT_TO_SAY: 15,
        NOT_ANSWERED: 20,
    }
    result = compare("age_band", counts, CITY_REGION)
    assert result.not_compared.cell(NOT_COMPARABLE).count == 12
    assert result.respondents.total == 70
    # No such cell where every answer has a census category (a reader would know it is 0).
    labels = [cell.label for cell in compare("sex", {"male": 50}, CITY_REGION).not_compared.cells]
    assert labels == [PREFER_NOT_TO_SAY, NOT_ANSWERED]


def test_gender_identity_compares_same_or_different_from_sex_at_birth():
    result = compare("gender_identity", {"yes": 80, "no": 20}, CITY_REGION)
    no = rows(result)["no"]
    assert no.population_share < 0.02
    assert no.ratio > 1 and no.under_represented is False


def test_unknown_answers_are_refused():
    with pytest.raises(ValueError, match="Not answers to sex"):
        compare("sex", {"nonbinary": 3}, CITY_REGION)


@settings(max_examples=200, deadline=None)
@given(
    st.fixed_dictionaries(
        {
            code: st.one_of(st.integers(0, 12), st.integers(0, 300))
            for code in (
                "asian_indian",
                "black_african",
                "mixed_other",
                "white_british",
                "other_arab",
            )
        }
    ),
    st.integers(0, 30),
    st.integers(0, 30),
)
def test_no_percentage_or_ratio_rests_on_a_suppressed_count(counts, prefer, blank):
    result = compare(
        "ethnic_group_broad",
        {**counts, PREFER_NOT_TO_SAY: prefer, NOT_ANSWERED: blank},
        CITY_REGION,
    )
    answered = sum(counts.values())
    for row in result.rows:
        cell = row.respondents
        if not cell.shown:
            assert row.respondent_share is None and row.ratio is None and cell.percentage is None
        if row.ratio is not None:
            assert result.enough_responses and cell.shown
            assert row.respondent_share == pytest.approx(cell.count / answered)
            flagged = (
                row.population_share >= MIN_POPULATION_SHARE and row.ratio < UNDER_REPRESENTED_RATIO
            )
            assert row.under_represented is flagged
        if row.under_represented and not cell.shown:
            # True whatever the hidden count: even 9 would be under-represented.
            assert 9 / answered / row.population_share < UNDER_REPRESENTED_RATIO
    if answered < MIN_RESPONSES_TO_COMPARE:
        assert not result.enough_responses
        assert all(row.ratio is None for row in result.rows)
    if result.total is not None:
        assert result.total == answered + prefer + blank
