"""Disclosure control: small counts are suppressed, and no suppressed count can be worked out
from the published total and the other cells."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engage.monitoring.disclosure import HIDDEN, SHOWN, PublishedTable, publish_table

SMALL = "fewer than 10"


def statuses(table: PublishedTable) -> dict[str, str]:
    return {cell.label: cell.status for cell in table.cells}


# --- examples ---------------------------------------------------------------------------


def test_nothing_small_means_everything_shown_with_percentages():
    table = publish_table({"Yes": 30, "No": 70})
    assert statuses(table) == {"Yes": SHOWN, "No": SHOWN}
    assert table.total == 100
    assert table.cell("Yes").percentage == pytest.approx(30.0)
    assert table.cell("Yes").percentage_display == "30.0%"
    assert table.note == ""
    assert not table.suppressed


def test_a_small_count_and_the_next_smallest_are_suppressed():
    # With only A suppressed, 100 - 50 - 45 = 5 would give it away, so C (45) goes too.
    table = publish_table({"A": 5, "B": 50, "C": 45})
    assert statuses(table) == {"A": SMALL, "B": SHOWN, "C": HIDDEN}
    assert table.cell("A").count is None and table.cell("A").percentage is None
    assert table.cell("A").display == "fewer than 10"
    assert table.cell("C").display == "hidden"
    assert table.total == 100
    assert table.cell("B").percentage == pytest.approx(50.0)
    assert "fewer than 10" in table.note and "hidden" in table.note


def test_zero_is_suppressed_too():
    table = publish_table({"A": 0, "B": 30, "C": 40})
    assert statuses(table) == {"A": SMALL, "B": HIDDEN, "C": SHOWN}


def test_two_small_cells_that_add_up_to_18_are_protected():
    # 58 - 40 = 18 left for two cells of 0 to 9 each: only 9 + 9 fits, so C is hidden too.
    table = publish_table({"A": 9, "B": 9, "C": 40})
    assert statuses(table) == {"A": SMALL, "B": SMALL, "C": HIDDEN}
    assert table.total == 58


def test_ties_for_next_smallest_are_broken_by_label():
    table = publish_table({"B": 20, "A": 20, "C": 3})
    assert statuses(table) == {"B": SHOWN, "A": HIDDEN, "C": SMALL}


def test_the_rule_itself_is_assumed_known_to_the_reader():
    # After hiding B (10), a reader knows B <= C = 10 (hidden first, and B sorts before C),
    # so B = 10 and A = 29 - 10 - 10 = 9. C must be hidden as well.
    table = publish_table({"A": 9, "B": 10, "C": 10})
    assert statuses(table) == {"A": SMALL, "B": HIDDEN, "C": HIDDEN}
    assert table.total == 29


def test_when_nothing_is_left_to_hide_the_total_is_suppressed():
    table = publish_table({"A": 9, "B": 9})
    assert statuses(table) == {"A": SMALL, "B": SMALL}
    assert table.total is None
    assert table.total_status == HIDDEN
    assert "total is not shown" in table.note


def test_a_total_under_the_threshold_suppresses_everything():
    table = publish_table({"A": 3, "B": 4})
    assert statuses(table) == {"A": SMALL, "B": SMALL}
    assert table.total is None
    assert table.total_display == "fewer than 10"


def test_without_a_published_total_only_small_cells_are_suppressed_and_no_percentages():
    table = publish_table({"A": 3, "B": 40, "C": 12}, publish_total=False)
    assert statuses(table) == {"A": SMALL, "B": SHOWN, "C": SHOWN}
    assert table.total is None
    assert table.total_status == "not published"
    assert all(cell.percentage is None for cell in table.cells)


def test_the_threshold_can_change():
    table = publish_table({"A": 4, "B": 40, "C": 12}, threshold=5)
    assert table.cell("A").status == "fewer than 5"


def test_cells_keep_the_order_given():
    table = publish_table({"Z": 50, "A": 20, "M": 30})
    assert [cell.label for cell in table.cells] == ["Z", "A", "M"]


def test_an_empty_table_publishes_nothing():
    table = publish_table({})
    assert table.cells == () and table.total is None


@pytest.mark.parametrize("bad", [-1, 2.5, True, "3"])
def test_counts_must_be_whole_numbers(bad):
    with pytest.raises(ValueError, match="whole number"):
        publish_table({"A": bad, "B": 20})


# --- an independent attacker ------------------------------------------------------------


def reader_bounds(table: PublishedTable) -> dict[str, tuple[int, int]]:
    """What someone holding only the published table and the published rule knows about
    each suppressed cell: small cells are 0 to threshold-1; hidden cells are at least the
    threshold and were hidden smallest-first, so sort (count, label) before every shown
    cell. Unbounded above is capped at the published total (or 10,000 without one)."""
    t = table.threshold
    cap = table.total if table.total is not None else 10_000
    shown = [(cell.count, cell.label) for cell in table.cells if cell.shown]
    bounds = {}
    for cell in table.cells:
        if cell.shown:
            continue
        if cell.secondary:
            high = cap
            for count, label in shown:
                high = min(high, count if cell.label < label else count - 1)
            bounds[cell.label] = (t, high)
        else:
            bounds[cell.label] = (0, t - 1)
    return bounds


def possible_values(table: PublishedTable, label: str) -> list[int]:
    """Brute force: every value of one suppressed cell for which the other suppressed cells
    can still make the published total (a bitset of reachable sums)."""
    bounds = reader_bounds(table)
    low, high = bounds[label]
    if table.total is None:
        return list(range(low, high + 1))
    remaining = table.total - sum(cell.count for cell in table.cells if cell.shown)
    reachable = 1  # bit n set: the other suppressed cells can sum to n
    for other, (other_low, other_high) in bounds.items():
        if other == label:
            continue
        step = 0
        for value in range(other_low, min(other_high, remaining) + 1):
            step |= reachable << value
        reachable = step & ((1 << (remaining + 1)) - 1)
    return [
        value
        for value in range(low, min(high, remaining) + 1)
        if (reachable >> (remaining - value)) & 1
    ]


counts_strategy = st.dictionaries(
    keys=st.text(alphabet="abcdefgh", min_size=1, max_size=2),
    values=st.one_of(st.integers(0, 15), st.integers(0, 200)),
    min_size=1,
    max_size=8,
)


@settings(max_examples=400, deadline=None)
@given(counts_strategy, st.booleans())
def test_no_suppressed_count_can_be_recovered(counts, publish_total):
    table = publish_table(counts, publish_total=publish_total)
    for cell in table.cells:
        if cell.shown:
            continue
        values = possible_values(table, cell.label)
        assert counts[cell.label] in values, "the attacker model is wrong"
        assert len(values) >= 2, f"{cell.label} = {values} from {counts} -> {table}"


@settings(max_examples=400, deadline=None)
@given(counts_strategy, st.booleans())
def test_published_cells_are_true_and_small_ones_never_shown(counts, publish_total):
    table = publish_table(counts, publish_total=publish_total)
    assert [cell.label for cell in table.cells] == list(counts)
    total = sum(counts.values())
    for cell in table.cells:
        value = counts[cell.label]
        if value < 10:
            assert cell.status == SMALL and cell.count is None and cell.percentage is None
        if cell.shown:
            assert cell.count == value
        if cell.secondary:
            assert value >= 10 and cell.count is None and cell.percentage is None
    if table.total is not None:
        assert table.total == total >= 10
        assert publish_total
    if total < 10:
        assert table.total is None and not any(cell.shown for cell in table.cells)


@settings(max_examples=300, deadline=None)
@given(counts_strategy)
def test_percentages_are_of_the_total_and_only_for_shown_cells(counts):
    table = publish_table(counts)
    percentages = [cell.percentage for cell in table.cells if cell.percentage is not None]
    if table.total is None:
        assert percentages == []
        return
    for cell in table.cells:
        if cell.shown:
            assert cell.percentage == pytest.approx(100 * cell.count / table.total)
        else:
            assert cell.percentage is None
    assert sum(percentages) <= 100 + 1e-9
    if all(cell.shown for cell in table.cells):
        assert sum(percentages) == pytest.approx(100)


@settings(max_examples=200, deadline=None)
@given(counts_strategy)
def test_a_table_with_no_small_counts_is_published_whole(counts):
    table = publish_table({label: value + 10 for label, value in counts.items()})
    assert all(cell.shown for cell in table.cells)
    assert table.total == sum(counts.values()) + 10 * len(counts)
