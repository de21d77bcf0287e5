"""The tracker's pages make the same few queries with more data: every feature counts in the
database and answers for all priorities at once."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import event

from engage.core.db import db
from engage.strategy.models import Priority
from tests.factories import PriorityFactory
from tests.tracker.world import make_world, tag_everything

MOST_QUERIES = 10  # as tests/whole_app/test_query_counts.py asks of the benchmark pages


def queries(app: Flask, client, url: str) -> int:
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    client.get(url)  # warm
    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200, url
    return len(statements)


def test_tracker_pages_make_the_same_queries_at_two_sizes(app, make_user, signed_in_as):
    with app.app_context():
        world = make_world()
    officer = signed_in_as(make_user(roles=["officer"]))
    public = app.test_client()
    pages = {
        "overview": (officer, "/admin/progress"),
        "priority": (officer, f"/admin/progress/priorities/{world.priority_id}"),
        "public": (public, "/progress"),
    }
    small = {name: queries(app, client, url) for name, (client, url) in pages.items()}
    with app.app_context():
        priority = db.session.get(Priority, world.priority_id)
        for number in range(4):
            tag_everything(priority, f"more {number}", responses=5, stories=4)
            extra = PriorityFactory(objective=priority.objective, code=f"EO1.{number + 5}")
            tag_everything(extra, f"extra {number}", responses=2, stories=2)
    big = {name: queries(app, client, url) for name, (client, url) in pages.items()}
    assert big == small, (small, big)
    assert max(small.values()) <= MOST_QUERIES, small
