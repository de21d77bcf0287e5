"""The report's tables as rows of text, written once and shown twice: as HTML on the page
(``html``) and as Word tables in the .docx, so both carry exactly the same numbers. Every
number of people comes from a PublishedTable or a Comparison (disclosure control already
applied), never from a raw count."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from engage.core.table_cells import cell_html, table_markup
from engage.core.templating import format_percent
from engage.monitoring.api import (
    NOT_ANSWERED_LABEL,
    NOT_COMPARABLE_LABEL,
    PREFER_NOT_TO_SAY_LABEL,
    Comparison,
    PublishedTable,
)

NOT_COMPARED = {
    "prefer_not_to_say": PREFER_NOT_TO_SAY_LABEL,
    "not_answered": NOT_ANSWERED_LABEL,
    "not_comparable": NOT_COMPARABLE_LABEL,
}
WITHHELD = "withheld"


@dataclass(frozen=True)
class TableData:
    id: str
    caption: str
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]  # the first cell of each row is its heading
    notes: Sequence[str] = field(default_factory=tuple)
    numeric_from: int = 1  # the columns from here on are numbers

    def html(self) -> Markup:
        """The table in the site's markup, in a region that scrolls at 320px."""
        head = [
            {"text": h, "numeric": i >= self.numeric_from} if i else h
            for i, h in enumerate(self.headers)
        ]
        body = "".join(
            '<tr class="govuk-table__row">'
            + "".join(
                cell_html(value, header=not i, numeric=i >= self.numeric_from)
                for i, value in enumerate(row)
            )
            + "</tr>"
            for row in self.rows
        )
        notes = "".join(f'<p class="govuk-body-s">{escape(note)}</p>' for note in self.notes)
        markup = table_markup(self.id, self.caption, head, hide_caption=False, caption_size="s",
                              body=body)  # fmt: skip
        return markup + Markup(notes)  # noqa: S704 - escaped


def _flag(comparison: Comparison, flag: bool | None) -> str:
    if not comparison.enough_responses:
        return "–"
    if flag is None:
        return "Cannot tell"
    return "Yes" if flag else "No"


def comparison_table(comparison: Comparison, id_: str, caption: str) -> TableData:
    """Who answered beside the population, with the notes a reader needs (as
    monitoring's comparison table words them) and the census attribution."""
    rows = [
        [
            row.label,
            row.respondents.display,
            format_percent(row.respondent_share),
            format_percent(row.population_share),
            "–" if row.ratio is None else f"{row.ratio:.2f}",
            _flag(comparison, row.under_represented),
        ]
        for row in comparison.rows
    ]
    notes = [comparison.message] if comparison.message else []
    if comparison.respondents.note:
        notes.append(comparison.respondents.note)
    notes.append(comparison.rule)
    left_out = "; ".join(
        f"{NOT_COMPARED.get(cell.label, cell.label)}: {cell.display}"
        for cell in comparison.not_compared.cells
    )
    total = "" if comparison.total is None else f" Total: {comparison.total:,}."
    notes.append(f"Not included in the shares: {left_out}.{total}")
    notes.append(attribution(comparison))
    headers = [
        comparison.label,
        "People who answered",
        "Share of people who answered",
        "Share of population",
        "Ratio",
        "Under-represented",
    ]
    return TableData(id_, caption, headers, rows, notes, numeric_from=1)


def attribution(comparison: Comparison) -> str:
    return (
        f"Population figures: Census 2021 ({', '.join(comparison.tables)}), "
        f"{comparison.population.lower()} in {', '.join(comparison.areas)}. "
        f"{comparison.attribution}."
    )


def published_table(
    table: PublishedTable, id_: str, caption: str, first_heading: str, unit: str = "People"
) -> TableData:
    rows = [[cell.label, cell.display, cell.percentage_display or "–"] for cell in table.cells]
    rows.append(["Total", table.total_display, "100%" if table.total is not None else "–"])
    notes = [table.note] if table.note else []
    return TableData(id_, caption, [first_heading, unit, "Share"], rows, notes)


def panel_table(
    label: str, panels: Sequence[tuple[str, int, Comparison, bool]], id_: str, caption: str
) -> TableData:
    """One characteristic with a column per panel: (panel name, members, comparison,
    withheld)."""
    if not panels:
        return TableData(id_, caption, [label], [])
    first = panels[0][2]
    headers = [label, *(name for name, _, _, _ in panels), "Share of population"]
    rows = []
    for position, row in enumerate(first.rows):
        cells = [
            WITHHELD if withheld else comparison.rows[position].respondents.display
            for _, _, comparison, withheld in panels
        ]
        rows.append([row.label, *cells, format_percent(row.population_share)])
    for position, cell in enumerate(first.not_compared.cells):
        cells = [
            WITHHELD if withheld else comparison.not_compared.cells[position].display
            for _, _, comparison, withheld in panels
        ]
        rows.append([NOT_COMPARED.get(cell.label, cell.label), *cells, "–"])
    rows.append(["Members", *(f"{members:,}" for _, members, _, _ in panels), "–"])
    notes = []
    for _, _, comparison, withheld in panels:
        for note in (comparison.respondents.note, comparison.not_compared.note):
            if note and note not in notes and not withheld:
                notes.append(note)
    if any(withheld for *_, withheld in panels):
        notes.append(
            "Withheld: the number of members is shown, so showing any of that panel's column "
            "would let a small number be worked out."
        )
    notes.append(attribution(first))
    return TableData(id_, caption, headers, rows, notes)


def breakdown_table(breakdown, id_: str, caption: str) -> TableData:  # noqa: ANN001
    """Applicants by group at each stage (recruitment's Breakdown), with shares."""
    headers = [breakdown.label]
    for stage in breakdown.stages:
        headers += [stage.stage.label, f"{stage.stage.label}: share"]
    rows = []
    for _code, label, cells in breakdown.rows:
        row = [label]
        for each in cells:
            row += [each.display, each.percentage_display or "–"]
        rows.append(row)
    total = ["Total"]
    for stage in breakdown.stages:
        total += [stage.table.total_display, "100%" if stage.table.total is not None else "–"]
    rows.append(total)
    return TableData(id_, caption, headers, rows, list(breakdown.notes))


def progression_table(breakdown, everyone: tuple, id_: str, caption: str) -> TableData:  # noqa: ANN001
    """Shortlisted and appointed as shares of each group's applicants, beside everyone's."""
    not_enough = "not enough people to show"
    rows = [["Everyone who applied", *(format_percent(r, not_enough) for r in everyone)]]
    rows += [
        [g.label, format_percent(g.shortlisted_rate, not_enough),
         format_percent(g.appointed_rate, not_enough)]
        for g in breakdown.progression
    ]  # fmt: skip
    headers = [breakdown.label, "Applicants shortlisted", "Applicants appointed"]
    return TableData(id_, caption, headers, rows)
