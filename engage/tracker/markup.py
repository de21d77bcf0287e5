"""The staff tracker's table rows, written in Python: a row per priority with a count for
each feature was seven cell macro calls a row (about 90 on the demo strategy). Every value
is escaped by ``cell_html``, as the template would."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from markupsafe import Markup

from engage.core.table_cells import cell_html


def priority_rows_html(
    priorities: Sequence[Any],
    evidence: Mapping[int, Any],
    features: Sequence[str],
    priority_url: Callable[[int], str],
) -> Markup:
    """Each priority (a link to its page, "(retired)" when it is) with how many records
    each feature has linked to it."""
    rows = []
    for priority in priorities:
        found = evidence[priority.id]
        title = f"{priority.code} {priority.title}" + (" (retired)" if priority.retired_at else "")
        rows.append(
            '<tr class="govuk-table__row">'
            + cell_html(title, href=priority_url(priority.id), header=True)
            + "".join(cell_html(found.count(feature), numeric=True) for feature in features)
            + "</tr>"
        )
    return Markup("".join(rows))  # noqa: S704 - every value escaped
