"""Test helpers for draft policies: counting the queries a page makes."""

from __future__ import annotations

from sqlalchemy import event

from engage.core.db import db

# The draft most tests open to the Disabled People Panel: a heading and two paragraphs, then a
# second section.
TEXT = "# Scope\nEveryone who uses a bus.\nStops in every borough.\n# Review\nEvery year."


def count_queries(app, client, url: str) -> int:
    """The SQL statements one GET of ``url`` runs (the page must answer 200)."""
    with app.app_context():
        engine = db.engine
    seen: list[str] = []

    def count(*args) -> None:
        seen.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)
