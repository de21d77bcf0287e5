"""The job as a whole: run twice it does what it does once, it writes one audit event per
kind with the counts, the command says what it did, and the privacy notice states the
configured periods."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from engage.core.audit import AuditEvent
from engage.core.db import db
from tests.factories import (
    ApplicationFactory,
    AuditEventFactory,
    MonitoringResponseFactory,
    OutboxMessageFactory,
    RoundFactory,
    StoryFactory,
)
from tests.retention.helpers import T0, run, snapshot

LATER = T0.replace(year=T0.year + 7)


def _old_records() -> None:
    round_ = RoundFactory(finished=True, outcomes_sent_at=T0)
    for status in ("not_shortlisted", "appointed", "withdrawn"):
        MonitoringResponseFactory(application=ApplicationFactory(round=round_, status=status))
    MonitoringResponseFactory(application=ApplicationFactory(draft=True, updated_at=T0))
    StoryFactory(status="closed", closed_at=T0, email="me@example.org", name="Me")
    StoryFactory(status="closed", closed_at=T0, safeguarding=True)
    OutboxMessageFactory(sent=True, created_at=T0)
    AuditEventFactory(occurred_at=T0)


def test_run_twice_does_the_same_as_once(app: Flask) -> None:
    with app.app_context():
        _old_records()
        first = run(LATER)
        assert len(first) == 6  # every kind had something to do
        after_once = snapshot()
        assert run(LATER) == {}  # the second run finds nothing and says nothing
        db.session.expire_all()
        assert snapshot() == after_once


def test_one_audit_event_per_kind_with_the_counts(app: Flask) -> None:
    with app.app_context():
        _old_records()
        run(LATER)
        events = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "retention_applied")
        ).all()
        by_kind = {event.object_id: event.details for event in events}
        assert set(by_kind) == {
            "draft_applications", "unsuccessful_applications", "stories",
            "safeguarding_stories", "outbox", "audit_log",
        }  # fmt: skip
        assert by_kind["stories"] == {
            "retention_period": "3 years",
            "retention_done": "1 lived-experience stories anonymised",
        }
        assert by_kind["unsuccessful_applications"]["retention_done"] == (
            "2 unsuccessful or withdrawn panel applications anonymised"
        )
        assert all(event.actor_id is None for event in events)


def test_the_command_prints_what_it_did_and_then_that_nothing_is_due(app: Flask) -> None:
    with app.app_context():
        StoryFactory(status="closed", closed_at=T0.replace(year=2020))  # years ago by now
    runner = app.test_cli_runner()
    result = runner.invoke(args=["apply-retention"])
    assert result.exit_code == 0, result.output
    assert "stories: anonymised 1 lived-experience stories (kept 3 years)." in result.output
    again = runner.invoke(args=["apply-retention"])
    assert again.exit_code == 0
    assert again.output.strip() == "Nothing is past its retention period."


def test_the_audit_log_shows_the_event_in_words(app: Flask, make_user, signed_in_as) -> None:
    with app.app_context():
        StoryFactory(status="closed", closed_at=T0)
        run(LATER)
    admin = make_user(roles=["admin", "officer"])
    page = signed_in_as(admin).get("/admin/audit-log")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Deleted or anonymised records past their retention period" in text
    assert "Retention schedule: stories" in text
    assert "1 lived-experience stories anonymised" in text


def test_the_privacy_notice_states_the_configured_periods(app: Flask, client) -> None:
    saved = app.config["RETENTION"]
    app.config["RETENTION"] = {**saved, "draft_applications": "9 months", "audit_log": "7 years"}
    try:
        text = client.get("/privacy").get_data(as_text=True)
    finally:
        app.config["RETENTION"] = saved
    assert "does not yet delete old information" not in text
    assert "deleted 9 months\n        after you last changed it" in text
    assert "deleted\n        7 years after it happened" in text
    for kind in (
        "unsuccessful_applications",
        "draft_consultation_responses",
        "support_requests",
        "stories",
        "safeguarding_stories",
        "outbox",
    ):
        assert saved[kind] in text
