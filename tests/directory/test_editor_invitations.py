"""Officers inviting someone by email to edit an organisation's entry: only the account with
the invited address can accept, only the newest link works, a cancelled or accepted
invitation's link stops working, and officers can take an editor off an entry."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from engage.accounts.api import find_user_by_email
from engage.core.db import db, utcnow
from engage.core.email import latest_message
from engage.directory.models import EditorInvitation
from tests.conftest import post_form
from tests.directory.test_editing import post
from tests.factories.directory import OrganisationFactory
from tests.panels.helpers import login
from tests.recruitment.helpers import ensure_reference_data

INVITED = "sam.invited@example.org"


def emailed_link(app, address: str = INVITED) -> str:
    with app.app_context():
        message = latest_message(address, "directory-editor-invitation")
        return re.search(r"http://localhost(/directory/editor-invitation/\S+)", message.body)[1]


def editors_url(entry) -> str:
    return f"/admin/directory/organisations/{entry.id}/editors"


def invite(app, entry, officer, email: str = INVITED):
    return post_form(officer, editors_url(entry), {"email": email})


@pytest.fixture
def entry(app):
    ensure_reference_data(app)
    with app.app_context():
        return OrganisationFactory(name="Bootle Carers", email="hello@bootle-carers.example")


@pytest.fixture
def officer(app, make_user):
    return login(app, make_user(full_name="Olu Officer", roles=["officer"]))


def test_the_invited_person_accepts_and_can_edit_the_entry(app, entry, officer, make_user):
    sent = invite(app, entry, officer, "  Sam.Invited@Example.org ")
    assert sent.status_code == 302
    page = officer.get(editors_url(entry)).get_data(as_text=True)
    assert INVITED in page and "Waiting to be accepted" in page
    link = emailed_link(app)
    # The officer's page never shows the link itself.
    assert link.split("/")[-1] not in page

    anonymous = app.test_client()
    before = anonymous.get(link).get_data(as_text=True)
    assert "sign in with the account for the email address" in before
    assert INVITED not in before  # whoever holds a forwarded link does not learn the address

    invited = login(app, make_user(full_name="Sam Invited", email=INVITED))
    assert invited.get(f"/directory/your-organisations/{entry.id}/edit").status_code == 403
    accepted = post_form(invited, link, {})
    assert accepted.status_code == 302
    assert invited.get(f"/directory/your-organisations/{entry.id}/edit").status_code == 200
    # The link has done its work.
    assert "This link does not work" in invited.get(link).get_data(as_text=True)
    page = officer.get(editors_url(entry)).get_data(as_text=True)
    assert "Sam Invited" in page and "No invitations are waiting" in page


def test_someone_else_signed_in_cannot_accept_a_forwarded_link(app, entry, officer, make_user):
    invite(app, entry, officer)
    link = emailed_link(app)
    other = login(app, make_user(email="someone.else@example.org"))
    page = other.get(link).get_data(as_text=True)
    assert "sent to a different email address" in page
    assert INVITED not in page
    refused = post_form(other, link, {}) if "csrf_token" in page else other.post(link)
    assert refused.status_code in (200, 400)
    assert other.get(f"/directory/your-organisations/{entry.id}/edit").status_code == 403
    with app.app_context():
        assert db.session.scalar(select(EditorInvitation.accepted_at)) is None


def test_only_the_newest_link_works_and_cancelling_stops_it(app, entry, officer, make_user):
    invite(app, entry, officer)
    first = emailed_link(app)
    invite(app, entry, officer)  # the same address again: a new link, not a second invitation
    second = emailed_link(app)
    assert first != second
    with app.app_context():
        invitation_id = db.session.scalar(select(EditorInvitation.id))
        assert db.session.query(EditorInvitation).count() == 1
    invited = login(app, make_user(email=INVITED))
    assert "This link does not work" in invited.get(first).get_data(as_text=True)
    assert "Accept the invitation" in invited.get(second).get_data(as_text=True)

    cancelled = post(officer, f"{editors_url(entry)}/invitations/{invitation_id}/cancel")
    assert cancelled.status_code == 302
    assert "This link does not work" in invited.get(second).get_data(as_text=True)
    again = post(officer, f"{editors_url(entry)}/invitations/{invitation_id}/resend")
    assert again.status_code == 302
    assert "cannot change" in officer.get(editors_url(entry)).get_data(as_text=True)


def test_a_link_expires_after_seven_days_and_a_new_one_can_be_sent(app, entry, officer, make_user):
    invite(app, entry, officer)
    with app.app_context():
        invitation = db.session.scalars(select(EditorInvitation)).one()
        invitation.sent_at = utcnow() - timedelta(days=8)
        db.session.commit()
        invitation_id = invitation.id
    assert "Link expired" in officer.get(editors_url(entry)).get_data(as_text=True)
    post(officer, f"{editors_url(entry)}/invitations/{invitation_id}/resend")
    invited = login(app, make_user(email=INVITED))
    assert post_form(invited, emailed_link(app), {}).status_code == 302
    assert invited.get(f"/directory/your-organisations/{entry.id}/edit").status_code == 200


def test_inviting_is_checked_and_only_for_officers(app, entry, officer, make_user):
    empty = invite(app, entry, officer, "")
    assert "Enter the email address to send the invitation to" in empty.get_data(as_text=True)
    wrong = invite(app, entry, officer, "not an address")
    body = wrong.get_data(as_text=True)
    assert "correct format" in body and 'value="not an address"' in body

    resident = login(app, make_user())
    assert resident.get(editors_url(entry)).status_code == 403
    assert post(resident, editors_url(entry), {"email": INVITED}).status_code == 403
    with app.app_context():
        assert latest_message(INVITED, "directory-editor-invitation") is None


def test_an_editor_cannot_be_invited_again_and_can_be_taken_off(app, entry, officer, make_user):
    invite(app, entry, officer)
    invited = login(app, make_user(full_name="Sam Invited", email=INVITED))
    post_form(invited, emailed_link(app), {})
    again = invite(app, entry, officer).get_data(as_text=True)
    assert f"{INVITED} already edits this entry" in again

    with app.app_context():
        user_id = find_user_by_email(INVITED).id
    remove_url = f"{editors_url(entry)}/{user_id}/remove"
    assert "Take someone off the editors" in officer.get(remove_url).get_data(as_text=True)
    assert post_form(officer, remove_url, {}).status_code == 302
    assert invited.get(f"/directory/your-organisations/{entry.id}/edit").status_code == 403
    assert officer.get(remove_url).status_code == 404  # no longer an editor
