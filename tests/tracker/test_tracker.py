"""The staff tracker shows, for a priority, the evidence every feature tagged to it (and
nothing tagged to another priority); only officers may open it."""

from __future__ import annotations

import pytest

from tests.tracker.world import TITLES_A, TITLES_B, make_world


@pytest.fixture
def world(app):
    with app.app_context():
        return make_world()


@pytest.fixture
def officer(make_user, signed_in_as):
    return signed_in_as(make_user(roles=["officer"]))


def test_priority_page_shows_evidence_from_every_feature_that_tagged_it(world, officer):
    page = officer.get(f"/admin/progress/priorities/{world.priority_id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for title in TITLES_A:
        assert title in html, title
    for title in TITLES_B:
        assert title not in html, title
    # What each feature says about its record, counted in the database.
    assert "2 applications sent: 1 sent: being considered, 1 shortlisted" in html
    assert "2 comments, 1 with an outcome" in html
    assert "Equality Impact Assessment published" in html
    assert "Closed; 3 responses; outcome published" in html
    assert "2 stories (2 published); 2 led to a change made" in html
    assert "themes: Lifts A (2)" in html
    assert "awarded to Carers Together A" in html
    # Links to the round's fairness report and the consultation's "who we heard from".
    assert "/admin/round-reports/rounds/" in html
    assert "/who-we-heard-from" in html
    # The objective's success measure and the value recorded for a year, with its source.
    assert "Residents who feel heard" in html
    assert "47%" in html and "Residents&#39; survey" in html


def test_overview_counts_each_feature_for_each_priority(world, officer):
    html = officer.get("/admin/progress").get_data(as_text=True)
    assert "EO1.1 Plain information" in html
    assert f"/admin/progress/priorities/{world.priority_id}" in html
    # One round, one policy, one consultation, two stories, one opportunity per priority.
    row = html.split(f"/admin/progress/priorities/{world.priority_id}")[1].split("</tr>")[0]
    numbers = [part.split("<")[0] for part in row.split('govuk-table__cell--numeric">')[1:]]
    assert numbers == ["1", "1", "1", "2", "1"]
    assert "Organisations by community served" in html or "organisations by community" in html
    assert f"/admin/strategy/measures/{world.measure_id}/values" in html  # record a value


def test_staff_pages_link_to_the_tracker(world, officer):
    assert "/admin/progress" in officer.get("/admin/").get_data(as_text=True)


def test_older_version_can_be_chosen(app, world, officer):
    from engage.core.db import db
    from engage.strategy.models import Strategy
    from tests.factories import ObjectiveFactory, StrategyFactory

    with app.app_context():
        old = StrategyFactory(title="Old strategy")
        ObjectiveFactory(strategy=old, code="EO9", title="An old objective")
        old_id = old.id
        assert db.session.get(Strategy, world.strategy_id).is_current
    html = officer.get(f"/admin/progress?strategy={old_id}").get_data(as_text=True)
    assert "An old objective" in html
    assert "Fair access" not in html
    assert officer.get("/admin/progress?strategy=999999").status_code == 404


def test_unknown_priority_is_not_found(world, officer):
    assert officer.get("/admin/progress/priorities/999999").status_code == 404


@pytest.mark.parametrize("url", ["/admin/progress", "/admin/progress/priorities/{id}"])
def test_residents_and_anonymous_people_cannot_open_the_staff_tracker(
    url, world, client, make_user, signed_in_as
):
    url = url.format(id=world.priority_id)
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/sign-in" in anonymous.headers["Location"]
    assert client.post(url).status_code in (302, 400, 403, 405)
    resident = signed_in_as(make_user())
    assert resident.get(url).status_code == 403
    assert "Panel round A" not in resident.get(url).get_data(as_text=True)


def test_organisations_are_counted_by_community_listed_only_and_up_to_a_cap(app, monkeypatch):
    from engage.directory import evidence
    from engage.directory.api import organisations_by_community
    from engage.directory.taxonomy import COMMUNITIES
    from tests.factories import OrganisationFactory

    carers = COMMUNITIES.label("carers")
    with app.app_context():
        OrganisationFactory(communities=["carers"])
        OrganisationFactory(communities=["carers"])
        OrganisationFactory(communities=["carers"], status="removed")
        counts = dict(organisations_by_community())
        assert counts[carers] == "2"
        assert len(counts) == len(COMMUNITIES.terms)
        monkeypatch.setattr(evidence, "COUNT_UP_TO", 1)
        assert dict(organisations_by_community())[carers] == "more than 1"


def test_the_kept_counts_by_community_follow_every_change_to_the_directory(app):
    from engage.core.db import db
    from engage.directory.api import organisations_by_community
    from engage.directory.services import set_terms
    from engage.directory.taxonomy import COMMUNITIES
    from tests.factories import OrganisationFactory

    carers, women = COMMUNITIES.label("carers"), COMMUNITIES.label("women")

    def counts() -> dict[str, str]:
        found = dict(organisations_by_community())
        db.session.commit()
        return found

    with app.app_context():
        first = OrganisationFactory(communities=["carers"])
        assert counts()[carers] == "1"
        OrganisationFactory(communities=["carers"])
        assert counts()[carers] == "2"
        first.status = "removed"
        db.session.commit()
        assert counts()[carers] == "1"
        second = OrganisationFactory(communities=["women"])
        assert (counts()[carers], counts()[women]) == ("1", "1")
        set_terms(second, COMMUNITIES.key, ["carers"])
        db.session.commit()
        assert (counts()[carers], counts()[women]) == ("2", "0")
        db.session.delete(second)
        db.session.commit()
        assert counts()[carers] == "1"
