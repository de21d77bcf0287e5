"""Paging's count: the statement's rows counted without reading their columns, and the same
number as the rows themselves, with joins, filters, DISTINCT and GROUP BY."""

from __future__ import annotations

from sqlalchemy import event, func, select

from engage.accounts.models import RoleGrant, User
from engage.core.db import db
from engage.core.pagination import paginate


def _count_statements(app, statement, **kwargs) -> tuple[object, list[str]]:
    seen: list[str] = []

    def keep(conn, cursor, sql, *args) -> None:
        if "count(" in sql.lower():
            seen.append(sql)

    with app.test_request_context("/?page=1"):
        event.listen(db.engine, "before_cursor_execute", keep)
        try:
            page = paginate(statement, per_page=2, **kwargs)
        finally:
            event.remove(db.engine, "before_cursor_execute", keep)
    return page, seen


def test_the_count_reads_no_columns_and_agrees_with_the_rows(app, make_user):
    for number in range(5):
        make_user(roles=["officer"] if number % 2 else [])
    statement = (
        select(User)
        .join(RoleGrant, RoleGrant.user_id == User.id)
        .where(RoleGrant.role == "officer")
        .order_by(User.id)
    )
    page, counts = _count_statements(app, statement)
    with app.app_context():
        expected = len(db.session.scalars(statement).all())
    assert expected == 2 and page.total == expected and len(page.items) == 2
    assert "SELECT 1" in counts[0] and "user_account.email" not in counts[0]


def test_distinct_and_grouped_statements_are_counted_by_their_own_rows(app, make_user):
    make_user(roles=["officer", "admin"])
    make_user(roles=["officer", "equality_data"])
    distinct_people = select(User.id).join(RoleGrant, RoleGrant.user_id == User.id).distinct()
    page, _ = _count_statements(app, distinct_people)
    assert page.total == 2  # not 4 role rows
    roles_held = select(RoleGrant.role, func.count()).group_by(RoleGrant.role)
    page, _ = _count_statements(app, roles_held)
    assert page.total == 3  # officer, admin, equality_data


def test_a_count_up_to_stops_there(app, make_user):
    for _ in range(4):
        make_user()
    page, counts = _count_statements(app, select(User).order_by(User.id), count_up_to=3)
    assert page.total == 3 and page.more
    assert "LIMIT" in counts[0].upper()
