"""Staff invitations are listed with their state, and can be sent again (only the newest link
works) or cancelled (no link works). Roles show in words; residents change their own name."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from engage.accounts.models import Invitation, User
from engage.core.audit import AuditEvent
from engage.core.db import db, utcnow
from tests.accounts.test_accounts import latest_link
from tests.conftest import csrf_token, post_form, sign_in


def invite(client, email: str, roles: list[str]) -> int:
    response = post_form(client, "/admin/people/invite", {"email": email, "roles": roles})
    assert response.status_code == 302
    with app_of(client).app_context():
        return db.session.scalars(select(Invitation.id).where(Invitation.email == email)).one()


def app_of(client):
    return client.application


def post_button(client, url: str):
    page = client.get("/account/password")  # any page with a form, for the CSRF token
    return client.post(url, data={"csrf_token": csrf_token(page)})


def actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_invitations_are_listed_with_who_roles_inviter_and_state(
    app, client, make_user, signed_in_as
):
    signed_in_as(make_user(full_name="Ada Admin", roles=["admin", "officer"]))
    waiting = invite(client, "waiting@example.org", ["officer", "equality_data"])
    accepted = invite(client, "accepted@example.org", ["officer"])
    cancelled = invite(client, "cancelled@example.org", ["admin"])
    expired = invite(client, "expired@example.org", ["officer"])
    with app.app_context():
        db.session.get(Invitation, accepted).accepted_at = utcnow()
        db.session.get(Invitation, cancelled).cancelled_at = utcnow()
        db.session.get(Invitation, expired).sent_at = utcnow() - timedelta(days=8)
        db.session.commit()

    page = client.get("/admin/invitations").get_data(as_text=True)
    for email in ("waiting@", "accepted@", "cancelled@", "expired@"):
        assert email in page
    assert "Officer, Equality data" in page and "equality_data" not in page
    assert "Ada Admin" in page
    for state in ("Waiting to be accepted", "Accepted on", "Cancelled on", "Link expired"):
        assert state in page
    # Only open invitations (waiting or expired) offer the buttons.
    assert f"/admin/invitations/{waiting}/resend" in page
    assert f"/admin/invitations/{expired}/cancel" in page
    assert f"/admin/invitations/{accepted}/resend" not in page
    assert f"/admin/invitations/{cancelled}/cancel" not in page
    assert "Staff invitations sent" in client.get("/admin/").get_data(as_text=True)


def test_sending_a_new_link_stops_the_old_one(app, client, make_user, signed_in_as):
    signed_in_as(make_user(roles=["admin", "officer"]))
    invitation_id = invite(client, "new.officer@example.org", ["officer"])
    old_link = latest_link(app, "new.officer@example.org", "staff-invitation")

    response = post_button(client, f"/admin/invitations/{invitation_id}/resend")
    assert response.headers["Location"] == "/admin/invitations"
    assert "A new link has been sent" in client.get("/admin/invitations").get_data(as_text=True)
    new_link = latest_link(app, "new.officer@example.org", "staff-invitation")
    assert new_link != old_link

    stranger = app.test_client()
    assert "This link does not work" in stranger.get(old_link).get_data(as_text=True)
    page = stranger.get(new_link).get_data(as_text=True)
    assert "new.officer@example.org" in page and "This link does not work" not in page
    password = "invited officer passphrase"
    response = post_form(
        stranger,
        new_link,
        {"full_name": "New Officer", "password": password, "confirm_password": password},
    )
    assert response.headers["Location"] == "/sign-in"
    assert "invitation_resent" in actions(app)


def test_cancelling_stops_the_link(app, client, make_user, signed_in_as):
    signed_in_as(make_user(roles=["admin", "officer"]))
    invitation_id = invite(client, "not.now@example.org", ["admin"])
    link = latest_link(app, "not.now@example.org", "staff-invitation")

    response = post_button(client, f"/admin/invitations/{invitation_id}/cancel")
    assert response.headers["Location"] == "/admin/invitations"
    page = client.get("/admin/invitations").get_data(as_text=True)
    assert "is cancelled. Its link no longer works" in page
    assert "This link does not work" in app.test_client().get(link).get_data(as_text=True)
    # A cancelled invitation cannot be sent again.
    post_button(client, f"/admin/invitations/{invitation_id}/resend")
    assert latest_link(app, "not.now@example.org", "staff-invitation") == link
    assert "invitation_cancelled" in actions(app)
    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "invitation_cancelled")
        ).one()
        assert event.object_id == str(invitation_id) and event.actor_id is not None


def test_officers_cannot_list_resend_or_cancel_invitations(app, client, make_user, signed_in_as):
    with app.app_context():
        invitation = Invitation(email="someone@example.org", roles="officer")
        db.session.add(invitation)
        db.session.commit()
        invitation_id = invitation.id
    signed_in_as(make_user(roles=["officer"]))
    token = csrf_token(client.get("/account/password"))
    assert client.get("/admin/invitations").status_code == 403
    for action in ("resend", "cancel"):
        url = f"/admin/invitations/{invitation_id}/{action}"
        assert client.post(url, data={"csrf_token": token}).status_code == 403
    with app.app_context():
        assert db.session.get(Invitation, invitation_id).cancelled_at is None


def test_roles_show_in_words_everywhere(app, client, make_user, signed_in_as):
    make_user(email="analyst@example.org", roles=["equality_data"])
    admin = make_user(email="boss@example.org", roles=["admin", "officer"])
    signed_in_as(admin)
    people = client.get("/admin/people").get_data(as_text=True)
    assert "Resident, Equality data" in people
    assert "Resident, Administrator, Officer" in people
    assert "equality_data" not in people.split("<main", 1)[1]
    account = client.get("/account").get_data(as_text=True)
    assert "Resident, Administrator, Officer" in account


def test_residents_change_their_own_name(app, client, make_user):
    user = make_user(email="renamed@example.org", full_name="Old Name")
    sign_in(client, user.email)
    account = client.get("/account").get_data(as_text=True)
    assert 'href="/account/name"' in account

    page = client.get("/account/name").get_data(as_text=True)
    assert 'value="Old Name"' in page
    empty = post_form(client, "/account/name", {"full_name": "   "})
    assert "Enter your full name" in empty.get_data(as_text=True)
    response = post_form(client, "/account/name", {"full_name": "  Ngozi <b>New</b> Name "})
    assert response.headers["Location"] == "/account"
    account = client.get("/account").get_data(as_text=True)
    assert "Your name has been changed" in account
    assert "Ngozi &lt;b&gt;New&lt;/b&gt; Name" in account
    with app.app_context():
        assert db.session.get(User, user.id).full_name == "Ngozi <b>New</b> Name"
    assert "name_changed" in actions(app)

    anonymous = app.test_client()
    assert anonymous.get("/account/name").headers["Location"].startswith("/sign-in")
