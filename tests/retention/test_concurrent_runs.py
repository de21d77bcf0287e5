"""Runs on several instances at once, on PostgreSQL: what is due is done once, with one audit
event per kind, whichever run gets there first. (The runs take turns on an advisory lock; even
without it PostgreSQL re-checks each UPDATE's and DELETE's conditions after waiting for a row,
so this test shows the outcome, not the lock.) SQLite has one writer at a time anyway: this
test skips without TEST_DATABASE_URL (CI runs the suite again with it)."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from flask import Flask
from sqlalchemy import select

from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.retention.api import apply_retention
from tests.databases import is_postgres
from tests.retention.test_job import LATER, _old_records

RUNS = 4


def test_runs_at_once_do_it_once(app: Flask, database_url: str) -> None:
    if not is_postgres(database_url):
        pytest.skip("Runs at once need PostgreSQL (many writers): set TEST_DATABASE_URL")
    with app.app_context():
        _old_records()
    start = threading.Barrier(RUNS)
    done: Counter[tuple[str, str]] = Counter()
    failures: list[BaseException] = []

    def one_run() -> None:
        try:
            with app.app_context():
                start.wait()
                for action in apply_retention(LATER):
                    done[(action.kind, action.records)] += action.count
                db.session.remove()
        except BaseException as failure:  # reported below
            failures.append(failure)

    threads = [threading.Thread(target=one_run) for _ in range(RUNS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    assert done[("stories", "lived-experience stories")] == 1
    assert done[("draft_applications", "panel applications")] == 1
    assert done[("unsuccessful_applications", "unsuccessful or withdrawn panel applications")] == 2
    with app.app_context():
        events = db.session.scalars(
            select(AuditEvent.object_id).where(AuditEvent.action == "retention_applied")
        ).all()
        assert sorted(events) == sorted(set(events)) and len(events) == 6
