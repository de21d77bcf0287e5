"""The members' area links memberships appointed before the account existed. It is viewed
far more often than there is anything to link, so it writes only when there is: an UPDATE,
even of no rows, holds the database's write lock (all of SQLite) for the rest of the request."""

from __future__ import annotations

from sqlalchemy import event

from engage.core.db import db
from tests.panels.helpers import add_membership, login


def _writes_while(app, fetch) -> list[str]:
    with app.app_context():
        engine = db.engine
    writes: list[str] = []

    def keep(conn, cursor, statement, *args) -> None:
        if statement.lstrip().split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}:
            writes.append(statement)

    event.listen(engine, "before_cursor_execute", keep)
    try:
        fetch()
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    return writes


def test_viewing_the_members_area_writes_nothing_when_nothing_waits(app, make_user):
    user = make_user(email="member@example.org")
    add_membership(app, user=user, public_name="Mo Member")
    client = login(app, user)
    client.get("/members")
    assert _writes_while(app, lambda: client.get("/members")) == []


def test_it_still_links_a_membership_waiting_for_the_account(app, make_user):
    client = login(app, make_user(email="waiting@example.org"))
    # Appointed after this sign-in (which links what is waiting then).
    add_membership(app, email="waiting@example.org", public_name="Wes Waiting")
    writes = _writes_while(app, lambda: client.get("/members"))
    assert any(statement.lstrip().upper().startswith("UPDATE") for statement in writes)
    assert "Disabled People Panel" in client.get("/members").get_data(as_text=True)
