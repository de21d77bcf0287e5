"""Officers' actions on a story: assign, move, reply by email, themes, priorities, what
changed and the safeguarding flag; each checked, kept and written to the audit log."""

from __future__ import annotations

from sqlalchemy import select

from engage.core import themes
from engage.core.db import db, utcnow
from engage.core.email import OutboxMessage
from engage.core.theme_models import ThemeCode
from engage.stories import stages
from engage.stories.models import Story
from engage.strategy.api import current_priority_ids
from tests.conftest import csrf_token
from tests.page import text_of
from tests.stories.triage_helpers import TELLER, actions, flashes, get, officer, post, story


def _url(story_id: int, action: str = "") -> str:
    return f"/admin/stories/{story_id}" + (f"/{action}" if action else "")


def _emails(app, kind: str) -> list[OutboxMessage]:
    with app.app_context():
        found = list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)))
        for message in found:
            db.session.expunge(message)
        return found


# Assigning --------------------------------------------------------------------------------------


def test_assign_to_an_officer_then_to_nobody(app, make_user):
    client, me = officer(app, make_user, full_name="Mo Officer")
    story_id = story(app)
    response = post(client, _url(story_id, "assign"), {"assignee": str(me)})
    assert response.status_code == 302
    assert get(app, story_id).assigned_to_id == me
    assert "Mo Officer" in client.get(_url(story_id)).page.text
    post(client, _url(story_id, "assign"), {"assignee": ""})
    assert get(app, story_id).assigned_to_id is None
    assert actions(app, story_id) == ["story_assigned", "story_assigned"]


def test_assigning_to_someone_not_listed_is_refused(app, make_user):
    client, _ = officer(app, make_user)
    resident = make_user(full_name="Rita Resident").id
    story_id = story(app)
    page = post(client, _url(story_id, "assign"), {"assignee": str(resident)}).page
    assert page.field_error("assignee") == "Choose someone from the list"
    assert get(app, story_id).assigned_to_id is None


def test_a_safeguarding_story_is_only_assigned_to_safeguarding_officers(app, make_user):
    client, me = officer(app, make_user, stages.SAFEGUARDING_ROLE)
    plain = make_user(roles=["officer"], full_name="Pat Plain").id
    story_id = story(app, safeguarding=True)
    page = client.get(_url(story_id, "assign")).page
    assert "Pat Plain" not in page.text
    page = post(client, _url(story_id, "assign"), {"assignee": str(plain)}).page
    assert page.field_error("assignee") == "Choose someone from the list"
    post(client, _url(story_id, "assign"), {"assignee": str(me)})
    assert get(app, story_id).assigned_to_id == me


# Moving -----------------------------------------------------------------------------------------


def test_status_moves_follow_the_transitions(app, make_user):
    client, _ = officer(app, make_user)
    story_id = story(app)
    page = client.get(_url(story_id, "status")).page
    offered = [element.get("value") for element in page.find_all("input[name=status]")]
    assert offered == ["in_review", "closed"]
    # New cannot go straight to responded by hand.
    page = post(client, _url(story_id, "status"), {"status": "responded"}).page
    assert page.field_error("status") == "Choose where to move the story from the list"
    assert get(app, story_id).status == stages.NEW
    post(client, _url(story_id, "status"), {"status": "closed"})
    closed = get(app, story_id)
    assert closed.status == stages.CLOSED and closed.closed_at is not None
    post(client, _url(story_id, "status"), {"status": "in_review"})
    reopened = get(app, story_id)
    assert reopened.status == stages.IN_REVIEW and reopened.closed_at is None
    assert actions(app, story_id) == ["story_status_changed"] * 2


def test_a_move_made_stale_by_someone_else_is_refused_with_words(app, make_user):
    client, _ = officer(app, make_user)
    story_id = story(app, status=stages.IN_REVIEW)
    token = csrf_token(client.get(_url(story_id, "status")))
    with app.app_context():
        db.session.get(Story, story_id).status = stages.CLOSED
        db.session.commit()
    response = client.post(_url(story_id, "status"),
                           data={"csrf_token": token, "status": "responded"})  # fmt: skip
    # Closed offers only "in review": the stale choice is refused, nothing changes.
    assert response.status_code == 200
    assert get(app, story_id).status == stages.CLOSED


# Replying ---------------------------------------------------------------------------------------


def test_replying_emails_the_person_keeps_the_reply_and_marks_it_responded(app, make_user):
    client, me = officer(app, make_user)
    story_id = story(app, **TELLER)
    text = "Thank you. We have asked the station to put up signs.\n<b>Really</b>"
    response = post(client, _url(story_id, "reply"), {"text": text})
    assert response.status_code == 302
    assert "emailed to zebedee.quill@example.org" in flashes(client)[0]
    replied = get(app, story_id)
    assert replied.status == stages.RESPONDED
    assert replied.first_responded_at is not None
    assert [(r.text, r.sent_to, r.sent_by_id) for r in replied.replies] == [
        (text, "zebedee.quill@example.org", me)
    ]
    [email] = _emails(app, "story-reply")
    assert email.recipient == "zebedee.quill@example.org"
    assert replied.reference in email.body and "put up signs" in email.body
    assert "<b>Really</b>" in email.body  # plain text, as the officer wrote it
    shown = client.get(_url(story_id))
    [kept] = shown.page.find_all(".govuk-inset-text")
    assert "put up signs" in text_of(kept) and "<b>Really</b>" in text_of(kept)
    assert "<b>Really</b>" not in shown.get_data(as_text=True)  # escaped
    # A second reply keeps the first response time.
    first = replied.first_responded_at
    post(client, _url(story_id, "reply"), {"text": "One more thing."})
    assert get(app, story_id).first_responded_at == first
    assert len(get(app, story_id).replies) == 2
    assert actions(app, story_id) == ["story_replied", "story_replied"]


def test_a_reply_to_a_closed_story_leaves_it_closed(app, make_user):
    client, _ = officer(app, make_user)
    story_id = story(app, **TELLER, status=stages.CLOSED)
    post(client, _url(story_id, "reply"), {"text": "Sorry for the wait."})
    assert get(app, story_id).status == stages.CLOSED


def test_no_reply_without_consent_or_an_email_address(app, make_user):
    client, _ = officer(app, make_user)
    no_consent = story(app, **{**TELLER, "consent_contact": False})
    anonymous = story(app)
    for story_id in (no_consent, anonymous):
        response = client.get(_url(story_id, "reply"))
        assert response.status_code == 302
        assert stages.NO_CONTACT in flashes(client)[0]
        response = client.post(_url(story_id, "reply"), data={"text": "Hello"})
        assert response.status_code in (302, 400)
        assert get(app, story_id).replies == []
    assert _emails(app, "story-reply") == []


def test_an_empty_or_hostile_reply_is_refused_with_a_message(app, make_user):
    client, _ = officer(app, make_user)
    story_id = story(app, **TELLER)
    page = post(client, _url(story_id, "reply"), {"text": "   "}).page
    assert page.field_error("text") == "Enter your reply"
    page = post(client, _url(story_id, "reply"), {"text": "Hello\x00there"}).page
    assert "hidden control characters" in page.field_error("text")
    page = post(client, _url(story_id, "reply"), {"text": "x" * 10_001}).page
    assert "10,000 characters or fewer" in page.field_error("text")
    assert get(app, story_id).replies == []


# Themes and priorities --------------------------------------------------------------------------


def test_coding_a_story_to_themes(app, make_user):
    client, _ = officer(app, make_user)
    story_id = story(app)
    with app.app_context():
        frame = themes.codeframe_for(*stages.CODEFRAME_OWNER)
        buses, lifts = themes.add_theme(frame, "Buses"), themes.add_theme(frame, "Lifts")
        db.session.commit()
        ids = (buses.id, lifts.id)
    post(client, _url(story_id, "themes"), {"themes": [str(ids[1])]})
    with app.app_context():
        coded = list(db.session.scalars(select(ThemeCode.theme_id).where(
            ThemeCode.item_type == stages.THEME_ITEM, ThemeCode.item_id == story_id)))  # fmt: skip
    assert coded == [ids[1]]
    assert "Lifts" in client.get(_url(story_id)).page.text
    page = post(client, _url(story_id, "themes"), {"themes": ["99999"]}).page
    assert page.field_error("themes")
    for hostile in ("abc", "1\x00", "<script>"):
        response = post(client, _url(story_id, "themes"), {"themes": [hostile]})
        assert response.status_code == 200
        assert response.page.field_error("themes") == "Choose themes from the list"
    assert "story_themes_coded" in actions(app, story_id)


def test_tagging_strategy_priorities(app, make_user):
    client, _ = officer(app, make_user)
    story_id = story(app)
    with app.app_context():
        priority_ids = current_priority_ids(["EO1.1", "EO2.1"])
    assert priority_ids
    post(client, _url(story_id, "priorities"), {"priorities": [str(i) for i in priority_ids]})
    with app.app_context():
        tagged = sorted(p.id for p in db.session.get(Story, story_id).priorities)
    assert tagged == sorted(priority_ids)
    assert "story_priorities_tagged" in actions(app, story_id)


# What changed -----------------------------------------------------------------------------------


def test_change_made_needs_a_description_and_no_change_a_reason(app, make_user):
    client, _ = officer(app, make_user)
    story_id = story(app)
    page = post(client, _url(story_id, "change"), {"change": "made", "description": " "}).page
    assert page.field_error("description") == stages.CHANGE_NEEDS_DESCRIPTION
    page = post(client, _url(story_id, "change"), {"change": "no_change"}).page
    assert page.field_error("description") == stages.NO_CHANGE_NEEDS_REASON
    page = post(client, _url(story_id, "change"), {"change": "sideways"}).page
    assert page.field_error("change")
    assert get(app, story_id).change == stages.ChangeMarker.NOT_YET
    post(client, _url(story_id, "change"), {"change": "planned"})
    assert get(app, story_id).change == stages.ChangeMarker.PLANNED
    post(client, _url(story_id, "change"),
         {"change": "made", "description": "Signs now say when the lift is out."})  # fmt: skip
    changed = get(app, story_id)
    assert changed.change == stages.ChangeMarker.MADE
    assert changed.change_description == "Signs now say when the lift is out."
    assert "Signs now say when the lift is out." in client.get(_url(story_id)).page.text
    assert actions(app, story_id) == ["story_change_recorded"] * 2


# Safeguarding flag ------------------------------------------------------------------------------


def test_an_officer_flags_a_story_and_no_longer_sees_it(app, make_user):
    guardian = make_user(roles=["officer", stages.SAFEGUARDING_ROLE], email="sg@example.org")
    client, me = officer(app, make_user)
    story_id = story(app, assigned_to_id=me)
    page = client.get(_url(story_id, "safeguarding")).page
    assert "you will no longer see it" in page.text
    page = post(client, _url(story_id, "safeguarding"), {"reason": " "}).page
    assert page.field_error("reason") == "Say why this story needs safeguarding"
    response = post(client, _url(story_id, "safeguarding"),
                    {"reason": "They say their neighbour threatens them."})  # fmt: skip
    assert response.headers["Location"] == "/admin/stories"
    [message] = flashes(client)
    assert "You no longer see it" in message
    flagged = get(app, story_id)
    assert flagged.safeguarding and flagged.safeguarding_flagged_by_id == me
    assert flagged.safeguarding_reason == "They say their neighbour threatens them."
    assert flagged.assigned_to_id is None  # nobody keeps a story they cannot see
    assert client.get(_url(story_id)).status_code == 404
    [email] = _emails(app, "story-safeguarding")
    assert email.recipient == guardian.email
    assert "story_safeguarding_flagged" in actions(app, story_id)


def test_a_safeguarding_officer_who_flags_a_story_still_sees_it(app, make_user):
    client, _ = officer(app, make_user, stages.SAFEGUARDING_ROLE)
    story_id = story(app)
    response = post(client, _url(story_id, "safeguarding"), {"reason": "Sounds unsafe."})
    assert response.headers["Location"] == _url(story_id)
    assert client.get(_url(story_id)).status_code == 200
    # Flagging again is refused with words.
    response = client.get(_url(story_id, "safeguarding"))
    assert response.status_code == 302
    assert stages.ALREADY_FLAGGED in flashes(client)[-1]


def test_a_withdrawn_story_can_still_be_flagged_but_nothing_else(app, make_user):
    client, _ = officer(app, make_user, stages.SAFEGUARDING_ROLE)
    story_id = story(app, **TELLER, withdrawn_at=utcnow())
    for action in ("assign", "status", "reply", "themes", "priorities", "change"):
        assert client.get(_url(story_id, action)).status_code == 302, action
        assert stages.WITHDRAWN_STORY in flashes(client)[0]
    post(client, _url(story_id, "safeguarding"), {"reason": "At risk."})
    assert get(app, story_id).safeguarding


def test_moving_to_responded_by_hand_counts_as_the_first_response(app, make_user):
    client, _ = officer(app, make_user)
    story_id = story(app, status=stages.IN_REVIEW)
    post(client, _url(story_id, "status"), {"status": "responded"})
    moved = get(app, story_id)
    assert moved.status == stages.RESPONDED
    assert moved.first_responded_at is not None
