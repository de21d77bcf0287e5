"""Editors are reminded to confirm their entry 30 and 14 days before it is due and on the
day, each once, however often the job runs (only the latest when runs were missed); anyone
can say an entry is wrong and an officer marks it dealt with."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from engage.core.dates import uk_today
from engage.core.db import db, utcnow
from engage.core.email import OutboxMessage
from engage.directory.api import send_confirmation_reminders
from engage.directory.models import EntryReport, Organisation
from tests.conftest import csrf_token, post_form
from tests.factories import UserFactory
from tests.factories.directory import OrganisationFactory
from tests.panels.helpers import login
from tests.recruitment.helpers import ensure_reference_data


def reminders_to(app, email: str) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count(OutboxMessage.id)).where(
                OutboxMessage.recipient == email, OutboxMessage.kind == "directory-confirm-reminder"
            )
        )


@pytest.fixture
def edited(app):
    """An entry confirmed 340 days ago (due in 25 days) with one editor."""
    ensure_reference_data(app)
    with app.app_context():
        editor = UserFactory(email="ed@example.org")
        entry = OrganisationFactory(last_confirmed_at=utcnow() - timedelta(days=340))
        from engage.accounts.api import grant_role

        grant_role(db.session.merge(editor), "organisation_editor", scope_type="organisation",
                   scope_id=entry.id)  # fmt: skip
        db.session.commit()
        return entry.id


def run(app, days_from_now: int = 0) -> int:
    with app.app_context():
        return send_confirmation_reminders(uk_today() + timedelta(days=days_from_now))


def test_each_reminder_goes_once_however_often_the_job_runs(app, edited):
    assert run(app) == 1  # 25 days to go: the 30-day reminder
    assert run(app) == 0 and run(app, 5) == 0
    assert run(app, 11) == 1  # 14 days to go
    assert run(app, 12) == 0
    assert run(app, 25) == 1  # the day it is due
    assert run(app, 40) == 0
    assert reminders_to(app, "ed@example.org") == 3


def test_confirming_starts_the_reminders_again_and_missed_runs_send_only_the_latest(app, edited):
    assert run(app, 30) == 1  # overdue by 5 days: only the on-the-day reminder
    assert run(app, 31) == 0
    with app.app_context():
        entry = db.session.get(Organisation, edited)
        assert entry.reminders_sent == 3
    editor = login(app, UserFactory.build(email="ed@example.org"))
    token = csrf_token(editor.get("/directory/your-organisations"))
    editor.post(f"/directory/your-organisations/{edited}/confirm", data={"csrf_token": token})
    with app.app_context():
        assert db.session.get(Organisation, edited).reminders_sent == 0
    assert run(app, 30) == 0  # confirmed today: nothing due for a year


def test_anyone_can_say_an_entry_is_wrong_and_an_officer_deals_with_it(app, edited, make_user):
    public = app.test_client()
    empty = post_form(public, f"/directory/{edited}/report", {"what_is_wrong": ""})
    assert "Say what is wrong with the entry" in empty.get_data(as_text=True)
    report = {"what_is_wrong": "It closed in <May>.", "contact_email": "r@example.org"}
    sent = post_form(public, f"/directory/{edited}/report", report)
    assert sent.status_code == 302
    officer = login(app, make_user(roles=["officer"]))
    page = officer.get("/admin/directory/").get_data(as_text=True)
    assert "It closed in &lt;May&gt;." in page and "r@example.org" in page
    with app.app_context():
        report_id = db.session.scalar(select(EntryReport.id))
    token = csrf_token(officer.get("/admin/directory/"))
    done = officer.post(
        f"/admin/directory/reports/{report_id}/resolved", data={"csrf_token": token}
    )
    assert done.status_code == 302
    assert "It closed in" not in officer.get("/admin/directory/").get_data(as_text=True)
    assert officer.post(f"/admin/directory/reports/{report_id}/resolved",
                        data={"csrf_token": token}).status_code == 404  # fmt: skip
    resident = login(app, make_user())
    assert resident.get("/admin/directory/").status_code == 403


def test_reports_and_claims_are_rate_limited(app, edited, monkeypatch, make_user):
    monkeypatch.setitem(app.config, "DIRECTORY_RATE_LIMIT", "2 per minute")
    public = app.test_client()
    report = {"what_is_wrong": "Closed."}
    statuses = [
        post_form(public, f"/directory/{edited}/report", report).status_code for _ in range(3)
    ]
    assert statuses == [302, 302, 429]
    claimant = login(app, make_user())
    claims = [post_form(claimant, f"/directory/{edited}/claim", {"method": "email"}).status_code
              for _ in range(3)]  # fmt: skip
    assert claims[-1] == 429
