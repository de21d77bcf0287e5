"""Organisations keeping their own entries: claiming one by the code emailed to its published
address or by an officer's check, proposing changes that wait for review, the officer seeing
each change old and new and approving (as sent or corrected) or rejecting with a reason, the
editor told each time, and confirming the entry is still right. Only an entry's editors may
change it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from engage.core.db import db, utcnow
from engage.core.email import latest_message
from engage.directory.models import ChangeRequest, ClaimRequest, Organisation
from tests.conftest import csrf_token, post_form
from tests.factories.directory import OrganisationFactory
from tests.panels.helpers import login
from tests.recruitment.helpers import ensure_reference_data

ENTRY = {
    "name": "Bootle Carers Circle",
    "description": "Support for unpaid carers, with a weekly café.",
    "kind": "charity",
    "areas": ["E08000014"],
    "communities": ["carers", "older"],
    "led_by": [],
    "languages": "English, British Sign Language",
    "phone": "0151 496 0000",
    "email": "hello@bootle-carers.example",
    "website": "https://bootle-carers.example",
    "address": "1 High Street",
    "postcode": "l20 1aa",
    "accessibility": "Step-free entrance.",
    "note": "",
}


@pytest.fixture
def entry(app):
    ensure_reference_data(app)
    with app.app_context():
        return OrganisationFactory(
            name="Bootle Carers", description="Support for carers.", kind="charity",
            email="hello@bootle-carers.example", communities=["carers"],
            last_confirmed_at=utcnow() - timedelta(days=400),
        )  # fmt: skip


def emailed_code(app, address: str) -> str:
    with app.app_context():
        message = latest_message(address, "directory-claim-code")
        return re.search(r"^(\d{6})$", message.body, re.M).group(1)


def post(client, url: str, data: dict | None = None):
    token = csrf_token(client.get("/applications/find"))
    return client.post(url, data={"csrf_token": token, **(data or {})})


def make_editor(app, client, entry) -> None:
    claimed = post_form(client, f"/directory/{entry.id}/claim", {"method": "email"})
    assert claimed.status_code == 302
    code = emailed_code(app, entry.email)
    checked = post_form(client, f"/directory/{entry.id}/claim/code", {"code": code})
    assert checked.status_code == 302, checked.get_data(as_text=True)[:500]


def test_a_code_to_the_published_address_makes_someone_an_editor(app, entry, make_user):
    editor = login(app, make_user(full_name="Eve Editor"))
    assert editor.get(f"/directory/your-organisations/{entry.id}/edit").status_code == 403
    post_form(editor, f"/directory/{entry.id}/claim", {"method": "email"})
    code = emailed_code(app, entry.email)
    wrong = post_form(
        editor,
        f"/directory/{entry.id}/claim/code",
        {"code": "000000" if code != "000000" else "111111"},
    )
    assert "That code is not right" in wrong.get_data(as_text=True)
    assert "4 tries left" in wrong.get_data(as_text=True)
    right = post_form(editor, f"/directory/{entry.id}/claim/code", {"code": code})
    assert right.status_code == 302
    assert editor.get(f"/directory/your-organisations/{entry.id}/edit").status_code == 200
    listed = editor.get("/directory/your-organisations").get_data(as_text=True)
    assert "Bootle Carers" in listed and "overdue for confirmation" in listed


def test_codes_run_out_after_five_tries_and_thirty_minutes(app, entry, make_user):
    editor = login(app, make_user())
    post_form(editor, f"/directory/{entry.id}/claim", {"method": "email"})
    code = emailed_code(app, entry.email)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        post_form(editor, f"/directory/{entry.id}/claim/code", {"code": wrong})
    last = post_form(editor, f"/directory/{entry.id}/claim/code", {"code": code})
    assert "Too many wrong codes" in last.get_data(as_text=True)
    assert editor.get(f"/directory/your-organisations/{entry.id}/edit").status_code == 403
    post_form(editor, f"/directory/{entry.id}/claim", {"method": "email"})  # a new code
    code = emailed_code(app, entry.email)
    with app.app_context():
        claim = db.session.scalars(select(ClaimRequest).order_by(ClaimRequest.id.desc())).first()
        claim.code_expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    late = post_form(editor, f"/directory/{entry.id}/claim/code", {"code": code})
    assert "The code has expired" in late.get_data(as_text=True)


def test_an_officer_checks_a_claim_and_approves_or_refuses_it(app, entry, make_user):
    officer = login(app, make_user(roles=["officer"]))
    asking = make_user(full_name="Asha Asking", email="asha@example.org")
    client = login(app, asking)
    no_role = post_form(client, f"/directory/{entry.id}/claim", {"method": "officer"})
    assert "Say what your role at the organisation is" in no_role.get_data(as_text=True)
    sent = post_form(client, f"/directory/{entry.id}/claim", {"method": "officer", "role": "Chair"})
    assert sent.status_code == 302
    queue = officer.get("/admin/directory/").get_data(as_text=True)
    assert "Bootle Carers" in queue
    with app.app_context():
        claim_id = db.session.scalar(select(ClaimRequest.id))
    page = officer.get(f"/admin/directory/claims/{claim_id}").get_data(as_text=True)
    assert "Asha Asking" in page and "Chair" in page
    assert (
        post(officer, f"/admin/directory/claims/{claim_id}", {"decision": "approve"}).status_code
        == 302
    )
    assert client.get(f"/directory/your-organisations/{entry.id}/edit").status_code == 200
    with app.app_context():
        assert latest_message("asha@example.org", "directory-claim-approved") is not None
    # A second person is refused, with a reason they read.
    other = make_user(email="otto@example.org")
    post_form(
        login(app, other), f"/directory/{entry.id}/claim", {"method": "officer", "role": "Friend"}
    )
    with app.app_context():
        second = (
            db.session.scalars(select(ClaimRequest).order_by(ClaimRequest.id.desc())).first().id
        )
    no_reason = post_form(officer, f"/admin/directory/claims/{second}", {"reason": ""})
    assert "Give the reason" in no_reason.get_data(as_text=True)
    post_form(
        officer, f"/admin/directory/claims/{second}", {"reason": "The chair did not know you."}
    )
    with app.app_context():
        refused = latest_message("otto@example.org", "directory-claim-refused")
        assert "The chair did not know you." in refused.body
    assert (
        login(app, other).get(f"/directory/your-organisations/{entry.id}/edit").status_code == 403
    )


def test_changes_wait_for_an_officer_who_sees_old_and_new_and_approves(app, entry, make_user):
    editor_user = make_user(full_name="Eve Editor", email="eve@example.org")
    editor = login(app, editor_user)
    make_editor(app, editor, entry)
    sent = post_form(editor, f"/directory/your-organisations/{entry.id}/edit", ENTRY)
    assert sent.status_code == 302
    public = app.test_client().get(f"/directory/{entry.id}").get_data(as_text=True)
    assert "Bootle Carers Circle" not in public  # not until it is approved
    again = editor.get(f"/directory/your-organisations/{entry.id}/edit").get_data(as_text=True)
    assert "still waiting for review" in again and "Bootle Carers Circle" in again
    officer = login(app, make_user(roles=["officer"]))
    with app.app_context():
        change_id = db.session.scalar(select(ChangeRequest.id))
    review = officer.get(f"/admin/directory/changes/{change_id}").get_data(as_text=True)
    assert "<del>Bootle Carers</del>" in review and "<ins>Bootle Carers Circle</ins>" in review
    assert "<ins>Unpaid carers; Older people (65 and over)</ins>" in review  # words, not codes
    assert "<del>Left empty</del>" in review and "<ins>0151 496 0000</ins>" in review
    # The officer corrects the description before approving.
    approved = post_form(
        officer,
        f"/admin/directory/changes/{change_id}",
        {**ENTRY, "description": "Support and a weekly café for unpaid carers."},
    )
    assert approved.status_code == 302
    public = app.test_client().get(f"/directory/{entry.id}").get_data(as_text=True)
    assert "Bootle Carers Circle" in public and "Support and a weekly café" in public
    assert "L20 1AA" in public and "British Sign Language" in public
    assert "has not been confirmed" not in public  # approving confirms it
    found = app.test_client().get("/directory/?q=weekly+cafe").get_data(as_text=True)
    assert "Bootle Carers Circle" in found
    with app.app_context():
        told = latest_message("eve@example.org", "directory-change-approved")
        assert "with some changes by the officer" in told.body
        assert db.session.get(ChangeRequest, change_id).status == "approved"
    # Reviewed once only: approving again changes nothing.
    again = post(officer, f"/admin/directory/changes/{change_id}", {**ENTRY, "name": "Other"})
    assert "This change has been approved" in again.get_data(as_text=True)
    assert "Other" not in app.test_client().get(f"/directory/{entry.id}").get_data(as_text=True)


def test_a_rejected_change_leaves_the_entry_and_tells_the_editor_why(app, entry, make_user):
    editor = login(app, make_user(email="eve@example.org"))
    make_editor(app, editor, entry)
    post_form(editor, f"/directory/your-organisations/{entry.id}/edit", ENTRY)
    officer = login(app, make_user(roles=["officer"]))
    with app.app_context():
        change_id = db.session.scalar(select(ChangeRequest.id))
    rejected = post(
        officer, f"/admin/directory/changes/{change_id}/reject",
        {"reason": "We could not check the new name with the Charity Commission."},
    )  # fmt: skip
    assert rejected.status_code == 302
    with app.app_context():
        assert db.session.get(Organisation, entry.id).name == "Bootle Carers"
        told = latest_message("eve@example.org", "directory-change-rejected")
        assert "Charity Commission" in told.body


def test_nothing_changed_sends_nothing_and_bad_websites_are_refused(app, entry, make_user):
    editor = login(app, make_user())
    make_editor(app, editor, entry)
    page = editor.get(f"/directory/your-organisations/{entry.id}/edit")
    token = csrf_token(page)
    unchanged = {"name": "Bootle Carers", "description": "Support for carers.", "kind": "charity",
                 "areas": [], "communities": ["carers"], "email": entry.email}  # fmt: skip
    # The factory gave it no area: choosing none is refused (an entry needs an area).
    refused = editor.post(f"/directory/your-organisations/{entry.id}/edit",
                          data={"csrf_token": token, **unchanged})  # fmt: skip
    assert "Select at least one area" in refused.get_data(as_text=True)
    bad = post_form(editor, f"/directory/your-organisations/{entry.id}/edit",
                    {**ENTRY, "website": "javascript:alert(1)"})  # fmt: skip
    assert "starting https://" in bad.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(ChangeRequest.id)) is None


def test_only_an_entrys_editors_change_it_and_confirm_it(app, entry, make_user):
    with app.app_context():
        other = OrganisationFactory(name="Another Group")
    editor = login(app, make_user())
    make_editor(app, editor, entry)
    assert editor.get(f"/directory/your-organisations/{other.id}/edit").status_code == 403
    assert post(editor, f"/directory/your-organisations/{other.id}/confirm").status_code == 403
    assert editor.get("/admin/directory/").status_code == 403
    confirmed = post(editor, f"/directory/your-organisations/{entry.id}/confirm")
    assert confirmed.status_code == 302
    public = app.test_client().get(f"/directory/{entry.id}").get_data(as_text=True)
    assert "has not been confirmed" not in public
