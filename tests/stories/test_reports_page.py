"""The stories reports page: counts against hand-counted stories (withdrawn never counted,
safeguarding stories only for safeguarding officers), the response-time record, the
monitoring-group filter only for the equality data role and through disclosure control,
who may see it, and its queries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import event, select

from engage.core.audit import AuditEvent
from engage.core.db import db, utcnow
from engage.stories import stages
from tests.stories.reports_helpers import DISABLED, URL, officer, stories, text, theme_ids

LIVERPOOL, WIRRAL = "E08000012", "E08000015"


def _hand_counted(app) -> None:
    transport, housing = theme_ids(app, "Transport", "Housing")
    stories(app, 3, themed=[transport], area_code=LIVERPOOL)
    stories(app, 2, themed=[transport, housing], area_code=WIRRAL, channel="phone",
            change=stages.ChangeMarker.MADE)  # fmt: skip
    stories(app, 1, area_code=None, status=stages.CLOSED)
    stories(app, 1, themed=[transport], area_code=LIVERPOOL, withdrawn_at=utcnow())
    stories(app, 1, themed=[housing], area_code=WIRRAL, safeguarding=True)


def test_counts_match_the_stories_withdrawn_left_out(app, make_user):
    _hand_counted(app)
    response = officer(app, make_user).get(URL)
    assert response.status_code == 200
    page = text(response)
    assert "Counted: every story (6 stories)." in page
    # Told this quarter (the last column), then the total.
    assert "Stories told 0 0 0 0 0 0 0 6 6" in page
    assert "Transport 0 0 0 0 0 0 0 5 5" in page
    assert "Housing 0 0 0 0 0 0 0 2 2" in page
    assert "Not coded to a theme yet 0 0 0 0 0 0 0 1 1" in page
    assert "Liverpool 3 50.0%" in page and "Wirral 2 33.3%" in page
    assert "Not answered 1 16.7%" in page
    assert "Online, by the person 4 66.7%" in page and "By phone 2 33.3%" in page
    assert "Change made 2 33.3%" in page and "Not decided yet 4 66.7%" in page
    assert "Closed 1 16.7%" in page and "New 5 83.3%" in page


def test_safeguarding_stories_are_counted_only_for_safeguarding_officers(app, make_user):
    _hand_counted(app)
    page = text(officer(app, make_user, stages.SAFEGUARDING_ROLE).get(URL))
    assert "Counted: every story (7 stories)." in page
    assert "Housing 0 0 0 0 0 0 0 3 3" in page
    assert "Wirral 3 42.9%" in page


def test_stories_told_before_the_quarters_shown_are_counted_as_earlier(app, make_user):
    stories(app, 2, told_at=utcnow() - timedelta(days=3 * 365))
    stories(app, 1)
    page = text(officer(app, make_user).get(URL))
    assert "Stories told 2 0 0 0 0 0 0 0 1 3" in page


def test_the_response_time_record(app, make_user):
    today = date.today()
    due = today - timedelta(days=10)
    noon = datetime(due.year, due.month, due.day, 12, tzinfo=UTC)
    stories(app, 3, due_on=due, first_responded_at=noon, status=stages.RESPONDED)  # in time
    stories(
        app, 1, due_on=due, first_responded_at=noon + timedelta(days=1), status=stages.RESPONDED
    )  # late; fmt: skip
    stories(app, 2, due_on=due, status=stages.NEW)  # overdue
    stories(app, 1, due_on=due, status=stages.IN_REVIEW)  # overdue
    stories(app, 5, due_on=today + timedelta(days=5))  # still in time
    stories(app, 1, due_on=due, status=stages.CLOSED)  # closed with nothing sent
    page = text(officer(app, make_user).get(URL))
    # 3 in time of 7 (3 + 1 late + 3 overdue).
    assert "43% responded to within 20 working days" in page
    assert "3 of the 7 stories" in page
    assert "Overdue now (new or in review, and more than 20 working days old): 3 ." in page
    assert "Not responded to yet, within 20 working days 5" in page
    assert "Closed with no response recorded 1" in page


def test_the_uk_day_of_a_response_decides_whether_it_was_in_time(app, make_user):
    summer, winter = date(2025, 6, 10), date(2025, 1, 14)
    # 11:30pm UTC in June is 12:30am the next day in the UK: late.
    stories(app, 1, due_on=summer, status=stages.RESPONDED,
            first_responded_at=datetime(2025, 6, 10, 23, 30, tzinfo=UTC))  # fmt: skip
    # 10:30pm UTC in June is 11:30pm in the UK, and 11:30pm UTC in January is UK time too.
    stories(app, 1, due_on=summer, status=stages.RESPONDED,
            first_responded_at=datetime(2025, 6, 10, 22, 30, tzinfo=UTC))  # fmt: skip
    stories(app, 1, due_on=winter, status=stages.RESPONDED,
            first_responded_at=datetime(2025, 1, 14, 23, 30, tzinfo=UTC))  # fmt: skip
    page = text(officer(app, make_user).get(URL))
    assert "2 of the 3 stories" in page


def test_only_the_equality_data_role_filters_by_monitoring_group(app, make_user):
    stories(app, 12, monitoring=DISABLED)
    response = officer(app, make_user).get(URL + "?group=disability:disabled")
    assert 'name="group"' not in response.get_data(as_text=True)
    assert "Counted: every story (12 stories)." in text(response)
    with app.app_context():
        assert not db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "equality_data_viewed")
        ).all()


def test_a_monitoring_group_is_suppressed_below_the_threshold_and_recorded(app, make_user):
    transport, housing = theme_ids(app, "Transport", "Housing")
    stories(app, 11, themed=[transport], monitoring=DISABLED)
    stories(app, 1, themed=[housing], monitoring=DISABLED, channel="phone")
    stories(app, 30, themed=[housing])  # not in the group
    analyst = officer(app, make_user, "equality_data")
    page = text(analyst.get(URL + "?group=disability:disabled"))
    assert "Counted: Disabled people." in page
    assert "Transport 11 91.7%" in page
    assert "Housing fewer than 10 not shown" in page
    # The phone story is one of five small counts (four of them 0): it cannot be worked out.
    assert "Online, by the person 11 91.7%" in page and "By phone fewer than 10" in page
    assert "Themes over time" not in page  # no cross-table for a group
    with app.app_context():
        event_ = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "equality_data_viewed")
        ).one()
        assert "Disabled people" in event_.details["what"]


def test_a_small_monitoring_group_is_not_shown(app, make_user):
    stories(app, 4, monitoring=DISABLED)
    stories(app, 20)
    analyst = officer(app, make_user, "equality_data")
    page = text(analyst.get(URL + "?group=disability:disabled"))
    assert "Fewer than 10 stories were told by people in this group" in page
    assert "Stories by theme" not in page


def test_an_unknown_group_is_an_error_not_a_500(app, make_user):
    analyst = officer(app, make_user, "equality_data")
    response = analyst.get(URL + "?group=nonsense")
    assert response.status_code == 200
    assert "Choose a group from the list" in response.get_data(as_text=True)


def test_only_officers(app, make_user, client):
    from tests.panels.helpers import login

    resident = login(app, make_user())
    assert resident.get(URL).status_code == 403
    assert resident.get(URL + "stories.csv").status_code == 403
    assert client.get(URL).status_code in (302, 401)


def _queries(app, client, address: str) -> int:
    statements = []
    with app.app_context():
        engine = db.engine

    def seen(*args):
        statements.append(args[2])

    client.get(address)
    event.listen(engine, "before_cursor_execute", seen)
    try:
        assert client.get(address).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    return len(statements)


def test_the_same_queries_at_two_sizes(app, make_user):
    transport, _ = theme_ids(app, "Transport", "Housing")
    stories(app, 3, themed=[transport], monitoring=DISABLED)
    analyst = officer(app, make_user, "equality_data")
    small = _queries(app, analyst, URL)
    grouped_small = _queries(app, analyst, URL + "?group=disability:disabled")
    stories(app, 40, themed=[transport], monitoring=DISABLED, first_responded_at=utcnow())
    stories(app, 20, told_at=utcnow() - timedelta(days=400))
    assert _queries(app, analyst, URL) == small
    assert _queries(app, analyst, URL + "?group=disability:disabled") == grouped_small
    assert small <= 8


def test_a_hostile_theme_name_is_shown_as_text(app, make_user):
    [hostile] = theme_ids(app, '<script>alert("x")</script> & =SUM(A1)')
    stories(app, 2, themed=[hostile])
    response = officer(app, make_user).get(URL)
    html = response.get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; =SUM(A1)" in html
    rows = officer(app, make_user).get(URL + "stories.csv").get_data().decode("utf-8-sig")
    assert '<script>alert(""x"")</script> & =SUM(A1)' in rows
