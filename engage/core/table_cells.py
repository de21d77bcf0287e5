"""The table, cell and row of templates/macros/tables.html, written in Python.

A list page renders hundreds of cells; as Jinja macros each cost about 25 µs (a macro call
builds its arguments, caller and undefined checks), which was a third of the audit log's
time. These functions write exactly the markup the macros wrote (tests/core/test_tables.py)
and are called the same way, with a ``{% call %}`` block or without. Python code that renders
a whole table (a report's, say) calls ``table_markup`` with its rows' markup as ``body``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from markupsafe import Markup, escape

# markupsafe's escaping, as one str.translate: escape() makes a Markup object for every
# value (four Python calls), and a cell had three of them.
_ESCAPES = str.maketrans({"&": "&amp;", ">": "&gt;", "<": "&lt;", "'": "&#39;", '"': "&#34;"})
_OPENING = {
    (False, False): '<td class="govuk-table__cell">',
    (False, True): '<td class="govuk-table__cell govuk-table__cell--numeric">',
    (True, False): '<th scope="row" class="govuk-table__header">',
    (True, True): '<th scope="row" class="govuk-table__header govuk-table__header--numeric">',
}


def html_text(value: Any) -> str:
    """``value`` as HTML text, exactly as markupsafe's ``escape`` writes it (markup as it is),
    but as a plain str: for Python that builds a table's markup and wraps it once."""
    kind = type(value)
    if kind is str:
        return value.translate(_ESCAPES)
    if kind is int:
        return str(value)
    return escape(value)


def cell_html(
    value: Any = None,
    href: str | None = None,
    numeric: bool = False,
    header: bool = False,
    classes: str = "",
    caller: Callable[[], str] | None = None,
) -> str:
    """``table_cell``'s markup as a plain str (see html_text)."""
    if classes:
        kind = "header" if header else "cell"
        css = f"govuk-table__{kind}"
        if numeric:
            css += f" govuk-table__{kind}--numeric"
        css = html_text(f"{css} {classes}")
        opening = f'<th scope="row" class="{css}">' if header else f'<td class="{css}">'
    else:
        opening = _OPENING[header, numeric]
    if caller is not None:
        inside = caller()
    elif href:
        inside = f'<a class="govuk-link" href="{html_text(href)}">{html_text(value)}</a>'
    elif value is not None:
        inside = html_text(value)
    else:
        inside = ""
    return f"{opening}{inside}</th>" if header else f"{opening}{inside}</td>"


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
    return Markup(cell_html(value, href, numeric, header, classes, caller))  # noqa: S704


def _cell_from(value: Any) -> str:
    if isinstance(value, (dict, Mapping)):  # a dict first: the quick check
        return cell_html(
            value.get("text"),
            href=value.get("href"),
            numeric=value.get("numeric", False),
            header=value.get("header", False),
            classes=value.get("classes", ""),
        )
    return cell_html(value)


def table_row(
    cells: Iterable[Any] | None = None, caller: Callable[[], str] | None = None
) -> Markup:
    """One row: its cells from the call block, or a list of values as table's rows=."""
    inside = caller() if caller is not None else "".join(_cell_from(v) for v in cells or [])
    return Markup(f'<tr class="govuk-table__row">{inside}</tr>')  # noqa: S704 - cells' markup


def heading_html(heading: Any) -> str:
    """``table_heading``'s markup as a plain str (see html_text)."""
    if type(heading) is str:
        return f'<th scope="col" class="govuk-table__header">{heading.translate(_ESCAPES)}</th>'
    if not isinstance(heading, (dict, Mapping)):
        heading = {"text": heading}
    css = "govuk-table__header"
    if heading.get("numeric"):
        css += " govuk-table__header--numeric"
    if heading.get("classes"):
        css += f" {heading['classes']}"
    return f'<th scope="col" class="{html_text(css)}">{html_text(heading.get("text"))}</th>'


def table_heading(heading: Any) -> Markup:
    """A column heading: text, or {"text", "numeric", "classes"}."""
    return Markup(heading_html(heading))  # noqa: S704 - escaped


def table_markup(
    id: str | None,
    caption: Any,
    head: Iterable[Any],
    rows: Iterable[Any] | None = None,
    hide_caption: bool = True,
    caption_size: str | None = None,
    region: bool = True,
    caller: Callable[[], str] | None = None,
    body: str = "",
) -> Markup:
    """A table with its caption and column headings, in the scrolling region named by the
    caption (see templates/macros/tables.html, which calls this as ``table``). Its rows: the
    call block's markup, or ``body`` (markup) from Python, then a row for each of ``rows``."""
    css = "govuk-table__caption"
    if caption_size:
        css += f" govuk-table__caption--{caption_size}"
    if hide_caption:
        css += " govuk-visually-hidden"
    id_attribute = f' id="{html_text(id)}"' if id else ""
    headings = "".join(heading_html(heading) for heading in head)
    inside = caller() if caller is not None else body
    after = "".join(table_row(cells) for cells in rows or [])
    markup = (
        f'<table class="govuk-table">\n'
        f'  <caption class="{html_text(css)}"{id_attribute}>{html_text(caption)}</caption>\n'
        f'  <thead class="govuk-table__head"><tr class="govuk-table__row">{headings}</tr></thead>\n'
        f'  <tbody class="govuk-table__body">{inside}{after}  </tbody>\n</table>'
    )
    if region:
        markup = (
            f'<div class="lcr-table-container" role="region" aria-labelledby="{html_text(id)}"'
            f' tabindex="0">{markup}</div>'
        )
    return Markup(markup)  # noqa: S704 - every part escaped or already markup
