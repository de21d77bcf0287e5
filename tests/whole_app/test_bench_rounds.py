"""make bench's rounds (bench/run.py, bench/summary.py): which anchor each page is set
against, the order the data sizes are loaded in, and the medians the table shows."""

from __future__ import annotations

from bench.engage_app import PreparedPage
from bench.run import run_rounds
from bench.summary import compare_with_demo, summarise


def wrk(rps: float, p50: float = 10.0) -> dict[str, float]:
    return {"requests_per_second": rps, "p50_ms": p50, "p99_ms": p50 * 2, "errors": 0}


def page(name: str = "A page") -> PreparedPage:
    return PreparedPage(name, "/a", "", None, queries=3, bytes=100, most_queries=10)


def test_each_page_is_set_against_the_anchor_just_before_and_after_its_block():
    anchor_rates = iter([100, 200, 300, 400, 500, 600])
    loaded = []

    def measure_page(name: str, factor: int, first_round: bool) -> dict[str, float]:
        loaded.append((name, factor, first_round))
        return wrk(50)

    samples, anchors = run_rounds(
        lambda: wrk(next(anchor_rates)), measure_page, ["a", "b", "c"], [1], rounds=2, block=2
    )
    # Each round: an anchor, a and b, an anchor, c, an anchor.
    assert [a["requests_per_second"] for a in anchors] == [100, 200, 300, 400, 500, 600]
    assert [s["anchor_rps"] for s in samples[("a", 1)]] == [150, 450]
    assert [s["anchor_rps"] for s in samples[("c", 1)]] == [250, 550]
    assert [first for _, _, first in loaded] == [True] * 3 + [False] * 3


def test_the_data_sizes_swap_order_each_round():
    loaded = []

    def measure_page(name: str, factor: int, first_round: bool) -> dict[str, float]:
        loaded.append(factor)
        return wrk(50)

    run_rounds(lambda: wrk(100), measure_page, ["a"], [1, 100], rounds=3, block=5)
    assert loaded == [1, 100, 100, 1, 1, 100]


def test_the_figures_are_medians_and_the_range_is_kept():
    samples = [
        {**wrk(60, 9.0), "anchor_rps": 100},
        {**wrk(30, 30.0), "anchor_rps": 100},  # one slow round does not move the median
        {**wrk(55, 10.0), "anchor_rps": 100},
    ]
    result = summarise(page(), samples)
    assert result.requests_per_second == 55
    assert result.p50_ms == 10.0
    assert result.ratio_to_anchor == 0.55
    assert result.ratio_to_anchor_range == (0.3, 0.6)


def test_larger_data_is_compared_with_the_demo_round_by_round():
    demo = summarise(page(), [{**wrk(50, p50), "anchor_rps": 100} for p50 in (10, 20, 10)])
    larger = summarise(page(), [{**wrk(40, p50), "anchor_rps": 100} for p50 in (15, 30, 30)])
    compare_with_demo(larger, demo)
    # 1.5x, 1.5x and 3x: the slow second round was slow at both sizes.
    assert larger.p50_times_demo == 1.5
    assert larger.p50_times_demo_range == (1.5, 3.0)
