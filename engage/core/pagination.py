"""Pagination shaped for the GOV.UK pagination component."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask import request, url_for
from sqlalchemy import Select, func, literal_column, select

from engage.core.db import db

DEFAULT_PER_PAGE = 25


@dataclass
class Page:
    items: list[Any]
    page: int
    per_page: int
    total: int
    # True when counting stopped at paginate's count_up_to: there are more than ``total``.
    more: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def first_item_number(self) -> int:
        return 0 if self.total == 0 else (self.page - 1) * self.per_page + 1

    @property
    def last_item_number(self) -> int:
        return min(self.page * self.per_page, self.total)

    def govuk_params(self, endpoint: str | None = None, **url_args: Any) -> dict[str, Any]:
        """Parameters for ``govukPagination``; empty when everything fits on one page."""
        if self.pages <= 1:
            return {}
        endpoint = endpoint or request.endpoint
        # Every value of each query argument (a date filter sends day, month and year under
        # one name), so paging keeps the filters.
        args = {**request.args.to_dict(flat=False), **(request.view_args or {}), **url_args}

        def href(number: int) -> str:
            return url_for(endpoint, **{**args, "page": number})

        params: dict[str, Any] = {"items": []}
        if self.page > 1:
            params["previous"] = {"href": href(self.page - 1)}
        if self.page < self.pages:
            params["next"] = {"href": href(self.page + 1)}
        for number in range(1, self.pages + 1):
            if number in (1, self.pages) or abs(number - self.page) <= 1:
                params["items"].append(
                    {"number": number, "href": href(number), "current": number == self.page}
                )
            elif params["items"] and not params["items"][-1].get("ellipsis"):
                params["items"].append({"ellipsis": True})
        return params


def _rows_to_count(statement: Select) -> Select:
    """The statement's rows without their columns or order: counting a subquery of every
    column reads each whole row (ten times slower on SQLite for 10,000 audit events). A
    statement with DISTINCT or GROUP BY keeps its columns, which decide what a row is."""
    counted = statement.order_by(None)
    if counted._distinct or counted._group_by_clauses or counted._having_criteria:
        return counted
    return counted.with_only_columns(literal_column("1"), maintain_column_froms=True)


def page_asked() -> int:
    """The page number in ``?page=`` (1 when it is missing or not a number)."""
    try:
        return max(1, int(request.args.get("page", 1)))
    except ValueError:
        return 1


def page_of(items: Sequence[Any], per_page: int = DEFAULT_PER_PAGE) -> Page:
    """A page of a list already in memory (a report's sections, say), for ``?page=``
    (out-of-range pages clamp), shaped as paginate's."""
    total = len(items)
    page = min(page_asked(), max(1, -(-total // per_page)))
    start = (page - 1) * per_page
    return Page(items=list(items[start : start + per_page]), page=page, per_page=per_page,
                total=total)  # fmt: skip


def paginate(
    statement: Select,
    per_page: int = DEFAULT_PER_PAGE,
    count_up_to: int | None = None,
    count_statement: Select | None = None,
    total: int | None = None,
) -> Page:
    """Run ``statement`` for the page named in ``?page=`` (out-of-range pages clamp). The items
    are objects for ``select(Model)`` and rows for a statement of several columns.

    ``count_up_to``: for a list that grows without end (the audit log), count no further
    than this many rows, so the count does not read the whole table on every view; the
    pages then reach that far and the page says "more than". ``count_statement``: a
    cheaper statement with the same rows, to count instead (an index on its own);
    ``total``: the count, when the caller has made it already (up to count_up_to + 1)."""
    page = page_asked()
    if total is None:
        counted = _rows_to_count(statement if count_statement is None else count_statement)
        if count_up_to is not None:
            counted = counted.limit(count_up_to + 1)
        total = db.session.scalar(select(func.count()).select_from(counted.subquery())) or 0
    more = count_up_to is not None and total > count_up_to
    if more:
        total = count_up_to
    pages = max(1, -(-total // per_page))
    page = min(page, pages)
    cut = statement.limit(per_page).offset((page - 1) * per_page)
    # One entity (select(Model)): the objects. Several columns: rows, read without building
    # objects, for a page that shows a few fields of many records.
    if len(statement.column_descriptions) == 1:
        items = list(db.session.scalars(cut))
    else:
        items = list(db.session.execute(cut))
    return Page(items=items, page=page, per_page=per_page, total=total, more=more)
