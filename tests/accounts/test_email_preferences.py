"""Email preferences: a person turns optional emails off in "Your account"; the outbox then
does not queue those to them, and still queues every email they must get."""

from __future__ import annotations

from sqlalchemy import select

from engage.accounts.models import User
from engage.accounts.notifications import OPTIONAL_EMAILS, EmailOptOut, wants_email
from engage.consultations.models import Consultation
from engage.consultations.outcome.models import ConsultationOutcome
from engage.consultations.outcome.services import publish
from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.core.email import OutboxMessage
from tests.conftest import csrf_token, post_form
from tests.factories import (
    ConsultationOutcomeFactory,
    ConsultationResponseFactory,
    EmailOptOutFactory,
)

URL = "/account/emails"
OUTCOME = "consultation-outcome-published"


def _off(app, user) -> set[str]:
    with app.app_context():
        return set(
            db.session.scalars(select(EmailOptOut.kind).where(EmailOptOut.user_id == user.id))
        )


def _recipients(app, kind: str) -> list[str]:
    with app.app_context():
        found = db.session.scalars(
            select(OutboxMessage.recipient).where(OutboxMessage.kind == kind)
        )
        return sorted(found)


def test_every_optional_email_is_ticked_at_first(make_user, signed_in_as) -> None:
    client = signed_in_as(make_user())
    page = client.get(URL).get_data(as_text=True)
    assert "<title>Email preferences" in page
    assert "Which of these emails do you want?" in page and "<legend" in page
    for kind, (label, hint) in OPTIONAL_EMAILS.items():
        assert f'value="{kind}" checked' in page, kind
        assert label in page and hint.replace("'", "&#39;") in page
    assert "Emails you always get" in page
    account = client.get("/account").get_data(as_text=True)
    assert "You get every email we send" in account and 'href="/account/emails"' in account


def test_turning_a_kind_off_stops_that_email_and_is_audited(app, make_user, signed_in_as) -> None:
    person = make_user(email="resident@example.org")
    client = signed_in_as(person)
    kept = [kind for kind in OPTIONAL_EMAILS if kind != OUTCOME]
    saved = post_form(client, URL, {"wanted": kept})
    assert saved.status_code == 302 and saved.location.endswith("/account")
    assert _off(app, person) == {OUTCOME}
    page = client.get(URL).get_data(as_text=True)
    assert f'value="{OUTCOME}" checked' not in page and f'value="{kept[0]}" checked' in page
    assert f"{len(kept)} of {len(OPTIONAL_EMAILS)} optional emails" in client.get(
        "/account"
    ).get_data(as_text=True)

    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "email_preferences_changed")
        ).one()
        assert event.actor_id == person.id and event.object_id == str(person.id)
        assert event.details == {"emails_turned_on": [], "emails_turned_off": [OUTCOME]}
        # Through the real service: the consultation's outcome is published to those who asked.
        outcome = ConsultationOutcomeFactory()
        for address in ("Resident@Example.org", "someone@example.org"):
            ConsultationResponseFactory(consultation_id=outcome.consultation_id, email=address,
                                        wants_outcome=True)  # fmt: skip
        told = publish(db.session.get(Consultation, outcome.consultation_id),
                       db.session.get(ConsultationOutcome, outcome.id), by=None)  # fmt: skip
        db.session.commit()
    assert _recipients(app, OUTCOME) == ["someone@example.org"]
    assert told == 1  # the service counts the emails queued, for its audit event

    # An email they must get still comes: a password reset.
    client.post("/sign-out", data={"csrf_token": csrf_token(client.get("/sign-out"))})
    post_form(client, "/forgotten-password", {"email": "resident@example.org"})
    assert _recipients(app, "reset-password") == ["resident@example.org"]


def test_turning_it_back_on(app, make_user, signed_in_as) -> None:
    person = make_user()
    with app.app_context():
        EmailOptOutFactory(user_id=person.id, kind=OUTCOME)
        EmailOptOutFactory(user_id=person.id, kind="policy-draft-closing")
        assert not wants_email(person.email, OUTCOME)
    client = signed_in_as(person)
    post_form(client, URL, {"wanted": list(OPTIONAL_EMAILS)})
    assert _off(app, person) == set()
    with app.app_context():
        assert wants_email(person.email, OUTCOME)
    # Everything unticked: no values sent at all, and every optional kind is off.
    post_form(client, URL, {})
    assert _off(app, person) == set(OPTIONAL_EMAILS)


def test_required_emails_cannot_be_turned_off(app, make_user, signed_in_as) -> None:
    person = make_user()
    client = signed_in_as(person)
    response = post_form(client, URL, {"wanted": ["reset-password"]})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "Choose from the list" in page
    assert 'href="#wanted"' in page
    assert _off(app, person) == set()
    with app.app_context():
        db.session.add(EmailOptOut(user_id=person.id, kind="reset-password"))  # forged row
        db.session.commit()
        assert wants_email(person.email, "reset-password")  # not optional: always sent


def test_no_one_else_changes_your_preferences(app, make_user, signed_in_as, client) -> None:
    you = make_user(email="you@example.org")
    them = make_user(email="them@example.org")
    # Signed out: sent to sign in, nothing saved.
    page = client.get("/sign-in")
    refused = client.post(URL, data={"csrf_token": csrf_token(page), "wanted": []})
    assert refused.status_code == 302 and "/sign-in" in refused.location
    # Another person's POST changes only their own.
    other = signed_in_as(them)
    post_form(other, URL, {"wanted": []})
    assert _off(app, you) == set() and _off(app, them) == set(OPTIONAL_EMAILS)
    # A forged POST without the CSRF token is refused.
    forged = other.post(URL, data={"wanted": list(OPTIONAL_EMAILS)})
    assert forged.status_code == 400
    assert _off(app, them) == set(OPTIONAL_EMAILS)


def test_an_address_without_an_account_gets_optional_emails(app) -> None:
    with app.app_context():
        assert wants_email("nobody@example.org", OUTCOME)


def test_a_member_who_turned_reminders_off_is_not_reminded(app) -> None:
    from engage.core.dates import uk_today
    from engage.policies.api import send_closing_reminders
    from tests.policies.test_emails import opened_draft, sent

    opened_draft(app, closes_in_days=5)
    with app.app_context():
        dee = db.session.scalars(select(User).where(User.email == "dee@example.org")).one()
        EmailOptOutFactory(user_id=dee.id, kind="policy-draft-closing")
        queued = send_closing_reminders(uk_today())
    reminded = sent(app, "policy-draft-closing")
    assert "fay@example.org" in reminded and "dee@example.org" not in reminded
    assert queued == len(reminded)
    # The email when the draft opened is another kind: dee still had it.
    assert "dee@example.org" in sent(app, "policy-draft-opened")
