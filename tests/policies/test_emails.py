"""Emails to panel members about a draft: when it opens to their panel (members of other
panels are not told), a week before comments close (once, however often the job runs), and
when every comment has been answered (each member who commented, once)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.email import OutboxMessage
from engage.panels.models import Panel
from engage.policies import comments
from engage.policies.api import PolicyDetails, add_version, create_policy, send_closing_reminders
from engage.policies.document_text import blocks_from_text, number_blocks
from engage.policies.models import PolicyVersion
from tests.factories import PanelMembershipFactory, UserFactory
from tests.recruitment.helpers import ensure_reference_data


def sent(app, kind: str) -> list[str]:
    with app.app_context():
        return sorted(
            db.session.scalars(select(OutboxMessage.recipient).where(OutboxMessage.kind == kind))
        )


def opened_draft(app, closes_in_days: int = 14) -> dict:
    ensure_reference_data(app)
    with app.app_context():
        panels = {p.code: p for p in db.session.scalars(select(Panel))}
        officer = UserFactory(roles=["officer"])
        people = {
            name: UserFactory(email=f"{name}@example.org", full_name=name.title())
            for name in ("dee", "fay", "ray")
        }
        PanelMembershipFactory(panel=panels["disabled-people"], user=people["dee"])
        PanelMembershipFactory(panel=panels["disabled-people"], user=people["fay"])
        PanelMembershipFactory(panel=panels["race"], user=people["ray"])
        PanelMembershipFactory(panel=panels["disabled-people"], user=None, email="new@example.org")
        policy = create_policy(PolicyDetails("Bus stops", "s", "o", []), officer)
        version = add_version(
            policy,
            number_blocks(blocks_from_text("# Scope\nEveryone.")),
            change_note="",
            source="pasted",
            filename="",
            created_by=officer,
        )
        comments.open_version(
            version, [panels["disabled-people"].id], uk_today() + timedelta(days=closes_in_days)
        )
        db.session.commit()
        return {"version_id": version.id, "officer_id": officer.id, "people": people}


def test_opening_a_draft_emails_the_current_members_of_its_panels_only(app):
    opened_draft(app)
    assert sent(app, "policy-draft-opened") == [
        "dee@example.org",
        "fay@example.org",
        "new@example.org",  # appointed, no account yet: told to sign in with this address
    ]
    with app.app_context():
        body = db.session.scalars(select(OutboxMessage.body)).first()
    assert "Bus stops, version 1" in body and "/policies/" in body


def test_members_are_reminded_once_a_week_before_comments_close(app):
    far = opened_draft(app, closes_in_days=20)
    with app.app_context():
        assert send_closing_reminders(uk_today()) == 0  # not yet: three weeks away
        version = db.session.get(PolicyVersion, far["version_id"])
        version.closes_on = uk_today() + timedelta(days=6)
        db.session.commit()
        assert send_closing_reminders(uk_today()) == 3
    # The scheduled command, run again: nothing more (each version is reminded once).
    result = app.test_cli_runner().invoke(args=["send-policy-reminders"])
    assert "Queued 0 reminder" in result.output, result.output
    assert sent(app, "policy-draft-closing") == [
        "dee@example.org",
        "fay@example.org",
        "new@example.org",
    ]


def test_members_who_commented_hear_once_every_comment_is_answered(app):
    scene = opened_draft(app)
    with app.app_context():
        version = db.session.get(PolicyVersion, scene["version_id"])
        dee, fay = (db.session.merge(scene["people"][n]) for n in ("dee", "fay"))
        made = [
            comments.add_comment(version, dee, "One.", name_shown=True),
            comments.add_comment(version, dee, "Two.", name_shown=True),
        ]
        made.append(comments.add_comment(version, fay, "Three.", name_shown=False))
        version.closes_on = uk_today() - timedelta(days=1)
        officer = db.session.get(type(dee), scene["officer_id"])
        for comment in made:
            comments.answer_comment(comment, version, officer, "noted", "Thanks.")
        comments.close_as_answered(version)
        db.session.commit()
    assert sent(app, "policy-comments-answered") == ["dee@example.org", "fay@example.org"]
