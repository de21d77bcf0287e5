"""Who may use what: every endpoint declares a rule, and the rules hold."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import select

from engage.accounts.models import User
from engage.core.access import (
    ADMIN,
    OFFICER,
    PUBLIC,
    SIGNED_IN,
    rule_for_endpoint,
    scoped_role,
)
from engage.core.audit import AuditEvent
from engage.core.db import db
from tests.conftest import csrf_token, post_form, sign_in


def test_an_endpoint_without_a_declaration_is_refused():
    from engage import create_app
    from tests.conftest import TEST_SETTINGS

    app = create_app({**TEST_SETTINGS, "DATABASE_URL": "sqlite://"})
    app.add_url_rule("/undeclared", "undeclared", lambda: "secret")
    assert app.test_client().get("/undeclared").status_code == 403
    assert rule_for_endpoint(app, "undeclared") is None


def person(*roles: str, scopes: tuple = ()) -> SimpleNamespace:
    def has_role(name, scope_type="", scope_id=None):
        if scope_type:
            return (name, scope_type, str(scope_id)) in scopes
        return name in roles

    return SimpleNamespace(is_authenticated=True, has_role=has_role)


ANONYMOUS = SimpleNamespace(is_authenticated=False, has_role=lambda *a, **k: False)


def test_rules_directly():
    assert PUBLIC.allows(ANONYMOUS)
    assert not SIGNED_IN.allows(ANONYMOUS) and SIGNED_IN.allows(person())
    assert OFFICER.allows(person("officer")) and not OFFICER.allows(person())
    assert ADMIN.allows(person("admin")) and not ADMIN.allows(person("officer"))


def test_scoped_roles_apply_only_to_their_own_record():
    member_of_panel = scoped_role("panel_member", "panel", "panel_id")
    member = person(scopes=(("panel_member", "panel", "3"),))
    assert member_of_panel.allows(member, {"panel_id": 3})
    assert not member_of_panel.allows(member, {"panel_id": 4})
    assert not member_of_panel.allows(person("officer"), {"panel_id": 3})
    assert member_of_panel.allows(person("admin"), {"panel_id": 3})
    assert not member_of_panel.allows(ANONYMOUS, {"panel_id": 3})


def test_scoped_role_grants_are_stored_and_checked(app, make_user):
    from engage.accounts import roles as services

    user = make_user()
    with app.app_context():
        stored = db.session.get(User, user.id)
        services.grant_role(stored, "panel_member", scope_type="panel", scope_id=7)
        db.session.commit()
        stored = db.session.get(User, user.id)
        assert stored.has_role("panel_member", scope_type="panel", scope_id=7)
        assert not stored.has_role("panel_member", scope_type="panel", scope_id=8)
        assert not stored.has_role("panel_member")  # not a global role
        assert not stored.is_staff


def test_residents_and_officers_cannot_manage_people(client, make_user, signed_in_as):
    signed_in_as(make_user(email="resident@example.org"))
    assert client.get("/admin/people").status_code == 403
    assert client.get("/admin/outbox").status_code == 403
    page = client.get("/admin/people").get_data(as_text=True)
    assert "You do not have permission" in page


def test_officer_sees_staff_pages_but_not_admin_ones(client, make_user, signed_in_as):
    signed_in_as(make_user(roles=["officer"]))
    assert client.get("/admin/").status_code == 200
    # The email delivery log was an officer page; it is for admins now (issue 8).
    assert client.get("/admin/outbox").status_code == 403
    assert client.get("/admin/people").status_code == 403
    assert client.get("/admin/audit-log").status_code == 403


def test_admin_changes_roles_and_it_is_audited(app, client, make_user, signed_in_as):
    admin = make_user(email="admin@example.org", roles=["admin", "officer"])
    resident = make_user(email="soon.officer@example.org")
    resident_browser = app.test_client()
    sign_in(resident_browser, resident.email)

    signed_in_as(admin)
    listing = client.get("/admin/people?q=soon").get_data(as_text=True)
    assert "soon.officer@example.org" in listing and "admin@example.org" not in listing
    response = post_form(client, f"/admin/people/{resident.id}", {"roles": ["officer"]})
    assert response.status_code == 302
    assert "added officer" in client.get(f"/admin/people/{resident.id}").get_data(as_text=True)

    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "role_granted")
        ).one()
        assert event.actor_id == admin.id
        assert event.object_id == str(resident.id)
        assert event.details["role"] == "officer"
        assert event.ip_address == "127.0.0.1"
    # A role change ends the person's open sessions; they sign in again with two-factor.
    assert resident_browser.get("/account").status_code == 302
    assert client.get("/admin/audit-log").status_code == 200


def test_the_last_admin_cannot_remove_their_own_admin_role(app, client, make_user, signed_in_as):
    admin = make_user(roles=["admin", "officer"])
    signed_in_as(admin)
    page = post_form(client, f"/admin/people/{admin.id}", {"roles": ["officer"]})
    assert "You cannot remove the last administrator" in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, admin.id).has_role("admin")


def test_unknown_roles_are_refused(client, make_user, signed_in_as):
    admin = make_user(roles=["admin", "officer"])
    signed_in_as(admin)
    page = post_form(client, f"/admin/people/{admin.id}", {"roles": ["admin", "superuser"]})
    assert page.status_code == 200
    assert "Select roles from the list" in page.get_data(as_text=True)


def test_admin_invites_an_officer_who_creates_an_account(app, client, make_user, signed_in_as):
    signed_in_as(make_user(roles=["admin", "officer"]))
    response = post_form(
        client, "/admin/people/invite", {"email": "new.officer@example.org", "roles": ["officer"]}
    )
    assert response.headers["Location"] == "/admin/people"
    from tests.accounts.test_accounts import latest_link

    link = latest_link(app, "new.officer@example.org", "staff-invitation")
    invited = app.test_client()
    page = invited.get(link).get_data(as_text=True)
    assert "new.officer@example.org" in page
    password = "invited officer passphrase"
    response = post_form(
        invited,
        link,
        {"full_name": "New Officer", "password": password, "confirm_password": password},
    )
    assert response.headers["Location"] == "/sign-in"
    assert sign_in(invited, "new.officer@example.org", password).headers["Location"] == (
        "/two-factor"
    )
    # The invitation works once.
    assert "This link does not work" in app.test_client().get(link).get_data(as_text=True)


def test_invitation_for_an_existing_account_needs_that_person_signed_in(
    app, client, make_user, signed_in_as
):
    existing = make_user(email="already.here@example.org")
    signed_in_as(make_user(roles=["admin", "officer"]))
    post_form(client, "/admin/people/invite", {"email": existing.email, "roles": ["officer"]})
    from tests.accounts.test_accounts import latest_link

    link = latest_link(app, existing.email, "staff-invitation")
    browser = app.test_client()
    assert browser.get(link).headers["Location"] == "/sign-in"
    assert sign_in(browser, existing.email).headers["Location"] == link
    assert browser.get(link).headers["Location"] == "/two-factor"
    with app.app_context():
        assert db.session.get(User, existing.id).has_role("officer")


def test_invite_form_explains_missing_roles(client, make_user, signed_in_as):
    signed_in_as(make_user(roles=["admin", "officer"]))
    page = post_form(client, "/admin/people/invite", {"email": "x@example.org"})
    assert "Select at least one role" in page.get_data(as_text=True)
    assert csrf_token(page)


def test_create_admin_command(app):
    result = app.test_cli_runner().invoke(
        args=["create-admin", "first.admin@example.org", "--name", "First Admin"],
        input="first admin passphrase\nfirst admin passphrase\n",
    )
    assert result.exit_code == 0, result.output
    assert "first.admin@example.org is an administrator" in result.output
    with app.app_context():
        user = db.session.scalars(select(User).where(User.email == "first.admin@example.org")).one()
        assert user.has_role("admin") and user.has_role("officer") and user.is_verified


def test_create_admin_refuses_a_weak_password(app):
    result = app.test_cli_runner().invoke(
        args=["create-admin", "weak@example.org", "--name", "Weak", "--password", "password"],
    )
    assert result.exit_code != 0
    assert "12 characters or more" in result.output


def test_the_demo_commands_load_everything_once_and_print_the_accounts(app):
    """What `make run` does after migrating: the reference data, then the demo data."""
    runner = app.test_cli_runner()
    result = runner.invoke(args=["load-reference"])
    assert result.exit_code == 0, result.output
    assert "6 local authorities, 3 panels; strategy loaded." in result.output
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "Demo data loaded" in result.output
    for email in ("admin@example.org", "reviewer1@example.org", "resident@example.org"):
        assert email in result.output
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0, again.output
    assert "demo data not loaded" in again.output
    assert "already loaded" in runner.invoke(args=["load-reference"]).output
