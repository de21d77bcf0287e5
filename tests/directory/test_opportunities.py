"""Commissioning opportunities: an officer publishes one and the editors of matching listed
organisations who opted in are emailed, each once, never again on a second publish; only an
organisation's editors respond for it (the POST is checked); closed ones refuse responses;
officers record awards; the public pages never show responses or editors."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from engage.core.dates import uk_today
from engage.core.db import db
from engage.directory.opportunities import rules, services
from engage.directory.opportunities.models import (
    Opportunity,
    OpportunityAward,
    OpportunityEmailOptIn,
    OpportunityResponse,
)
from tests.conftest import post_form
from tests.directory.opportunity_helpers import (
    LIVERPOOL,
    WIRRAL,
    authority,
    count_of,
    emails_sent,
    make_editor,
)
from tests.factories.directory import OrganisationFactory
from tests.factories.opportunities import OpportunityFactory, OpportunityResponseFactory
from tests.panels.helpers import login
from tests.recruitment.helpers import ensure_reference_data


@pytest.fixture
def officer(app, make_user):
    ensure_reference_data(app)
    return login(app, make_user(roles=["officer"]))


def new_opportunity(officer, **changes) -> int:
    closes = uk_today() + timedelta(days=20)
    data = {
        "title": "Listening events with carers",
        "kind": "engagement",
        "what_is_wanted": "Six listening events.",
        "how_to_apply": "Apply here.",
        "value": "£15,000",
        "closes_on": [str(closes.day), str(closes.month), str(closes.year)],
        "areas": [LIVERPOOL],
        "communities": ["carers", "older"],
        "category": "",
        **changes,
    }
    response = post_form(officer, "/admin/directory/opportunities/new", data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def publish(officer, opportunity_id: int) -> str:
    url = f"/admin/directory/opportunities/{opportunity_id}"
    response = officer.post(
        f"{url}/publish", data={"csrf_token": _token(officer, url)}, follow_redirects=True
    )
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _token(client, url: str) -> str:
    from tests.conftest import csrf_token

    return csrf_token(client.get(url))


def test_publishing_emails_opted_in_editors_of_matching_organisations_once(app, officer, make_user):
    liverpool, wirral = authority(app, LIVERPOOL), authority(app, WIRRAL)
    with app.app_context():
        carers = OrganisationFactory(communities=["carers"], areas=[liverpool])
        older = OrganisationFactory(communities=["older", "deaf"], areas=[liverpool])
        elsewhere = OrganisationFactory(communities=["carers"], areas=[wirral])
        other_people = OrganisationFactory(communities=["deaf"], areas=[liverpool])
        removed = OrganisationFactory(communities=["carers"], areas=[liverpool], status="removed")
    both = make_user(email="both@example.org")  # edits two matching organisations
    make_editor(app, both, carers, older, opted_in=True)
    quiet = make_user(email="quiet@example.org")  # did not opt in
    make_editor(app, quiet, carers)
    unmatched = make_user(email="unmatched@example.org")
    make_editor(app, unmatched, elsewhere, other_people, removed, opted_in=True)
    former = make_user(email="former@example.org")  # opted in, no longer an editor
    with app.app_context():
        db.session.add(OpportunityEmailOptIn(user_id=former.id, organisation_id=carers.id))
        db.session.commit()

    opportunity_id = new_opportunity(officer)
    assert emails_sent(app) == []  # a draft tells nobody
    assert officer.get(f"/directory/opportunities/{opportunity_id}").status_code == 404
    page = publish(officer, opportunity_id)
    assert "2 listed organisations matched" in page
    assert "1 of their editors asked for these emails and were emailed" in page
    assert emails_sent(app) == ["both@example.org"]  # once, for both their organisations
    again = publish(officer, opportunity_id)
    assert rules.NOT_A_DRAFT in again
    assert emails_sent(app) == ["both@example.org"]
    with app.app_context():
        from engage.core.email import latest_message

        body = latest_message("both@example.org").body
        assert carers.name in body and older.name in body
        assert f"/directory/opportunities/{opportunity_id}" in body
    show = officer.get(f"/admin/directory/opportunities/{opportunity_id}").get_data(as_text=True)
    assert "<strong>2</strong> listed organisations matched" in show


def test_a_category_narrows_who_matches(app):
    ensure_reference_data(app)
    liverpool = authority(app, LIVERPOOL)
    with app.app_context():
        food = OrganisationFactory(areas=[liverpool], services=[("Pantry", "food")])
        OrganisationFactory(areas=[liverpool], services=[("Advice", "advice")])
        anyone = OpportunityFactory(status="draft", category="food", local_authorities=[liverpool])
        opportunity = db.session.get(Opportunity, anyone.id)
        matched = list(db.session.scalars(services.matching_organisations(opportunity)))
        assert matched == [food.id]


def test_an_editor_responds_only_for_their_own_organisation(app, make_user):
    ensure_reference_data(app)
    with app.app_context():
        ours = OrganisationFactory(name="Our Group")
        theirs = OrganisationFactory(name="Their Group")
        opportunity = OpportunityFactory()
    editor = make_user(email="ours@example.org")
    make_editor(app, editor, ours)
    client = login(app, editor)
    url = f"/directory/opportunities/{opportunity.id}/respond"
    page = client.get(url).get_data(as_text=True)
    assert "Our Group" in page and "Their Group" not in page
    attack = post_form(client, url, {"organisation": theirs.id, "kind": "application",
                                      "message": "Pick us"})  # fmt: skip
    assert attack.status_code == 200
    assert "Choose one of your organisations from the list" in attack.get_data(as_text=True)
    assert count_of(app, OpportunityResponse) == 0
    with app.app_context():  # the service refuses too, whatever a form let through
        found = db.session.get(Opportunity, opportunity.id)
        user = db.session.merge(editor)
        with pytest.raises(rules.OpportunityRefused, match="only respond for an organisation"):
            services.respond(found, theirs.id, user, "interest", "", uk_today())
    # Interest first, then an application replaces it; interest again is refused.
    sent = post_form(client, url, {"organisation": ours.id, "kind": "interest"})
    assert sent.status_code == 302
    no_message = post_form(client, url, {"organisation": ours.id, "kind": "application"})
    assert "Say how your organisation would do what is wanted" in no_message.get_data(as_text=True)
    post_form(client, url, {"organisation": ours.id, "kind": "application", "message": "We can."})
    with app.app_context():
        responses = db.session.scalars(select(OpportunityResponse)).all()
        assert [(r.organisation_id, r.kind, r.message) for r in responses] == [
            (ours.id, "application", "We can.")
        ]
    twice = post_form(client, url, {"organisation": ours.id, "kind": "interest"})
    assert "Our Group has already applied" in twice.get_data(as_text=True)


def test_someone_who_edits_nothing_is_told_how_to_become_an_editor(app, make_user):
    ensure_reference_data(app)
    with app.app_context():
        opportunity = OpportunityFactory()
        other = OrganisationFactory()
    client = login(app, make_user())
    url = f"/directory/opportunities/{opportunity.id}/respond"
    assert "you do not edit any yet" in client.get(url).get_data(as_text=True)
    client.post(url, data={"organisation": other.id, "kind": "interest"})
    assert count_of(app, OpportunityResponse) == 0


@pytest.mark.parametrize(
    "state", [{"status": "closed"}, {"closes_on_days": -1}, {"status": "awarded"}]
)
def test_closed_opportunities_refuse_responses_and_say_so(app, make_user, state):
    ensure_reference_data(app)
    with app.app_context():
        ours = OrganisationFactory()
        opportunity = OpportunityFactory(
            status=state.get("status", "published"),
            closes_on=uk_today() + timedelta(days=state.get("closes_on_days", 10)),
        )
    editor = make_user()
    make_editor(app, editor, ours)
    client = login(app, editor)
    url = f"/directory/opportunities/{opportunity.id}/respond"
    page = client.get(url).get_data(as_text=True)
    assert rules.CLOSED_TO_RESPONSES in page
    posted = client.post(
        url,
        data={
            "csrf_token": _token(client, "/directory/your-organisations"),
            "organisation": ours.id,
            "kind": "interest",
        },
    )
    assert rules.CLOSED_TO_RESPONSES in posted.get_data(as_text=True)
    assert count_of(app, OpportunityResponse) == 0
    public = client.get(f"/directory/opportunities/{opportunity.id}").get_data(as_text=True)
    assert "It no longer takes interest or applications" in public
    assert "Register interest or apply</a>" not in public.replace("<span", "</a><span")


def test_an_officer_closes_and_records_awards(app, officer, make_user):
    with app.app_context():
        winner = OrganisationFactory(name="Winning Group")
        opportunity = OpportunityFactory()
        OpportunityResponseFactory(opportunity_id=opportunity.id, organisation_id=winner.id,
                                   kind="application")  # fmt: skip
    base = f"/admin/directory/opportunities/{opportunity.id}"
    officer.post(f"{base}/close", data={"csrf_token": _token(officer, base)})
    with app.app_context():
        assert db.session.get(Opportunity, opportunity.id).status == "closed"
    awarded_on = uk_today() - timedelta(days=3)
    bad = post_form(officer, f"{base}/award", {"organisation": winner.id, "value": "lots",
                    "awarded_on": [str(awarded_on.day), str(awarded_on.month),
                                   str(awarded_on.year)]})  # fmt: skip
    assert "Enter the value awarded in pounds" in bad.get_data(as_text=True)
    good = post_form(officer, f"{base}/award", {"organisation": winner.id, "value": "12,500.50",
                     "awarded_on": [str(awarded_on.day), str(awarded_on.month),
                                    str(awarded_on.year)]})  # fmt: skip
    assert good.status_code == 302
    with app.app_context():
        award = db.session.scalars(select(OpportunityAward)).one()
        assert (award.organisation_id, award.value_pence, award.awarded_on) == (
            winner.id, 1_250_050, awarded_on,
        )  # fmt: skip
        assert db.session.get(Opportunity, opportunity.id).status == "awarded"
    shown = officer.get(base).get_data(as_text=True)
    assert "Winning Group" in shown and "£12,500.50" in shown
    assert "Awarded" in officer.get(f"/directory/opportunities/{opportunity.id}").get_data(
        as_text=True
    )


def test_the_public_pages_never_show_responses_or_editors(app, officer, make_user, client):
    with app.app_context():
        ours = OrganisationFactory(name="Responding Group")
        opportunity = OpportunityFactory(title="Visible opportunity")
    editor = make_user(full_name="Edwina Secretive", email="edwina@example.org")
    make_editor(app, editor, ours)
    post_form(
        login(app, editor),
        f"/directory/opportunities/{opportunity.id}/respond",
        {"organisation": ours.id, "kind": "application", "message": "Our private bid"},
    )
    for url in ("/directory/opportunities/", f"/directory/opportunities/{opportunity.id}"):
        page = client.get(url).get_data(as_text=True)
        assert "Visible opportunity" in page
        for secret in ("Our private bid", "Edwina Secretive", "edwina@example.org",
                       "Responding Group"):  # fmt: skip
            assert secret not in page, (url, secret)
    staff = officer.get(f"/admin/directory/opportunities/{opportunity.id}").get_data(as_text=True)
    assert all(s in staff for s in ("Our private bid", "Edwina Secretive", "Responding Group"))


def test_editors_choose_which_organisations_hear_of_opportunities(app, make_user):
    ensure_reference_data(app)
    with app.app_context():
        ours, also_ours, theirs = (OrganisationFactory() for _ in range(3))
    editor = make_user()
    make_editor(app, editor, ours, also_ours)
    client = login(app, editor)
    page = client.get("/directory/your-organisations").get_data(as_text=True)
    assert "Commissioning opportunities" in page and 'id="opportunity-emails"' in page
    token = _token(client, "/directory/your-organisations")
    client.post("/directory/opportunities/emails",
                data={"csrf_token": token, "organisations": [ours.id]})  # fmt: skip
    with app.app_context():
        chosen = db.session.scalars(select(OpportunityEmailOptIn.organisation_id)).all()
    assert chosen == [ours.id]
    client.post("/directory/opportunities/emails",
                data={"csrf_token": token, "organisations": [ours.id, theirs.id]})  # fmt: skip
    with app.app_context():
        assert db.session.scalars(select(OpportunityEmailOptIn.organisation_id)).all() == [ours.id]
    client.post("/directory/opportunities/emails", data={"csrf_token": token})  # untick all
    assert count_of(app, OpportunityEmailOptIn) == 0
