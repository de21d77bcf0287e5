"""The public stories pages: only stories still allowed to be public (consent kept, not
withdrawn, never safeguarding), newest first, filtered by theme, area and objective, with the
share that led to a change counted for the filtered set, in a fixed number of queries; and
nothing that identifies the person."""

from __future__ import annotations

from sqlalchemy import event

from engage.core.db import db, utcnow
from engage.stories import stages
from engage.stories.models import Story
from engage.strategy.api import current_priority_ids, set_tags
from tests.page import text_of
from tests.recruitment.helpers import ensure_reference_data
from tests.stories.publish_setup import ORIGINAL, TELLER, code, published, story_theme

LIVERPOOL, WIRRAL = "E08000012", "E08000015"


def _titles(client, url: str = "/stories") -> list[str]:
    page = client.get(url).page
    return [text_of(heading) for heading in page.find_all("#stories h3")]


def _set(app, story_id: int, **fields) -> None:
    with app.app_context():
        story = db.session.get(Story, story_id)
        for name, value in fields.items():
            setattr(story, name, value)
        db.session.commit()


def test_only_public_stories_are_listed_newest_first(app, client):
    ensure_reference_data(app)
    with app.app_context():
        older = published(minutes_ago=30, public_title="Older").id
        newer = published(minutes_ago=5, public_title="Newer").id
        published(public_title="Flagged", safeguarding=True)
        published(public_title="No consent", consent_publish=False)
        published(public_title="Withdrawn", withdrawn_at=utcnow())
        published(public_title="Not published", published_at=None)
        db.session.commit()
    assert _titles(client) == ["Newer", "Older"]
    assert client.get(f"/stories/{older}").status_code == 200
    assert client.get(f"/stories/{newer}").page.h1 == "Newer"


def test_a_safeguarding_story_is_never_public_even_if_published(app, client):
    ensure_reference_data(app)
    with app.app_context():
        story_id = published(public_title="At risk", safeguarding=True).id
        db.session.commit()
    assert client.get(f"/stories/{story_id}").status_code == 404
    assert "At risk" not in client.get("/stories").get_data(as_text=True)


def test_withdrawing_consent_or_the_story_takes_it_off_at_once(app, client):
    ensure_reference_data(app)
    with app.app_context():
        first = published(public_title="First").id
        second = published(public_title="Second").id
        db.session.commit()
    assert sorted(_titles(client)) == ["First", "Second"]
    _set(app, first, consent_publish=False)
    assert client.get(f"/stories/{first}").status_code == 404
    assert _titles(client) == ["Second"]
    _set(app, second, withdrawn_at=utcnow())
    assert client.get(f"/stories/{second}").status_code == 404
    assert _titles(client) == []
    assert "No stories have been published yet" in client.get("/stories").page.text
    _set(app, first, consent_publish=True)  # the person agreed again
    assert _titles(client) == ["First"]


def test_the_share_that_led_to_a_change_and_the_filters(app, client):
    ensure_reference_data(app)
    with app.app_context():
        transport, housing = story_theme("Transport"), story_theme("Housing")
        made = published(public_title="Made", change=stages.ChangeMarker.MADE,
                         change_description="Ramps fitted", area_code=LIVERPOOL)  # fmt: skip
        planned = published(public_title="Planned", change=stages.ChangeMarker.PLANNED,
                            area_code=WIRRAL)  # fmt: skip
        nothing = published(public_title="Nothing", change=stages.ChangeMarker.NO_CHANGE,
                            change_description="Not allowed", area_code=WIRRAL)  # fmt: skip
        published(public_title="Flagged", change=stages.ChangeMarker.MADE, safeguarding=True)
        code(made.id, transport)
        code(nothing.id, transport)
        code(planned.id, housing)
        set_tags(planned, current_priority_ids(["EO2.1"]))
        set_tags(nothing, current_priority_ids(["EO1.1"]))
        db.session.commit()
        transport_id = transport.id
    headline = text_of(client.get("/stories").page.by_id("headline"))
    assert headline == "2 of 3 published stories led to a change (67%)"
    by_theme = client.get(f"/stories?theme={transport_id}").page
    assert text_of(by_theme.by_id("headline")) == (
        "1 of 2 published stories matching these filters led to a change (50%)"
    )
    assert sorted(_titles(client, f"/stories?theme={transport_id}")) == ["Made", "Nothing"]
    assert sorted(_titles(client, f"/stories?area={WIRRAL}")) == ["Nothing", "Planned"]
    assert _titles(client, "/stories?objective=EO2") == ["Planned"]
    assert _titles(client, f"/stories?area={WIRRAL}&objective=EO1") == ["Nothing"]
    empty = client.get(f"/stories?area={LIVERPOOL}&objective=EO2").page
    assert text_of(empty.by_id("headline")) == "No published stories match these filters"
    # Unknown values are ignored, never an error.
    assert len(_titles(client, "/stories?theme=999999&area=nowhere&objective=<b>")) == 3


def test_the_story_page_shows_the_marker_response_area_and_themes(app, client):
    ensure_reference_data(app)
    with app.app_context():
        story = published(change=stages.ChangeMarker.NO_CHANGE, area_code=LIVERPOOL,
                          change_description="The law does not allow it",
                          when_happened=stages.WhenItHappened.THIS_YEAR)  # fmt: skip
        code(story.id, story_theme("Access"))
        set_tags(story, current_priority_ids(["EO2.1"]))
        db.session.commit()
        story_id = story.id
    page = client.get(f"/stories/{story_id}").page
    text = page.text
    assert "No change" in text and "The law does not allow it" in text
    assert "We have trained the staff at our offices again." in text
    assert "Liverpool" in text and "In the last year" in text and "Access" in text
    assert "EO2" in text


def test_nothing_identifying_is_shown(app, client):
    ensure_reference_data(app)
    with app.app_context():
        story = published(told_at=utcnow().replace(year=2025, month=2, day=17))
        db.session.commit()
        story_id = story.id
    for url in ("/stories", f"/stories/{story_id}"):
        html = client.get(url).get_data(as_text=True)
        for secret in (TELLER["name"], TELLER["email"], ORIGINAL, "Kirkby One Stop Shop",
                       "17 February 2025", story.reference):  # fmt: skip
            assert secret not in html, (url, secret)


def test_pages_of_twenty(app, client):
    ensure_reference_data(app)
    with app.app_context():
        for number in range(23):
            published(minutes_ago=number, public_title=f"Story {number}")
        db.session.commit()
    first = client.get("/stories").page
    assert "Showing 1 to 20 of 23 stories" in first.text
    assert _titles(client, "/stories?page=2") == ["Story 20", "Story 21", "Story 22"]


def _queries(app, client, url: str) -> int:
    with app.app_context():
        engine = db.engine
    seen: list[str] = []

    def count(*args: object) -> None:
        seen.append(str(args[2]))

    client.get(url)  # warm
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def _add(app, count: int, theme_label: str) -> int:
    with app.app_context():
        theme = story_theme(theme_label)
        for number in range(count):
            story = published(minutes_ago=number, area_code=LIVERPOOL,
                              change=stages.ChangeMarker.MADE)  # fmt: skip
            code(story.id, theme)
            set_tags(story, current_priority_ids(["EO2.1"]))
        db.session.commit()
        return theme.id


def test_the_same_few_queries_however_many_stories(app, client):
    ensure_reference_data(app)
    theme_id = _add(app, 3, "Small")
    urls = ["/stories", f"/stories?theme={theme_id}&area={LIVERPOOL}&objective=EO2"]
    small = [_queries(app, client, url) for url in urls]
    _add(app, 45, "Big")
    big = [_queries(app, client, url) for url in urls]
    assert big == small, (small, big)
    assert max(small) <= 10
    with app.app_context():
        few = published(area_code=LIVERPOOL)
        many = published(area_code=LIVERPOOL)
        set_tags(few, current_priority_ids(["EO2.1"]))
        set_tags(many, current_priority_ids(["EO1.1", "EO2.1", "EO2.2", "EO3.1"]))
        for label in ("One", "Two", "Three"):
            code(many.id, story_theme(label))
        db.session.commit()
        few_id, many_id = few.id, many.id
    one = _queries(app, client, f"/stories/{few_id}")
    assert _queries(app, client, f"/stories/{many_id}") == one
    assert one <= 10


def test_the_share_is_never_rounded_to_all_or_nothing():
    from engage.stories.publish.services import Headline

    assert Headline(2, 3).percent == 67
    assert Headline(199, 200).percent == 99
    assert Headline(1, 300).percent == 1
    assert (Headline(0, 5).percent, Headline(5, 5).percent, Headline(0, 0).percent) == (0, 100, 0)
