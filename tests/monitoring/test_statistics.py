"""Wilson score intervals and the "clearly lower" rule, on worked examples."""

from __future__ import annotations

import pytest

from engage.monitoring.statistics import clearly_below, wilson


@pytest.mark.parametrize(
    ("part", "whole", "low", "high"),
    [
        (0, 10, 0.0, 0.2775),  # nobody of 10: still up to 28% fits
        (5, 10, 0.2366, 0.7634),
        (1, 3, 0.0615, 0.7923),  # 1 of 3 is 33%, but anything from 6% to 79% fits it
        (10, 10, 0.7225, 1.0),
        (15, 60, 0.1578, 0.3723),
        (81, 263, 0.2553, 0.3662),  # Newcombe (1998), example (a)
    ],
)
def test_wilson_intervals(part, whole, low, high):
    rate = wilson(part, whole)
    assert rate.low == pytest.approx(low, abs=5e-5)
    assert rate.high == pytest.approx(high, abs=5e-5)
    assert rate.value == part / whole


def test_an_empty_group_has_no_rate_and_nonsense_is_refused():
    assert wilson(0, 0).value is None and wilson(0, 0).low is None
    with pytest.raises(ValueError):
        wilson(3, 2)


def test_only_a_group_whose_whole_interval_is_below_everyone_elses_is_called_lower():
    # 1 of 20 shortlisted beside 60 of 100: [0.9%, 23.6%] lies wholly below [50.2%, 69.1%].
    assert clearly_below(wilson(1, 20), wilson(60, 100))
    # 0 of 3 beside 60 of 100: a difference of a person or two, not called unfair.
    assert not clearly_below(wilson(0, 3), wilson(60, 100))
    # 2 of 10 beside 10 of 15: the intervals overlap ([5.7%, 51.0%] and [41.7%, 84.8%]).
    assert not clearly_below(wilson(2, 10), wilson(10, 15))
    assert not clearly_below(wilson(0, 0), wilson(1, 2))
