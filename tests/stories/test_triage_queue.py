"""The officers' queue of stories: safeguarding first (only for safeguarding officers), then
by due date; filters; pages; a fixed number of queries whatever the number of stories."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import event

from engage.core import themes
from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.working_days import working_days_between
from engage.stories import stages
from engage.stories.models import Story
from tests.factories.stories import StoryFactory
from tests.page import text_of
from tests.stories.triage_helpers import officer, story

QUEUE = "/admin/stories"


def _references(page) -> list[str]:
    return [
        text_of(item).removeprefix("Story ")
        for item in page.find_all("#stories .govuk-summary-card__title a")
    ]


def test_safeguarding_stories_come_first_then_by_due_date(app, make_user):
    today = uk_today()
    story(app, reference="LE-LATER", due_on=today + timedelta(days=20))
    story(app, reference="LE-SOONER", due_on=today + timedelta(days=2))
    story(app, reference="LE-RISK", due_on=today + timedelta(days=30), safeguarding=True,
          safeguarding_reason="Contains: \u201cunsafe\u201d")  # fmt: skip
    story(app, reference="LE-EARLIER", due_on=today - timedelta(days=3))
    client, _ = officer(app, make_user, stages.SAFEGUARDING_ROLE)
    page = client.get(QUEUE).page
    assert _references(page) == ["LE-RISK", "LE-EARLIER", "LE-SOONER", "LE-LATER"]
    first = text_of(page.find_all("#stories > li")[0])
    assert "Safeguarding: told" in first and "ago" in first


def test_an_officer_without_the_role_never_sees_a_safeguarding_story(app, make_user):
    hidden = story(app, reference="LE-HIDDEN", safeguarding=True)
    story(app, reference="LE-SHOWN")
    client, _ = officer(app, make_user)
    page = client.get(QUEUE).page
    assert _references(page) == ["LE-SHOWN"]
    assert "LE-HIDDEN" not in page.text
    assert page.find("input[value=safeguarding]") is None  # not offered as a filter
    assert client.get(f"{QUEUE}?only=safeguarding").page.text.count("LE-HIDDEN") == 0
    assert client.get(f"{QUEUE}/{hidden}").status_code == 404


def test_overdue_stories_say_by_how_many_working_days(app, make_user):
    today = uk_today()
    due = today - timedelta(days=10)
    late_id = story(app, reference="LE-LATE", due_on=due)
    story(app, reference="LE-DONE", due_on=due, status=stages.RESPONDED)
    client, _ = officer(app, make_user)
    page = client.get(QUEUE).page
    late = working_days_between(due, today)
    assert late >= 5
    assert f"Overdue by {late} working days" in text_of(page.by_id(f"story-{late_id}"))
    assert page.text.count("Overdue by") == 1  # a responded story is not overdue
    only_overdue = client.get(f"{QUEUE}?only=overdue").page
    assert _references(only_overdue) == ["LE-LATE"]


def test_filters(app, make_user):
    client, me = officer(app, make_user)
    other = make_user(roles=["officer"], full_name="Olive Other").id
    story(app, reference="LE-MINE", assigned_to_id=me, status=stages.IN_REVIEW)
    story(app, reference="LE-THEIRS", assigned_to_id=other, channel=stages.Channel.PHONE)
    story(app, reference="LE-NOBODY", status=stages.CLOSED)
    themed = story(app, reference="LE-THEMED")
    with app.app_context():
        frame = themes.codeframe_for(*stages.CODEFRAME_OWNER)
        theme = themes.add_theme(frame, "Buses")
        themes.set_item_themes(frame, stages.THEME_ITEM, themed, [theme.id])
        db.session.commit()
        theme_id = theme.id
    assert _references(client.get(f"{QUEUE}?assigned=me").page) == ["LE-MINE"]
    assert sorted(_references(client.get(f"{QUEUE}?assigned=nobody").page)) == [
        "LE-NOBODY", "LE-THEMED",
    ]  # fmt: skip
    assert _references(client.get(f"{QUEUE}?status=closed").page) == ["LE-NOBODY"]
    assert "LE-NOBODY" not in _references(client.get(f"{QUEUE}?status=awaiting").page)
    assert _references(client.get(f"{QUEUE}?channel=phone").page) == ["LE-THEIRS"]
    assert _references(client.get(f"{QUEUE}?theme={theme_id}").page) == ["LE-THEMED"]
    page = client.get(f"{QUEUE}?assigned=me").page
    assert "Olive Other" not in page.text
    everyone = client.get(QUEUE).page.text
    assert "Olive Other" in everyone
    # Nonsense is ignored, never a 500.
    response = client.get(f"{QUEUE}?status=%00&theme=abc&channel=<b>&only=x&page=-3")
    assert response.status_code == 200
    assert len(_references(response.page)) == 4


def test_the_filters_are_labelled_and_grouped(app, make_user):
    client, _ = officer(app, make_user, stages.SAFEGUARDING_ROLE)
    page = client.get(QUEUE).page
    legend = page.one("form[role=search] fieldset legend")
    assert text_of(legend) == "Show only"
    assert "Stories that need safeguarding" in page.text


def test_pages_of_stories(app, make_user):
    with app.app_context():
        for number in range(30):
            StoryFactory(due_on=date(2030, 1, 1) + timedelta(days=number))
        db.session.commit()
    client, _ = officer(app, make_user)
    first = client.get(QUEUE).page
    assert "Showing 1 to 25 of 30 stories" in first.text
    assert len(_references(first)) == 25
    second = client.get(f"{QUEUE}?page=2").page
    assert "Showing 26 to 30 of 30 stories" in second.text
    assert len(_references(second)) == 5


def _queries(app, client, url: str) -> int:
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    client.get(url)
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def _many(app, how_many: int, **fields) -> None:
    with app.app_context():
        for number in range(how_many):
            StoryFactory(
                safeguarding=number % 7 == 0,
                due_on=uk_today() + timedelta(days=number - 5),
                **fields,
            )
        db.session.commit()


def test_the_queue_makes_the_same_queries_however_many_stories(app, make_user):
    client, me = officer(app, make_user, stages.SAFEGUARDING_ROLE)
    _many(app, 3)
    small = _queries(app, client, QUEUE)
    _many(app, 40, assigned_to_id=me)
    big = _queries(app, client, QUEUE)
    assert big == small
    assert small <= 10
    filtered = f"{QUEUE}?only=overdue&assigned=me&theme=1"
    assert _queries(app, client, filtered) <= 10


def test_links_from_the_queue(app, make_user):
    client, _ = officer(app, make_user)
    links = client.get(QUEUE).page.links
    assert links["Safeguarding phrases"] == "/admin/stories/safeguarding-phrases"
    assert links["Themes"] == "/admin/stories/themes"
    assert "Type in a story" in links


def test_residents_cannot_open_the_queue(app, make_user, signed_in_as):
    client = signed_in_as(make_user())
    assert client.get(QUEUE).status_code == 403
    assert Story  # the model is importable (used by other tests)


def test_overdue_is_counted_in_working_days_and_not_for_withdrawn_stories():
    from types import SimpleNamespace

    from engage.stories.triage.services import overdue_by

    friday = date(2026, 12, 4)

    def due(**fields):
        values = {"status": stages.NEW, "due_on": friday, "withdrawn_at": None, **fields}
        return SimpleNamespace(**values)

    assert overdue_by(due(), friday) is None  # due today: not late yet
    assert overdue_by(due(), date(2026, 12, 5)) == 0  # Saturday: late, no working day lost
    assert overdue_by(due(), date(2026, 12, 7)) == 1  # Monday
    assert overdue_by(due(), date(2026, 12, 29)) == 15  # Christmas and Boxing Day skipped
    assert overdue_by(due(status=stages.RESPONDED), date(2026, 12, 7)) is None
    assert overdue_by(due(withdrawn_at=friday), date(2026, 12, 7)) is None


def test_the_count_stops_at_a_thousand(app, make_user, monkeypatch):
    from engage.stories.triage import queue

    monkeypatch.setattr(queue, "COUNTED_UP_TO", 3)
    with app.app_context():
        for _ in range(5):
            StoryFactory()
        db.session.commit()
    client, _ = officer(app, make_user)
    assert "Showing 1 to 3 of more than 3 stories" in client.get(QUEUE).page.text
