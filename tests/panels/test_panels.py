"""The panels' public pages, officers' memberships (renew, end) and the members' area."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import event, select

from engage.core.audit import AuditEvent
from engage.core.dates import uk_today
from engage.core.db import db, utcnow
from engage.panels import services
from engage.panels.models import PanelMembership
from engage.panels.texts import PANEL_TEXTS, SUPERSEDED, SUPPORT_OFFERED, TIME_COMMITMENT
from tests.conftest import post_form
from tests.panels.helpers import DISABLED, add_membership, login, membership
from tests.recruitment.helpers import (
    emails,
    ensure_reference_data,
    latest_email,
    make_round,
    start,
)

# Texts and public pages ---------------------------------------------------------------------


def test_panel_texts_fill_only_empty_fields(app):
    ensure_reference_data(app)
    with app.app_context():
        race = services.get_panel("race")
        race.summary = "Our own words, written by an officer."
        db.session.commit()
        filled = services.apply_panel_texts()
        db.session.commit()
        assert filled == 3 * 4 - 1
        assert race.summary == "Our own words, written by an officer."
        gender = services.get_panel("gender")
        assert gender.who_for == PANEL_TEXTS["gender"]["who_for"]
        assert "Liverpool City Region" in gender.who_for
        assert "travel" in gender.support_offered
        assert services.apply_panel_texts() == 0  # safe to run on every release


def test_pages_say_one_thing_about_meetings_and_say_shared_texts_once(app, client):
    """Issue 8: panel pages said about 4 meetings a year, the application around 6. The
    authority's documents say neither: no page gives a number, old default texts are
    replaced, and a round for three panels says their shared texts once."""
    round_id = make_round(app, panels=[DISABLED, "race", "gender"])
    with app.app_context():
        services.apply_panel_texts()
        race = services.get_panel("race")
        race.time_commitment = SUPERSEDED["time_commitment"][0]
        race.support_offered = SUPERSEDED["support_offered"][0]
        db.session.commit()
        assert services.apply_panel_texts() == 2
        db.session.commit()
        assert race.time_commitment == TIME_COMMITMENT
        assert race.support_offered == SUPPORT_OFFERED
    reference = start(client, round_id)
    pages = {
        url: client.get(url).get_data(as_text=True)
        for url in (
            "/panels/race",
            f"/recruitment/{round_id}",
            f"/applications/{reference}/availability",
        )
    }
    for url, page in pages.items():
        assert not re.search(r"\b\d+ (meetings|times) a year", page), url
        assert "meets" not in page or "how often the panel meets" in page, url
    round_page = pages[f"/recruitment/{round_id}"]
    assert round_page.count("how often the panel meets") == 1
    assert round_page.count("arrange what we can") == 1


def test_panels_index_says_which_panels_are_recruiting(app, client):
    make_round(app, title="Disabled People Panel 2026", panels=[DISABLED])
    make_round(
        app,
        title="An old round",
        panels=["gender"],
        opens_on=uk_today() - timedelta(days=90),
        closes_on=uk_today() - timedelta(days=60),
    )
    with app.app_context():
        services.apply_panel_texts()
        db.session.commit()
    page = client.get("/panels").get_data(as_text=True)
    assert page.count("Recruiting now") == 1
    assert page.count("Not recruiting at the moment") == 2
    assert page.index("Disabled People Panel") < page.index("Recruiting now") < page.index("Gender")
    assert "advises, supports and challenges" in page


def test_panel_page_shows_texts_round_and_only_listed_current_members(app, client, make_user):
    round_id = make_round(app, title="Join us in 2026", panels=[DISABLED])
    with app.app_context():
        services.apply_panel_texts()
        db.session.commit()
    today = uk_today()
    add_membership(app, email="a@example.org", listed_publicly=True, public_name="Asha Listed")
    add_membership(
        app, email="c@example.org", listed_publicly=True, public_name="Cal Chair", role="chair"
    )
    add_membership(app, email="b@example.org", listed_publicly=False, public_name="Ben Hidden")
    add_membership(
        app,
        email="d@example.org",
        listed_publicly=True,
        public_name="Dee Departed",
        ended_at=utcnow(),
    )
    add_membership(
        app,
        email="e@example.org",
        listed_publicly=True,
        public_name="Eve Expired",
        term_end=today - timedelta(days=1),
    )
    page = client.get("/panels/disabled-people").get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">Disabled People Panel</h1>' in page
    for heading in ("Who it is for", "Time commitment", "Expenses and support"):
        assert heading in page
    assert "Asha Listed" in page and "Cal Chair (Chair)" in page
    assert page.index("Cal Chair") < page.index("Asha Listed")  # the chair first
    for hidden in ("Ben Hidden", "Dee Departed", "Eve Expired", "a@example.org"):
        assert hidden not in page
    assert "Join us in 2026" in page
    assert f"/recruitment/{round_id}" in page  # the round's public page, to apply


def test_panel_page_without_listed_members_or_recruitment_says_so(app, client):
    ensure_reference_data(app)
    add_membership(app, email="b@example.org", public_name="Ben Hidden")
    page = client.get("/panels/race").get_data(as_text=True)
    assert "No members are listed at the moment" in page
    assert "We are not recruiting to this panel at the moment" in page
    assert "Recruiting now" not in page
    assert client.get("/panels/no-such-panel").status_code == 404


# Officers: the membership list, renewing and ending -----------------------------------------


def test_only_officers_see_the_membership_list(app, client, make_user):
    member = make_user(full_name="Mo Member")
    add_membership(app, user=member, public_name="Mo")
    resident = make_user()
    assert login(app, resident).get("/admin/panels/disabled-people/members").status_code == 403
    officer = login(app, make_user(roles=["officer"]))
    page = officer.get("/admin/panels/disabled-people/members").get_data(as_text=True)
    assert "Mo Member" in page and "Current" in page
    assert officer.get("/admin/panels/nope/members").status_code == 404


def test_membership_list_queries_do_not_grow_with_rows(app, make_user):
    officer = login(app, make_user(roles=["officer"]))

    def queries() -> int:
        with app.app_context():
            engine = db.engine
        seen = []

        def count(*args) -> None:
            seen.append(1)

        event.listen(engine, "before_cursor_execute", count)
        try:
            assert officer.get("/admin/panels/disabled-people/members").status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(seen)

    for n in range(2):
        add_membership(app, user=make_user(), public_name=f"Member {n}")
    few = queries()
    for n in range(2, 10):
        add_membership(app, user=make_user(), public_name=f"Member {n}")
    assert queries() == few


def test_renewing_starts_a_new_term_and_emails_the_member(app, make_user):
    member = make_user(full_name="Rita Renew")
    old_id = add_membership(app, user=member, public_name="Rita", listed_publicly=True)
    old = membership(app, old_id)
    officer = login(app, make_user(roles=["officer"]))
    url = f"/admin/panels/disabled-people/members/{old_id}/renew"
    form = officer.get(url).get_data(as_text=True)
    start = old.term_end + timedelta(days=1)
    assert f'value="{start.day}"' in form  # the new term starts after the old one, by default

    too_early = old.term_end
    response = post_form(
        officer,
        url,
        {
            "role": "vice_chair",
            "term_start": [str(too_early.day), str(too_early.month), str(too_early.year)],
            "term_end": ["1", "1", str(too_early.year + 3)],
        },
    )
    assert response.status_code == 200
    assert "The new term must start after the current one ends" in response.get_data(True)

    end = start.replace(year=start.year + 2)
    response = post_form(
        officer,
        url,
        {
            "role": "vice_chair",
            "term_start": [str(start.day), str(start.month), str(start.year)],
            "term_end": [str(end.day), str(end.month), str(end.year)],
        },
    )
    assert response.status_code == 302
    with app.app_context():
        renewal = db.session.scalars(
            select(PanelMembership).where(PanelMembership.renewed_from_id == old_id)
        ).one()
        assert (renewal.term_start, renewal.term_end) == (start, end)
        assert renewal.role == "vice_chair" and renewal.user_id == member.id
        assert renewal.listed_publicly and renewal.public_name == "Rita"
    body = latest_email(app, member.email, "membership-renewed").body
    assert "Vice-chair" in body and str(end.year) in body
    page = officer.get("/admin/panels/disabled-people/members").get_data(as_text=True)
    assert page.count(">Renew</a>") == 1  # the old term cannot be renewed twice
    again = post_form(
        officer,
        url,
        {
            "role": "member",
            "term_start": [str(end.day), str(end.month), str(end.year + 1)],
            "term_end": ["1", "1", str(end.year + 4)],
        },
    )
    assert "already been renewed" in again.get_data(as_text=True)


def test_ending_a_membership_removes_access_and_emails_the_member(app, make_user):
    member = make_user(full_name="Eli Ending")
    membership_id = add_membership(app, user=member, public_name="Eli", listed_publicly=True)
    member_client = login(app, member)
    assert member_client.get("/members/disabled-people").status_code == 200
    officer = login(app, make_user(roles=["officer"]))
    url = f"/admin/panels/disabled-people/members/{membership_id}/end"
    missing = post_form(officer, url, {"reason": " "})
    assert "Enter why the membership is ending" in missing.get_data(as_text=True)
    response = post_form(officer, url, {"reason": "Moved away from the city region"})
    assert response.status_code == 302
    ended = membership(app, membership_id)
    assert ended.ended_at is not None and ended.ended_reason == "Moved away from the city region"
    assert "Moved away" in latest_email(app, member.email, "membership-ended").body
    assert member_client.get("/members/disabled-people").status_code == 403
    assert "Eli" not in member_client.get("/panels/disabled-people").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "panel_membership_ended")
        ).one()


def test_renewal_and_end_refuse_a_membership_of_another_panel(app, make_user):
    membership_id = add_membership(app, "race", email="r@example.org", public_name="R")
    officer = login(app, make_user(roles=["officer"]))
    for action in ("renew", "end"):
        url = f"/admin/panels/disabled-people/members/{membership_id}/{action}"
        assert officer.get(url).status_code == 404


# The members' area --------------------------------------------------------------------------


def test_members_home_is_kind_when_you_are_not_a_member(app, make_user):
    ensure_reference_data(app)
    page = login(app, make_user()).get("/members").get_data(as_text=True)
    assert "You are not a member of an Equality Panel at the moment" in page


def test_members_home_lists_current_and_past_memberships(app, make_user):
    member = make_user()
    today = uk_today()
    add_membership(app, user=member, role="chair", public_name="M")
    add_membership(
        app,
        "race",
        user=member,
        public_name="M",
        term_start=today - timedelta(days=800),
        term_end=today - timedelta(days=70),
    )
    page = login(app, member).get("/members").get_data(as_text=True)
    assert "Chair" in page and "Current" in page and "Term finished" in page
    assert 'href="/members/disabled-people"' in page
    assert 'href="/members/race"' not in page  # a past membership opens nothing


def test_members_area_shows_fellow_members_by_name_without_contact_details(app, make_user):
    me = make_user(full_name="Nia Member")
    fellow = make_user(full_name="Ola Fellow", email="ola.private@example.org")
    add_membership(app, user=me, role="vice_chair", public_name="Nia")
    add_membership(app, user=fellow, public_name="O. F.")
    add_membership(app, email="new.person@example.org", public_name="Pat Newcomer")
    add_membership(app, "race", email="x@example.org", public_name="On Another Panel")
    page = login(app, me).get("/members/disabled-people").get_data(as_text=True)
    assert "Vice-chair" in page
    assert "Nia Member (Vice-chair) (you)" in page
    assert "Ola Fellow" in page and "Pat Newcomer" in page
    assert "ola.private@example.org" not in page and "new.person@example.org" not in page
    assert "On Another Panel" not in page
    # The drafts open to the member's panels are a link away; and a real way to get in touch.
    assert 'href="/policies/"' in page
    assert "equality@liverpoolcityregion-ca.gov.uk" in page


def test_members_area_names_who_to_contact_and_never_calls_anyone_a_new_member(app, make_user):
    lead = make_user(roles=["officer"], full_name="Lia Lead", email="lia.lead@example.org")
    make_round(app, title="Older round", panels=[DISABLED], opens_on=uk_today() - timedelta(400),
               closes_on=uk_today() - timedelta(370))  # fmt: skip
    make_round(app, title="Latest round", panels=[DISABLED], lead_officer_id=lead.id)
    me = make_user(full_name="Nia Member")
    add_membership(app, user=me, public_name="Nia")
    add_membership(app, email="quiet@example.org", public_name="")  # no name on record
    page = login(app, me).get("/members/disabled-people").get_data(as_text=True)
    assert "Lia Lead, who led the panel's latest recruitment" in page
    assert 'href="mailto:lia.lead@example.org"' in page
    assert "A new member" not in page and "quiet@example.org" not in page
    assert services.NO_NAME in page


def test_only_current_members_reach_a_panels_members_area(app, client, make_user):
    member = make_user()
    add_membership(app, user=member, public_name="M")
    assert login(app, member).get("/members/race").status_code == 403
    assert login(app, make_user()).get("/members/disabled-people").status_code == 403
    assert login(app, make_user(roles=["officer"])).get("/members/disabled-people").status_code == (
        403
    )
    response = client.get("/members/disabled-people")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")
    starts_later = make_user()
    add_membership(
        app,
        user=starts_later,
        public_name="S",
        term_start=uk_today() + timedelta(days=5),
    )
    assert login(app, starts_later).get("/members/disabled-people").status_code == 403


# Linking memberships to accounts ------------------------------------------------------------


def test_memberships_are_linked_to_a_verified_account_with_the_same_email(app, make_user):
    membership_id = add_membership(app, email="later@example.org", public_name="Lee Later")
    unverified = make_user(email="LATER@example.org", email_verified_at=None)
    with app.app_context(), app.test_request_context():
        user = db.session.merge(unverified)
        assert services.link_memberships_to_user(user) == 0  # not proven to own the address
        user.email_verified_at = utcnow()
        assert services.link_memberships_to_user(user) == 1
        db.session.commit()
    assert membership(app, membership_id).user_id == unverified.id


def test_the_members_home_page_links_memberships_waiting_for_the_account(app, make_user):
    add_membership(app, email="waiting@example.org", public_name="Wes Waiting")
    user = make_user(email="waiting@example.org")
    client = login(app, user)
    assert "Disabled People Panel" in client.get("/members").get_data(as_text=True)
    assert client.get("/members/disabled-people").status_code == 200


def test_appointing_without_an_account_emails_how_to_create_one(app, make_user):
    ensure_reference_data(app)
    with app.app_context(), app.test_request_context():
        panel = services.get_panel("gender")
        start, end = services.default_term(uk_today())
        created = services.create_membership(
            panel,
            email="New.Member@Example.org",
            role="member",
            term_start=start,
            term_end=end,
            listed_publicly=False,
            public_name="New Member",
        )
        db.session.commit()
        assert created.user_id is None and created.email == "new.member@example.org"
        assert (end - start).days in (729, 730)
    body = latest_email(app, "new.member@example.org", "membership-appointed").body
    assert "/register" in body and "/members" in body
    assert body.rstrip().endswith("equality@liverpoolcityregion-ca.gov.uk")
    assert len(emails(app, "membership-appointed")) == 1
