"""Suggesting a new organisation: it waits unlisted for an officer, who sees every field as
new and approves it (listed, the person who works there made its editor) or rejects it with a
reason (never listed); the person is told either way."""

from __future__ import annotations

from sqlalchemy import select

from engage.core.db import db
from engage.core.email import latest_message
from engage.directory import stages
from engage.directory.models import ChangeRequest, ClaimRequest, Organisation
from tests.conftest import post_form
from tests.directory.test_editing import ENTRY, post
from tests.panels.helpers import login
from tests.recruitment.helpers import ensure_reference_data

SUGGESTION = {**ENTRY, "name": "Halton Sign Choir", "works_there": "yes", "role": "Founder"}


def _suggested(app) -> tuple[int, int]:
    with app.app_context():
        change = db.session.scalars(select(ChangeRequest)).one()
        return change.id, change.organisation_id


def test_a_suggestion_is_hidden_until_an_officer_lists_it_and_its_suggester_edits_it(
    app, make_user
):
    ensure_reference_data(app)
    assert app.test_client().get("/directory/suggest").status_code == 302  # sign in first
    person = login(app, make_user(full_name="Sam Signer", email="sam@example.org"))
    no_role = post_form(person, "/directory/suggest", {**SUGGESTION, "role": ""})
    assert "Say what your role at the organisation is" in no_role.get_data(as_text=True)
    assert "Halton Sign Choir" in no_role.get_data(as_text=True)  # kept on error
    sent = post_form(person, "/directory/suggest", SUGGESTION)
    assert sent.status_code == 302
    change_id, organisation_id = _suggested(app)
    public = app.test_client()
    assert public.get(f"/directory/{organisation_id}").status_code == 404
    assert "Halton Sign Choir" not in public.get("/directory/?q=choir").get_data(as_text=True)
    assert person.get(f"/directory/your-organisations/{organisation_id}/edit").status_code == 403
    officer = login(app, make_user(roles=["officer"]))
    queue = officer.get("/admin/directory/").get_data(as_text=True)
    assert "Halton Sign Choir</a> (a suggested new organisation)" in queue
    # Its claim is decided with the suggestion, not listed on its own.
    assert "People asking to edit an entry" in queue and "asked " not in queue
    review = officer.get(f"/admin/directory/changes/{change_id}").get_data(as_text=True)
    assert "Review a suggested organisation" in review
    assert "<del>Left empty</del>" in review and "<ins>Halton Sign Choir</ins>" in review
    approved = post_form(officer, f"/admin/directory/changes/{change_id}", SUGGESTION)
    assert approved.status_code == 302
    page = public.get(f"/directory/{organisation_id}").get_data(as_text=True)
    assert "Halton Sign Choir" in page and "British Sign Language" in page
    assert "Halton Sign Choir" in public.get("/directory/?q=choir").get_data(as_text=True)
    assert person.get(f"/directory/your-organisations/{organisation_id}/edit").status_code == 200
    with app.app_context():
        told = latest_message("sam@example.org", "directory-suggestion-approved")
        assert "You are its editor" in told.body
        organisation = db.session.get(Organisation, organisation_id)
        assert organisation.status == stages.LISTED and organisation.last_confirmed_at
        claim = db.session.scalars(select(ClaimRequest)).one()
        assert claim.status == stages.ClaimStatus.APPROVED


def test_a_rejected_suggestion_is_never_listed_and_the_person_hears_why(app, make_user):
    ensure_reference_data(app)
    person = login(app, make_user(email="sam@example.org"))
    post_form(person, "/directory/suggest", {**SUGGESTION, "works_there": "no", "role": ""})
    change_id, organisation_id = _suggested(app)
    with app.app_context():
        assert db.session.scalar(select(ClaimRequest.id)) is None  # not asking to edit it
    officer = login(app, make_user(roles=["officer"]))
    post(
        officer,
        f"/admin/directory/changes/{change_id}/reject",
        {"reason": "It is a business, not a community group."},
    )
    assert app.test_client().get(f"/directory/{organisation_id}").status_code == 404
    with app.app_context():
        told = latest_message("sam@example.org", "directory-suggestion-rejected")
        assert "It is a business, not a community group." in told.body
        assert db.session.get(Organisation, organisation_id).status == stages.REMOVED
    again = post(officer, f"/admin/directory/changes/{change_id}", SUGGESTION)
    assert "This change has been rejected" in again.get_data(as_text=True)
    assert app.test_client().get(f"/directory/{organisation_id}").status_code == 404


def test_only_signed_in_people_suggest_and_the_form_checks_every_field(app, make_user):
    ensure_reference_data(app)
    anonymous = app.test_client()
    assert anonymous.post("/directory/suggest", data=SUGGESTION).status_code in (302, 400)
    person = login(app, make_user())
    empty = post_form(person, "/directory/suggest", {}).get_data(as_text=True)
    assert "govuk-error-summary" in empty
    for message in (
        "Enter the organisation&#39;s name",
        "Choose the kind of organisation",
        "Select at least one area",
        "Say whether you work or volunteer there",
    ):
        assert message in empty
    with app.app_context():
        assert db.session.scalar(select(Organisation.id)) is None
