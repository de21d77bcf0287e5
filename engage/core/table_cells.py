"""The table cell and row of templates/macros/tables.html, written in Python.

A list page renders hundreds of cells; as Jinja macros each cost about 25 µs (a macro call
builds its arguments, caller and undefined checks), which was a third of the audit log's
time. These functions write exactly the markup the macros wrote (tests/core/test_tables.py)
and are called the same way, with a ``{% call %}`` block or without."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from markupsafe import Markup, escape


def table_cell(
    value: Any = None,
    href: str | None = None,
    numeric: bool = False,
    header: bool = False,
    classes: str = "",
    caller: Callable[[], str] | None = None,
) -> Markup:
    """One cell: the value as escaped text, a link when href is given, or the call block's
    markup. header=True makes it the row's heading (th scope="row")."""
    kind = "header" if header else "cell"
    css = f"govuk-table__{kind}"
    if numeric:
        css += f" govuk-table__{kind}--numeric"
    if classes:
        css += f" {classes}"
    # f-strings of escaped parts: Markup.format goes through string.Formatter, many times slower.
    if caller is not None:
        inside = caller()
    elif href:
        inside = f'<a class="govuk-link" href="{escape(href)}">{escape(value)}</a>'
    elif value is not None:
        inside = escape(value)
    else:
        inside = ""
    if header:
        return Markup(f'<th scope="row" class="{escape(css)}">{inside}</th>')  # noqa: S704
    return Markup(f'<td class="{escape(css)}">{inside}</td>')  # noqa: S704 - all escaped


def _cell_from(value: Any) -> Markup:
    if isinstance(value, Mapping):
        return table_cell(
            value.get("text"),
            href=value.get("href"),
            numeric=value.get("numeric", False),
            header=value.get("header", False),
            classes=value.get("classes", ""),
        )
    return table_cell(value)


def table_row(
    cells: Iterable[Any] | None = None, caller: Callable[[], str] | None = None
) -> Markup:
    """One row: its cells from the call block, or a list of values as table's rows=."""
    inside = caller() if caller is not None else "".join(_cell_from(v) for v in cells or [])
    return Markup(f'<tr class="govuk-table__row">{inside}</tr>')  # noqa: S704 - cells' markup


def table_heading(heading: Any) -> Markup:
    """A column heading: text, or {"text", "numeric", "classes"}."""
    if not isinstance(heading, Mapping):
        heading = {"text": heading}
    css = "govuk-table__header"
    if heading.get("numeric"):
        css += " govuk-table__header--numeric"
    if heading.get("classes"):
        css += f" {heading['classes']}"
    return Markup(f'<th scope="col" class="{escape(css)}">{escape(heading.get("text"))}</th>')  # noqa: S704
