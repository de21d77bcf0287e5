"""Disclosure control: every published or exported table of equality counts goes through
``publish_table``.

The rule
--------
1. Primary suppression. A count under the threshold (10), including 0, is shown as
   "fewer than 10" with no percentage.
2. Secondary suppression. When the total is published, a reader knows the sum of the
   suppressed cells (the total minus the shown cells) and bounds on each one: a small cell
   is 0 to 9; a cell hidden by this step is at least 10 (it was not small) and, because we
   always hide the smallest shown cell first (ties broken by label), no bigger than any cell
   still shown (strictly smaller than one whose label sorts before it). From the sum and
   the bounds each suppressed cell has a feasible range
   ``[max(lo, S - sum of the others' hi), min(hi, S - sum of the others' lo)]``; for whole
   numbers in boxes every value in that range is possible. While any range holds a single
   value, that count could be worked out, so we hide the next smallest shown cell and check
   again. If no shown cell is left, we suppress the total instead (and with it every
   percentage, since a percentage and its count would give the total back).
3. A total under the threshold suppresses everything: every cell is then under it too.
4. Percentages are of the published total, only for shown cells.

With ``publish_total=False`` nothing ties the cells together, so small cells alone are
suppressed and no percentages are given.

Not covered: other tables published from the same people (a cross-tabulation, or the same
table for an overlapping group) can still be differenced against this one. Publish one
table per question for one group, and do not publish a second table whose cells add up to
a suppressed cell here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

THRESHOLD = 10
SHOWN = "shown"
HIDDEN = "hidden"


def small_status(threshold: int = THRESHOLD) -> str:
    """The status (and the text shown) for a count under the threshold: "fewer than 10"."""
    return f"fewer than {threshold}"


@dataclass(frozen=True)
class PublishedCell:
    label: str
    count: int | None  # None when suppressed
    percentage: float | None  # of the published total; None when not given
    status: str  # "shown", "fewer than 10" (primary) or "hidden" (secondary)

    @property
    def shown(self) -> bool:
        return self.status == SHOWN

    @property
    def secondary(self) -> bool:
        return self.status == HIDDEN

    @property
    def primary(self) -> bool:
        return not self.shown and not self.secondary

    @property
    def display(self) -> str:
        """What to print in the cell: the count, "fewer than 10" or "hidden"."""
        return f"{self.count:,}" if self.count is not None else self.status

    @property
    def percentage_display(self) -> str:
        return "" if self.percentage is None else f"{self.percentage:.1f}%"


@dataclass(frozen=True)
class PublishedTable:
    cells: tuple[PublishedCell, ...]  # in the order given
    total: int | None  # None when suppressed or not published
    total_status: str  # "shown", "fewer than 10", "hidden" or "not published"
    threshold: int
    note: str  # plain-English explanation of any suppression ("" when none)

    def cell(self, label: str) -> PublishedCell:
        for cell in self.cells:
            if cell.label == label:
                return cell
        raise KeyError(label)

    @property
    def total_display(self) -> str:
        return f"{self.total:,}" if self.total is not None else self.total_status

    @property
    def suppressed(self) -> bool:
        return any(not cell.shown for cell in self.cells) or self.total_status != SHOWN


def _order(values: Mapping[str, int], label: str) -> tuple[int, str]:
    return (values[label], label)


def _bounds(
    values: Mapping[str, int], primary: set[str], secondary: set[str], threshold: int, sum_: int
) -> dict[str, tuple[int, int]]:
    """What a reader of the published table knows about each suppressed cell."""
    shown = [label for label in values if label not in primary and label not in secondary]
    bounds = {label: (0, threshold - 1) for label in primary}
    for label in secondary:
        high = sum_
        for other in shown:
            # Hidden before ``other`` means (count, label) sorts before it.
            high = min(high, values[other] if label < other else values[other] - 1)
        bounds[label] = (threshold, high)
    return bounds


def _recoverable(
    values: Mapping[str, int], primary: set[str], secondary: set[str], threshold: int
) -> bool:
    suppressed = primary | secondary
    if not suppressed:
        return False
    sum_ = sum(values[label] for label in suppressed)
    bounds = _bounds(values, primary, secondary, threshold, sum_)
    low_total = sum(low for low, _ in bounds.values())
    high_total = sum(high for _, high in bounds.values())
    for low, high in bounds.values():
        feasible_low = max(low, sum_ - (high_total - high))
        feasible_high = min(high, sum_ - (low_total - low))
        if feasible_low >= feasible_high:
            return True
    return False


def _note(threshold: int, primary: bool, secondary: bool, total_hidden: bool) -> str:
    parts = []
    if primary:
        parts.append(
            f"Numbers under {threshold} are shown as “fewer than {threshold}”, with no "
            "percentage, so that nobody can be identified."
        )
    if secondary:
        parts.append(
            "Some other numbers are hidden so that the small numbers cannot be worked out "
            "from the total."
        )
    if total_hidden:
        parts.append("The total is not shown because it would let a small number be worked out.")
    return " ".join(parts)


def publish_table(
    counts: Mapping[str, int], *, threshold: int = THRESHOLD, publish_total: bool = True
) -> PublishedTable:
    """Apply the disclosure rule (see the module docstring) to one table of counts, given as
    label -> count in display order."""
    values = dict(counts)
    for label, value in values.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"Count for {label!r} must be a whole number, 0 or more")
    total = sum(values.values())
    primary = {label for label, value in values.items() if value < threshold}
    secondary: set[str] = set()
    if total < threshold:
        total_status = small_status(threshold)
    elif not publish_total:
        total_status = "not published"
    else:
        total_status = SHOWN
        while _recoverable(values, primary, secondary, threshold):
            candidates = sorted(
                (label for label in values if label not in primary and label not in secondary),
                key=lambda label: _order(values, label),
            )
            if not candidates:
                total_status = HIDDEN
                break
            secondary.add(candidates[0])

    total_shown = total_status == SHOWN
    cells = []
    for label, value in values.items():
        if label in primary:
            cells.append(PublishedCell(label, None, None, small_status(threshold)))
        elif label in secondary:
            cells.append(PublishedCell(label, None, None, HIDDEN))
        else:
            percentage = 100 * value / total if total_shown else None
            cells.append(PublishedCell(label, value, percentage, SHOWN))
    return PublishedTable(
        cells=tuple(cells),
        total=total if total_shown else None,
        total_status=total_status,
        threshold=threshold,
        note=_note(
            threshold,
            bool(primary),
            bool(secondary),
            total_status == HIDDEN,
        ),
    )
