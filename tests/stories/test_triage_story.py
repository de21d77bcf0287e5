"""A story's page for officers: everything the person told, contact details only when they
gave them, and a safeguarding story seen only by safeguarding officers, every view audited."""

from __future__ import annotations

from engage.core.db import utcnow
from engage.stories import stages
from tests.page import text_of
from tests.stories.triage_helpers import TELLER, actions, officer, story


def test_the_page_shows_what_the_person_told_and_agreed(app, make_user):
    story_id = story(
        app, **TELLER, phone="0151 000 0000", consent_quote=True, consent_publish=False,
        channel=stages.Channel.SUPPORT_WORKER, told_through="Kirkby Advice Centre",
        easy_read=True,
    )  # fmt: skip
    client, _ = officer(app, make_user)
    page = client.get(f"/admin/stories/{story_id}").page
    assert page.title.startswith(page.h1)
    text = page.text
    assert "The lift at the station was broken for a week" in text
    assert "Lime Street station" in text
    assert "A sign at the entrance" in text
    assert "Through a support worker" in text and "Kirkby Advice Centre" in text
    assert "Told using the Easy Read form" in text
    consents = text_of(page.by_id("consent-list"))
    assert "They agreed to us quoting the story anonymously" in consents
    assert "They did not agree to us publishing" in consents
    assert "They agreed to us contacting them" in consents
    assert "Zebedee Quill" in text and "zebedee.quill@example.org" in text
    assert "0151 000 0000" in text
    assert "Reply to the person by email" in page.links
    # Views of ordinary stories are not logged.
    assert "story_viewed" not in actions(app, story_id)


def test_an_anonymous_story_shows_no_contact_details_and_cannot_be_replied_to(app, make_user):
    story_id = story(app)
    client, _ = officer(app, make_user)
    page = client.get(f"/admin/stories/{story_id}").page
    assert "The person told us anonymously." in page.text
    assert "Reply to the person by email" not in page.links
    assert "You cannot reply by email" in page.text


def test_a_safeguarding_story_is_a_404_without_the_role_and_every_view_is_audited(app, make_user):
    story_id = story(app, safeguarding=True, safeguarding_reason="Contains: \u201cunsafe\u201d",
                     safeguarding_flagged_at=utcnow())  # fmt: skip
    plain, _ = officer(app, make_user)
    for path in ("", "/assign", "/status", "/themes", "/priorities", "/change", "/safeguarding"):
        assert plain.get(f"/admin/stories/{story_id}{path}").status_code == 404, path
    assert plain.post(f"/admin/stories/{story_id}/status", data={}).status_code in (400, 404)
    assert actions(app, story_id) == []
    guardian, _ = officer(app, make_user, stages.SAFEGUARDING_ROLE)
    page = guardian.get(f"/admin/stories/{story_id}").page
    assert "This story needs safeguarding" in page.text
    assert "Contains: \u201cunsafe\u201d" in page.text
    guardian.get(f"/admin/stories/{story_id}")
    guardian.get(f"/admin/stories/{story_id}/assign")
    assert actions(app, story_id) == ["story_viewed"] * 3


def test_a_withdrawn_story_says_so_and_refuses_changes(app, make_user):
    story_id = story(app, **TELLER, withdrawn_at=utcnow())
    client, _ = officer(app, make_user)
    page = client.get(f"/admin/stories/{story_id}").page
    assert "The person withdrew this story" in text_of(page.by_id("withdrawn"))
    assert "Assign the story" not in page.links
    response = client.get(f"/admin/stories/{story_id}/reply")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).page
    assert stages.WITHDRAWN_STORY in page.text


def test_hostile_text_is_shown_escaped(app, make_user):
    story_id = story(
        app, what_happened='<script>alert("x")</script>\nSecond line', place="<b>bold</b>"
    )
    client, _ = officer(app, make_user)
    response = client.get(f"/admin/stories/{story_id}")
    html = response.get_data(as_text=True)
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html
    assert "<b>bold</b>" not in html
