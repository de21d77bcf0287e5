"""Editors proposing their organisation's services and venues: adding, changing and removing
each through the pages, reviewed by an officer who sees each in words and approves (the rows,
the public page, search and the category filter follow) or rejects (nothing changes). A
services change and a details change by the same editor are one waiting proposal. Nobody
reaches another organisation's services or venues."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from engage.accounts.api import get_user, grant_role
from engage.core.db import db
from engage.directory import stages
from engage.directory.models import ChangeRequest, Location, Organisation, Service
from engage.directory.services import index_organisation
from engage.reference.api import LocalAuthority
from tests.conftest import csrf_token, post_form
from tests.directory.test_editing import ENTRY, post
from tests.factories.directory import (
    LocationFactory,
    OrganisationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)
from tests.panels.helpers import login
from tests.recruitment.helpers import ensure_reference_data

SEFTON = "E08000014"
# The entry's details as the officer's approve form holds them, unchanged (see _organisation).
DETAILS = {
    "name": "Bootle Carers", "description": "Support for carers.", "kind": "charity",
    "areas": [SEFTON], "communities": ["carers"], "email": "hello@bootle-carers.example",
}  # fmt: skip
NEW_VENUE = {
    "name": "Bootle Community Centre", "address": "2 Oriel Road", "town": "Bootle",
    "postcode": "l20 7ab", "accessibility": "Step-free entrance and a hearing loop.",
}  # fmt: skip
NEW_SERVICE = {
    "name": "Advice sessions", "description": "Help with benefits paperwork and appeals.",
    "category": "money", "schedule": "Tuesdays 10am to noon", "cost": "Free",
}  # fmt: skip


@pytest.fixture
def entry(app):
    """Bootle Carers: "Drop-in" (advice) at "Old Hall", and "Lunch club" (food) at no venue."""
    ensure_reference_data(app)
    with app.app_context():
        sefton = db.session.scalars(select(LocalAuthority).where(LocalAuthority.code == SEFTON))
        organisation = OrganisationFactory(
            name="Bootle Carers", description="Support for carers.", kind="charity",
            email="hello@bootle-carers.example", communities=["carers"], areas=list(sefton),
        )  # fmt: skip
        drop_in = ServiceFactory(organisation_id=organisation.id, name="Drop-in", cost="",
                                 description="Come and talk.", schedule="Mondays")  # fmt: skip
        ServiceFactory(organisation_id=organisation.id, name="Lunch club", category="food",
                       description="A hot meal.", schedule="Fridays", cost="£2")  # fmt: skip
        hall = LocationFactory(organisation_id=organisation.id, name="Old Hall", town="Bootle",
                               postcode="L20 4AB")  # fmt: skip
        ServiceAtLocationFactory(service_id=drop_in.id, location_id=hall.id)
        db.session.expire(organisation)
        index_organisation(organisation)
        db.session.commit()
        return SimpleNamespace(id=organisation.id)


def _editor(app, make_user, organisation_id: int, **fields):
    user = make_user(**fields)
    with app.app_context():
        grant_role(get_user(user.id), stages.EDITOR_ROLE, scope_type=stages.EDITOR_SCOPE,
                   scope_id=organisation_id)  # fmt: skip
        db.session.commit()
    return login(app, user)


def _records(app, organisation_id: int) -> dict:
    """{name: (uuid, the names of its venues)} for services; {name: uuid} for venues."""
    with app.app_context():
        organisation = db.session.get(Organisation, organisation_id)
        services = {s.name: (s.uuid, sorted(p.name for p in s.locations))
                    for s in organisation.services}  # fmt: skip
        return {"services": services, "venues": {p.name: p.uuid for p in organisation.locations}}


def _waiting(app) -> list[ChangeRequest]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(ChangeRequest).where(ChangeRequest.status == stages.ChangeStatus.PENDING)
            )
        )


def _key_of(app, kind: str, name: str) -> str:
    """The key the waiting proposal gave a record (a new one has no row yet)."""
    (change,) = _waiting(app)
    return next(r["key"] for r in change.proposed[kind] if r["name"] == name)


def _base(organisation_id: int) -> str:
    return f"/directory/your-organisations/{organisation_id}"


def test_editors_add_change_and_remove_services_and_venues_and_an_officer_approves(
    app, entry, make_user
):
    editor = _editor(app, make_user, entry.id, email="eve@example.org")
    base = _base(entry.id)
    listed = editor.get("/directory/your-organisations").get_data(as_text=True)
    assert f'href="{base}/services"' in listed
    page = editor.get(f"{base}/services").get_data(as_text=True)
    assert "<title>Services and venues: Bootle Carers – LCR Engage</title>" in page
    assert "Drop-in" in page and "Lunch club" in page and "Old Hall" in page
    before = _records(app, entry.id)

    assert post_form(editor, f"{base}/venues/new", NEW_VENUE).status_code == 302
    venue_key = _key_of(app, "venues", "Bootle Community Centre")
    form = editor.get(f"{base}/services/new").get_data(as_text=True)
    assert f'value="{venue_key}"' in form and "<legend" in form  # venues as checkboxes
    added = post_form(editor, f"{base}/services/new", {**NEW_SERVICE, "venues": [venue_key]})
    assert added.status_code == 302
    drop_in_key = before["services"]["Drop-in"][0]
    changed = post_form(
        editor, f"{base}/services/{drop_in_key}",
        {"name": "Drop-in", "description": "Come and talk.", "category": "advice",
         "schedule": "Mondays and Thursdays", "venues": [before["venues"]["Old Hall"]]},
    )  # fmt: skip
    assert changed.status_code == 302
    lunch_key = before["services"]["Lunch club"][0]
    confirm = editor.get(f"{base}/services/{lunch_key}/remove").get_data(as_text=True)
    assert "Lunch club" in confirm and "Yes, remove it" in confirm
    assert post(editor, f"{base}/services/{lunch_key}/remove").status_code == 302
    hall_key = before["venues"]["Old Hall"]
    confirm = editor.get(f"{base}/venues/{hall_key}/remove").get_data(as_text=True)
    assert "They will no longer say they run at this venue" in confirm and "Drop-in" in confirm
    assert post(editor, f"{base}/venues/{hall_key}/remove").status_code == 302

    # One waiting proposal holds all of it; the page shows the services as they would be.
    (change,) = _waiting(app)
    page = editor.get(f"{base}/services").get_data(as_text=True)
    assert "still waiting for review" in page and "Advice sessions" in page
    assert "Removing, waiting for review: Lunch club." in page
    assert "Removing, waiting for review: Old Hall." in page
    public = app.test_client()
    assert "Advice sessions" not in public.get(f"/directory/{entry.id}").get_data(as_text=True)
    assert _records(app, entry.id) == before
    assert "Bootle Carers" not in public.get("/directory/?category=money").get_data(as_text=True)

    officer = login(app, make_user(roles=["officer"]))
    review = officer.get(f"/admin/directory/changes/{change.id}").get_data(as_text=True)
    assert (
        "Service: Advice sessions</th>"
        '<td class="govuk-table__cell lcr-break-word"><del>Not offered</del></td>'
        '<td class="govuk-table__cell lcr-break-word"><ins>Money, debt and benefits; '
        "Help with benefits paperwork and appeals.; Tuesdays 10am to noon; Free; "
        "at Bootle Community Centre</ins>" in review
    )
    assert (
        "<del>Food and essentials; A hot meal.; Fridays; £2; online or by phone (no venue)</del>"
        in review
    )
    assert "<ins>Removed</ins>" in review
    assert "<del>Advice and advocacy; Come and talk.; Mondays; at Old Hall</del>" in review
    assert (
        "<ins>Advice and advocacy; Come and talk.; Mondays and Thursdays; "
        "online or by phone (no venue)</ins>" in review
    )
    assert (
        '<del>Not listed</del></td><td class="govuk-table__cell lcr-break-word"><ins>2 Oriel '
        "Road, Bootle, L20 7AB; Access: Step-free entrance and a hearing loop.</ins>" in review
    )
    assert "Services and venues are approved as sent" in review

    assert post_form(officer, f"/admin/directory/changes/{change.id}", DETAILS).status_code == 302
    after = _records(app, entry.id)
    assert set(after["services"]) == {"Advice sessions", "Drop-in"}
    assert after["services"]["Advice sessions"] == (
        _key_of_approved(app, change.id, "Advice sessions"),
        ["Bootle Community Centre"],
    )
    assert after["services"]["Drop-in"] == (drop_in_key, [])  # same row, link gone
    assert after["venues"] == {"Bootle Community Centre": venue_key}
    with app.app_context():
        place = db.session.scalars(select(Location).where(Location.uuid == venue_key)).one()
        assert place.postcode == "L20 7AB" and place.latitude is not None
    shown = public.get(f"/directory/{entry.id}").get_data(as_text=True)
    assert "Advice sessions" in shown and "Bootle Community Centre" in shown
    assert "Lunch club" not in shown and "Old Hall" not in shown
    assert "Mondays and Thursdays" in shown
    assert "Bootle Carers" in public.get("/directory/?q=paperwork").get_data(as_text=True)
    assert "Bootle Carers" in public.get("/directory/?category=money").get_data(as_text=True)
    assert "Bootle Carers" not in public.get("/directory/?category=food").get_data(as_text=True)
    assert _waiting(app) == []


def _key_of_approved(app, change_id: int, name: str) -> str:
    with app.app_context():
        change = db.session.get(ChangeRequest, change_id)
        return next(r["key"] for r in change.proposed["services"] if r["name"] == name)


def test_a_services_change_and_a_details_change_are_one_waiting_proposal(app, entry, make_user):
    editor = _editor(app, make_user, entry.id)
    base = _base(entry.id)
    details = {**ENTRY, "name": "Bootle Carers Circle", "note": "We renamed."}
    assert post_form(editor, f"{base}/edit", details).status_code == 302
    assert post_form(editor, f"{base}/services/new", NEW_SERVICE).status_code == 302
    (change,) = _waiting(app)
    assert change.proposed["name"] == "Bootle Carers Circle" and change.note == "We renamed."
    assert "Advice sessions" in [s["name"] for s in change.proposed["services"]]
    page = editor.get(f"{base}/services").get_data(as_text=True)
    assert "This includes the changes you sent on" in page
    again = editor.get(f"{base}/edit").get_data(as_text=True)
    assert "This includes the changes you sent on" in again and "Bootle Carers Circle" in again
    assert "keeping the changes to services and venues you sent" in again
    # Sending the details again keeps the new service.
    assert post_form(editor, f"{base}/edit", {**details, "phone": "0151 000"}).status_code == 302
    (change,) = _waiting(app)
    assert change.proposed["phone"] == "0151 000"
    assert "Advice sessions" in [s["name"] for s in change.proposed["services"]]
    officer = login(app, make_user(roles=["officer"]))
    review = officer.get(f"/admin/directory/changes/{change.id}").get_data(as_text=True)
    assert "<ins>Bootle Carers Circle</ins>" in review and "Service: Advice sessions" in review
    approved = post_form(officer, f"/admin/directory/changes/{change.id}",
                         {**details, "phone": "0151 000"})  # fmt: skip
    assert approved.status_code == 302
    shown = app.test_client().get(f"/directory/{entry.id}").get_data(as_text=True)
    assert "Bootle Carers Circle" in shown and "Advice sessions" in shown


def test_two_editors_changes_both_survive_approval(app, entry, make_user):
    """Approving one editor's services change does not undo another's approved before it."""
    first = _editor(app, make_user, entry.id)
    second = _editor(app, make_user, entry.id)
    base = _base(entry.id)
    post_form(first, f"{base}/services/new", NEW_SERVICE)
    post_form(second, f"{base}/services/new", {**NEW_SERVICE, "name": "Coffee morning"})
    officer = login(app, make_user(roles=["officer"]))
    for change in sorted(_waiting(app), key=lambda c: c.id):
        assert (
            post_form(officer, f"/admin/directory/changes/{change.id}", DETAILS).status_code == 302
        )
    assert {"Advice sessions", "Coffee morning", "Drop-in", "Lunch club"} == set(
        _records(app, entry.id)["services"]
    )


def test_undoing_a_waiting_addition_leaves_nothing_waiting(app, entry, make_user):
    editor = _editor(app, make_user, entry.id)
    base = _base(entry.id)
    post_form(editor, f"{base}/services/new", NEW_SERVICE)
    key = _key_of(app, "services", "Advice sessions")
    undone = post(editor, f"{base}/services/{key}/remove")
    assert undone.status_code == 302
    assert _waiting(app) == []
    page = editor.get(f"{base}/services").get_data(as_text=True)
    assert "The entry already says this" in page and "Advice sessions" not in page


def test_a_rejected_services_change_leaves_everything(app, entry, make_user):
    editor = _editor(app, make_user, entry.id)
    base = _base(entry.id)
    before = _records(app, entry.id)
    post_form(editor, f"{base}/services/new", NEW_SERVICE)
    post(editor, f"{base}/venues/{before['venues']['Old Hall']}/remove")
    (change,) = _waiting(app)
    officer = login(app, make_user(roles=["officer"]))
    rejected = post(officer, f"/admin/directory/changes/{change.id}/reject",
                    {"reason": "Please say which venue the sessions are at."})  # fmt: skip
    assert rejected.status_code == 302
    assert _records(app, entry.id) == before
    public = app.test_client()
    assert "Bootle Carers" not in public.get("/directory/?category=money").get_data(as_text=True)
    assert "Old Hall" in public.get(f"/directory/{entry.id}").get_data(as_text=True)
    assert _waiting(app) == []


def test_forms_say_what_is_wrong_and_keep_what_was_typed(app, entry, make_user):
    editor = _editor(app, make_user, entry.id)
    base = _base(entry.id)
    empty = post_form(editor, f"{base}/services/new", {"cost": "£3"}).get_data(as_text=True)
    assert "Error: Add a service: Bootle Carers" in empty
    for field, message in (("name", "Enter the name of the service"),
                           ("description", "Say what the service offers"),
                           ("category", "Choose what kind of service it is")):  # fmt: skip
        assert f'href="#{field}">{message}' in empty
    assert 'value="£3"' in empty
    bad = post_form(editor, f"{base}/venues/new", {"name": "Hall", "postcode": "not a code"})
    assert 'href="#postcode">Enter a real postcode, like L20 4AB' in bad.get_data(as_text=True)
    assert 'value="not a code"' in bad.get_data(as_text=True)
    assert _waiting(app) == []


def test_hostile_names_are_stored_and_shown_back_escaped(app, entry, make_user):
    editor = _editor(app, make_user, entry.id)
    base = _base(entry.id)
    hostile = '<script>alert("x")</script> & O\'Brien'
    sent = post_form(editor, f"{base}/services/new", {**NEW_SERVICE, "name": hostile})
    assert sent.status_code == 302
    page = editor.get(f"{base}/services").get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#34;x&#34;)" in page
    (change,) = _waiting(app)
    assert hostile in [s["name"] for s in change.proposed["services"]]  # stored as typed
    officer = login(app, make_user(roles=["officer"]))
    review = officer.get(f"/admin/directory/changes/{change.id}").get_data(as_text=True)
    assert "<script>alert" not in review and "Service: &lt;script&gt;" in review


def test_no_one_reaches_another_organisations_services_or_venues(app, entry, make_user):
    with app.app_context():
        other = OrganisationFactory(name="Another Group")
        theirs = ServiceFactory(organisation_id=other.id, name="Their service")
        their_place = LocationFactory(organisation_id=other.id, name="Their hall")
        db.session.commit()
        other_id, service_uuid, place_uuid = other.id, theirs.uuid, their_place.uuid
    editor = _editor(app, make_user, entry.id)
    mine, others = _base(entry.id), _base(other_id)
    token = csrf_token(editor.get(f"{mine}/services/new"))

    def send(url: str, data: dict | None = None):
        return editor.post(url, data={"csrf_token": token, **(data or {})})

    # Not their organisation: refused, GET and POST.
    for path in ("/services", "/services/new", "/venues/new", f"/services/{service_uuid}",
                 f"/venues/{place_uuid}/remove"):  # fmt: skip
        assert editor.get(others + path).status_code == 403
    assert send(f"{others}/services/new", NEW_SERVICE).status_code == 403
    assert send(f"{others}/venues/{place_uuid}/remove").status_code == 403
    # Another organisation's records through their own organisation's URLs: not found.
    for path in (f"/services/{service_uuid}", f"/services/{service_uuid}/remove",
                 f"/venues/{place_uuid}", f"/venues/{place_uuid}/remove",
                 "/services/nonsense"):  # fmt: skip
        assert editor.get(mine + path).status_code == 404
    assert send(f"{mine}/services/{service_uuid}", NEW_SERVICE).status_code == 404
    assert send(f"{mine}/services/{service_uuid}/remove").status_code == 404
    assert send(f"{mine}/venues/{place_uuid}", NEW_VENUE).status_code == 404
    assert send(f"{mine}/venues/{place_uuid}/remove").status_code == 404
    # A venue of theirs cannot be ticked for a service here either.
    refused = send(f"{mine}/services/new", {**NEW_SERVICE, "venues": [place_uuid]})
    assert "Select venues from the list" in refused.get_data(as_text=True)
    assert _waiting(app) == []
    with app.app_context():
        assert db.session.scalars(
            select(Service.name).where(Service.organisation_id == other_id)
        ).all() == ["Their service"]
    # Not signed in: sent to sign in.
    assert re.search(r"/sign-in", app.test_client().get(f"{mine}/services").headers["Location"])
