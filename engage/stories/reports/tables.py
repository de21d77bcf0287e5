"""The stories' counts (reports/counts.py) as the tables the reports page and the counts
export show. For a monitoring group every table goes through the monitoring package's
disclosure control (``publish_table``: a count under 10 is "fewer than 10", with no
percentage, and another is hidden where the total would give it away), and the themes over
time are not shown (a table of themes by quarter for a group would be full of small numbers,
and could be differenced against the group's theme totals). For everyone, officers see the
counts as they are: they see the stories themselves in the queue."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from engage.monitoring.api import LOCAL_AUTHORITIES, THRESHOLD, PublishedTable, publish_table
from engage.stories import stages
from engage.stories.reports.counts import (
    EARLIER,
    IN_TIME,
    LATE,
    NO_RESPONSE,
    OVERDUE,
    WAITING,
    Filters,
    Quarter,
    RawCounts,
    quarters,
)

NOT_ANSWERED_AREA = "Not answered"
NOT_CODED = "Not coded to a theme yet"
SEVERAL_THEMES = (
    "A story can be coded to more than one theme, so the themes add up to more than the "
    "stories told, and their percentages (of the stories told) to more than 100%."
)
RESPONSE_LABELS = {
    IN_TIME: "Responded to within 20 working days",
    LATE: "Responded to later than 20 working days",
    OVERDUE: "Not responded to, and more than 20 working days old",
    WAITING: "Not responded to yet, within 20 working days",
    NO_RESPONSE: "Closed with no response recorded",
}


@dataclass(frozen=True)
class Breakdown:
    """One table: its caption, what its first column holds, and the counts in order."""

    caption: str
    heading: str
    table: PublishedTable
    notes: tuple[str, ...] = ()

    @property
    def cells(self) -> tuple[Any, ...]:
        return self.table.cells


@dataclass(frozen=True)
class ThemeRow:
    label: str
    counts: tuple[int, ...]  # one per column of ThemesOverTime
    total: int


@dataclass(frozen=True)
class ThemesOverTime:
    columns: tuple[str, ...]  # "Earlier" (when any story is older), then the quarters
    told: ThemeRow
    themes: tuple[ThemeRow, ...]
    uncoded: ThemeRow

    @property
    def head(self) -> list[Any]:
        numeric = [{"text": column, "numeric": True} for column in self.columns]
        return ["Theme", *numeric, {"text": "Total", "numeric": True}]


@dataclass(frozen=True)
class ResponseRecord:
    """The response-time record: of the stories responded to or overdue, the share
    responded to within 20 working days (None when not shown), and how many are overdue."""

    table: PublishedTable
    in_time: int | None
    needed: int | None
    share: float | None
    overdue: str  # how many are overdue now, as shown ("12" or "fewer than 10")

    @property
    def breakdown(self) -> Breakdown:
        return Breakdown("Stories by response time", "Response", self.table)


@dataclass(frozen=True)
class Report:
    stories: int
    too_few: bool
    over_time: ThemesOverTime | None
    breakdowns: tuple[Breakdown, ...]
    response: ResponseRecord


def area_label(code: str) -> str:
    if not code:
        return NOT_ANSWERED_AREA
    return LOCAL_AUTHORITIES.get(code) or stages.AREA_OTHER_LABELS.get(code, code)


def _publish(counts: dict[str, int], grouped: bool, *, adds_up: bool = True) -> PublishedTable:
    if grouped:
        return publish_table(counts, publish_total=adds_up)
    if not sum(counts.values()):
        adds_up = False  # no percentages of nothing
    # Everyone: nothing suppressed (a threshold of 0), with percentages when they add up.
    return publish_table(counts, threshold=0, publish_total=adds_up)


def _theme_table(totals: dict[str, int], stories: int, grouped: bool) -> PublishedTable:
    """Themes do not add up (a story can have several): each shown count's percentage is of
    the stories counted, when there are enough of them."""
    table = _publish(totals, grouped, adds_up=False)
    if not stories or (grouped and stories < THRESHOLD):
        return table
    cells = tuple(
        replace(cell, percentage=100 * cell.count / stories) if cell.shown else cell
        for cell in table.cells
    )
    return replace(table, cells=cells)


def _keyed(labels: dict[Any, str], found: dict[str, int]) -> dict[str, int]:
    table = {label: found.get(str(key), 0) for key, label in labels.items()}
    # A value no longer in the list (an old channel, say) still counts, under its own name.
    table.update({key: n for key, n in found.items() if key not in {str(k) for k in labels}})
    return table


def _areas(found: dict[str, int]) -> dict[str, int]:
    codes = [*LOCAL_AUTHORITIES, *stages.AREA_OTHER_LABELS, ""]
    table = {area_label(code): found.get(code, 0) for code in codes}
    table.update({code: n for code, n in found.items() if code not in codes})
    return table


def _row(label: str, by_bucket: dict[int, int], buckets: list[int]) -> ThemeRow:
    return ThemeRow(label, tuple(by_bucket.get(b, 0) for b in buckets), sum(by_bucket.values()))


def themes_over_time(counts: RawCounts, themes: list[Any], shown: list[Quarter]) -> ThemesOverTime:
    """Rows of themes, a column per quarter (oldest first), "Earlier" first when needed."""
    buckets = list(range(len(shown)))
    columns = [quarter.label for quarter in shown]
    if counts.told.get(EARLIER):
        buckets, columns = [EARLIER, *buckets], [f"Before {shown[0].start:%b %Y}", *columns]
    return ThemesOverTime(
        columns=tuple(columns),
        told=_row("Stories told", counts.told, buckets),
        themes=tuple(_row(t.label, counts.themes.get(t.id, {}), buckets) for t in themes),
        uncoded=_row(NOT_CODED, counts.uncoded, buckets),
    )


def response_record(counts: RawCounts, grouped: bool) -> ResponseRecord:
    table = _publish(_keyed(RESPONSE_LABELS, counts.responses), grouped)
    parts = [table.cell(RESPONSE_LABELS[key]) for key in (IN_TIME, LATE, OVERDUE)]
    in_time = needed = share = None
    if all(cell.shown for cell in parts):
        in_time = parts[0].count
        needed = sum(cell.count or 0 for cell in parts)
        if needed and (not grouped or needed >= THRESHOLD):
            share = in_time / needed
    overdue = _publish({"Overdue": counts.overdue}, grouped, adds_up=False).cells[0]
    return ResponseRecord(table, in_time, needed, share, overdue.display)


def build_report(counts: RawCounts, themes: list[Any], filters: Filters, today: date) -> Report:
    grouped = filters.group is not None
    theme_totals = {theme.label: sum(counts.themes.get(theme.id, {}).values()) for theme in themes}
    theme_totals[NOT_CODED] = sum(counts.uncoded.values())
    breakdowns = (
        Breakdown("Stories by theme", "Theme", _theme_table(theme_totals, counts.stories,
                                                              grouped), (SEVERAL_THEMES,)),
        Breakdown("Stories by where it happened", "Where", _publish(_areas(counts.areas),
                                                                    grouped)),
        Breakdown("Stories by how they came in", "How it came in",
                  _publish(_keyed(stages.CHANNEL_LABELS, counts.channels), grouped)),
        Breakdown("Stories by status", "Status",
                  _publish(_keyed(stages.STATUS_LABELS, counts.statuses), grouped)),
        Breakdown("What changed because of the stories", "Change",
                  _publish(_keyed(stages.CHANGE_LABELS, counts.changes), grouped)),
    )  # fmt: skip
    return Report(
        stories=counts.stories,
        too_few=grouped and counts.stories < THRESHOLD,
        over_time=None if grouped else themes_over_time(counts, themes, quarters(today)),
        breakdowns=breakdowns,
        response=response_record(counts, grouped),
    )
