"""Publishing a story: only with the person's consent, never a safeguarding or withdrawn
story, never without every de-identification check ticked; preview, publish, change and
take down, each written to the audit log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from engage.core.audit import AuditEvent
from engage.core.db import db, utcnow
from engage.stories import stages
from engage.stories.models import Story
from tests.conftest import csrf_token
from tests.factories.stories import StoryFactory
from tests.page import text_of
from tests.stories.publish_setup import ALL_CHECKS, ORIGINAL, TELLER, officer_client, published


def _story(app, **fields) -> int:
    with app.app_context():
        values = {**TELLER, "what_happened": ORIGINAL, "consent_publish": True, **fields}
        story = StoryFactory(**values)
        db.session.commit()
        return story.id


def _get(app, story_id: int) -> Story:
    with app.app_context():
        story = db.session.get(Story, story_id)
        db.session.expunge(story)
        return story


def _actions(app, story_id: int) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.object_type == "story",
                                            AuditEvent.object_id == str(story_id))
            .order_by(AuditEvent.id)
        ))  # fmt: skip


def _flashes(client) -> list[str]:
    with client.session_transaction() as session:
        return [message for _, message in session.pop("_flashes", [])]


FORM = {
    "public_title": "Refused help at an office",
    "public_text": "I was refused help at a local office.",
    "public_response": "We are sorry and have trained our staff again.",
}


def _post(client, story_id: int, action: str, checks=ALL_CHECKS, **fields):
    url = f"/admin/stories/{story_id}/publish"
    token = csrf_token(client.get(url))
    data = {"csrf_token": token, **FORM, **fields, "checks": list(checks), "action": action}
    return client.post(url, data=data)


@pytest.fixture
def officer(app, make_user):
    return officer_client(app, make_user)


def test_the_form_starts_with_the_persons_words_and_no_check_ticked(app, officer):
    story_id = _story(app)
    page = officer.get(f"/admin/stories/{story_id}/publish").page
    assert page.h1 == "Publish the story"
    assert text_of(page.by_id("public_text")) == ORIGINAL
    assert not page.find_all("input[name=checks][checked]")
    assert text_of(page.one("fieldset legend")).startswith("Confirm the story is de-identified")


def test_preview_then_publish_stores_the_checks_who_and_when(app, officer):
    story_id = _story(app)
    preview = _post(officer, story_id, "preview")
    assert preview.status_code == 200
    assert preview.page.h1 == "Check the story before you publish it"
    assert "I was refused help at a local office." in text_of(preview.page.by_id("preview"))
    assert _get(app, story_id).published_at is None  # nothing public yet
    response = _post(officer, story_id, "publish")
    assert response.status_code == 302
    story = _get(app, story_id)
    assert story.published_at is not None and story.published_by_id is not None
    assert story.checks_ticked == ALL_CHECKS
    assert (story.public_title, story.public_text) == (FORM["public_title"], FORM["public_text"])
    assert _actions(app, story_id) == ["story_published"]
    assert officer.get(f"/stories/{story_id}").status_code == 200


@pytest.mark.parametrize("missing", ALL_CHECKS)
def test_each_check_left_unticked_refuses_publishing(app, officer, missing):
    story_id = _story(app)
    for action in ("preview", "publish"):
        response = _post(officer, story_id, action, [c for c in ALL_CHECKS if c != missing])
        assert response.status_code == 200
        assert response.page.field_error("checks") == stages.CHECKS_NOT_DONE
    assert _get(app, story_id).published_at is None
    assert _actions(app, story_id) == []


def test_the_rule_itself_refuses_a_missing_check(app):
    with app.app_context():
        story = StoryFactory(consent_publish=True)
        with pytest.raises(stages.StoryRefused, match="Tick every check"):
            stages.check_can_publish(story, set(ALL_CHECKS[1:]))
        stages.check_can_publish(story, set(ALL_CHECKS))


def test_without_consent_to_publish_it_is_refused(app, officer):
    story_id = _story(app, consent_publish=False, consent_quote=True)
    page = officer.get(f"/admin/stories/{story_id}/publish")
    assert page.status_code == 302 and page.location == f"/admin/stories/{story_id}"
    assert _flashes(officer) == [stages.NO_PUBLISH_CONSENT + "."]
    _post_directly(app, officer, story_id)
    assert _get(app, story_id).published_at is None


def _post_directly(app, client, story_id: int) -> None:
    """A publish posted without its form page (refused, so it has no token: the token comes
    from another story's form)."""
    token = csrf_token(client.get(f"/admin/stories/{_story(app)}/publish"))
    data = {"csrf_token": token, **FORM, "checks": ALL_CHECKS, "action": "publish"}
    client.post(f"/admin/stories/{story_id}/publish", data=data)


def test_a_withdrawn_story_is_refused(app, officer):
    story_id = _story(app, withdrawn_at=utcnow())
    page = officer.get(f"/admin/stories/{story_id}/publish")
    assert page.status_code == 302 and page.location == f"/admin/stories/{story_id}"
    assert _flashes(officer) == [stages.WITHDRAWN_STORY + "."]


def test_a_published_story_whose_consent_was_withdrawn_goes_to_taking_it_down(app, officer):
    with app.app_context():
        story_id = published(consent_publish=False).id
        db.session.commit()
    page = officer.get(f"/admin/stories/{story_id}/publish")
    assert page.location == f"/admin/stories/{story_id}/unpublish"
    assert _flashes(officer) == [stages.NO_PUBLISH_CONSENT + "."]
    down = officer.get(page.location).page
    assert "It cannot be published again. " + stages.NO_PUBLISH_CONSENT in down.text


def test_a_safeguarding_story_is_hidden_from_other_officers(app, officer):
    story_id = _story(app, safeguarding=True)
    assert officer.get(f"/admin/stories/{story_id}/publish").status_code == 404
    assert officer.get(f"/admin/stories/{story_id}/unpublish").status_code == 404
    assert officer.post(f"/admin/stories/{story_id}/publish", data=FORM).status_code in (400, 404)


def test_a_safeguarding_story_is_never_published_and_the_attempt_is_audited(app, make_user):
    story_id = _story(app, safeguarding=True)
    safeguarding = officer_client(app, make_user, stages.SAFEGUARDING_ROLE)
    response = safeguarding.get(f"/admin/stories/{story_id}/publish")
    assert response.status_code == 302
    assert _actions(app, story_id) == ["story_publish_refused"]
    assert _flashes(safeguarding) == [stages.SAFEGUARDING_NEVER_PUBLISHED + "."]
    _post_directly(app, safeguarding, story_id)
    assert _get(app, story_id).published_at is None
    assert _actions(app, story_id)[-1] == "story_publish_refused"


def test_changing_a_published_story_needs_the_checks_again(app, officer):
    with app.app_context():
        story = published(minutes_ago=60)
        db.session.commit()
        story_id, first_published = story.id, story.published_at
    page = officer.get(f"/admin/stories/{story_id}/publish").page
    assert page.h1 == "Change the published story"
    assert (
        page.by_id("public_text").text
        == "I was refused help at a local office by a member of staff."
    )
    assert not page.find_all("input[name=checks][checked]")
    refused = _post(officer, story_id, "publish", checks=[], public_title="New title")
    assert refused.page.field_error("checks") == stages.CHECKS_NOT_DONE
    assert _post(officer, story_id, "publish", public_title="New title").status_code == 302
    story = _get(app, story_id)
    assert story.public_title == "New title"
    assert story.published_at.replace(tzinfo=None) == first_published.replace(tzinfo=None)
    assert _actions(app, story_id) == ["story_publication_changed"]


def test_change_from_the_preview_keeps_the_words_and_unticks_the_checks(app, officer):
    story_id = _story(app)
    response = _post(officer, story_id, "change", public_title="Kept title")
    assert response.page.h1 == "Publish the story"
    assert response.page.by_id("public_title").get("value") == "Kept title"
    assert not response.page.find_all("input[name=checks][checked]")
    assert not response.page.find(".govuk-error-summary")


def test_taking_a_story_down_asks_first_and_is_audited(app, officer):
    with app.app_context():
        story_id = published().id
        db.session.commit()
    url = f"/admin/stories/{story_id}/unpublish"
    page = officer.get(url)
    assert page.page.h1 == "Take the story off the public page"
    assert _get(app, story_id).published_at is not None
    response = officer.post(url, data={"csrf_token": csrf_token(page)})
    assert response.status_code == 302
    story = _get(app, story_id)
    assert story.published_at is None and story.checks_ticked == []
    assert _actions(app, story_id) == ["story_unpublished"]
    assert officer.get(f"/stories/{story_id}").status_code == 404
    assert officer.get(url).status_code == 409  # not published now


def test_residents_cannot_publish(app, make_user, client):
    from tests.panels.helpers import login

    story_id = _story(app)
    resident = login(app, make_user())
    assert resident.get(f"/admin/stories/{story_id}/publish").status_code == 403
    assert client.get(f"/admin/stories/{story_id}/publish").status_code in (302, 401, 403)


def test_hostile_text_is_stored_as_typed_and_shown_escaped(app, officer):
    story_id = _story(app)
    hostile = '<script>alert("x")</script> & "quotes" \'single\' <b>bold</b>'
    preview = _post(officer, story_id, "preview", public_title=hostile, public_text=hostile)
    assert "<script>alert" not in preview.get_data(as_text=True)
    assert _post(officer, story_id, "publish", public_title=hostile,
                 public_text=hostile).status_code == 302  # fmt: skip
    assert _get(app, story_id).public_title == hostile
    html = officer.get(f"/stories/{story_id}").get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    listed = officer.get("/stories").get_data(as_text=True)
    assert "<script>alert" not in listed


def test_control_characters_are_refused_with_a_message(app, officer):
    story_id = _story(app)
    response = _post(officer, story_id, "publish", public_title="Bad\x00title")
    assert response.status_code == 200
    assert "control characters" in response.page.field_error("public_title")
    assert _get(app, story_id).published_at is None


def test_too_long_a_title_is_refused(app, officer):
    story_id = _story(app)
    response = _post(officer, story_id, "publish", public_title="x" * 151)
    assert response.page.field_error("public_title") == "Title must be 150 characters or fewer"


def _hidden_inputs(page) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for element in page.find_all("form input[type=hidden]"):
        found.setdefault(element.get("name"), []).append(element.get("value") or "")
    return found


def test_the_preview_carries_the_words_to_publishing_exactly(app, officer):
    story_id = _story(app)
    text = 'First line, with "quotes" & <angles>.\n\nSecond paragraph.'
    preview = _post(officer, story_id, "preview", public_text=text)
    data = {**_hidden_inputs(preview.page), "action": "publish"}
    assert data["checks"] == ALL_CHECKS
    assert officer.post(f"/admin/stories/{story_id}/publish", data=data).status_code == 302
    assert _get(app, story_id).public_text == text
    shown = officer.get(f"/stories/{story_id}").page
    assert 'First line, with "quotes" & <angles>.' in shown.text


BLNS = json.loads((Path(__file__).parents[1] / "data" / "blns.json").read_text("utf-8"))


def test_hostile_strings_are_shown_back_or_refused_never_an_error(app, officer):
    story_id = _story(app)
    for hostile in BLNS[::8]:
        response = _post(officer, story_id, "preview", public_title=hostile[:150] or "x",
                         public_text=hostile or "x", public_response=hostile or "x")  # fmt: skip
        assert response.status_code == 200, hostile
        if response.page.find(".govuk-error-summary") is None:
            assert response.page.h1 == "Check the story before you publish it", hostile


def test_a_story_flagged_after_publishing_can_be_taken_down_by_a_safeguarding_officer(
    app, make_user
):
    with app.app_context():
        story_id = published(safeguarding=True).id
        db.session.commit()
    safeguarding = officer_client(app, make_user, stages.SAFEGUARDING_ROLE)
    url = f"/admin/stories/{story_id}/unpublish"
    page = safeguarding.get(url)
    assert "It cannot be published again" in page.page.text
    assert _actions(app, story_id) == ["story_unpublish_viewed"]
    assert safeguarding.post(url, data={"csrf_token": csrf_token(page)}).status_code == 302
    assert _get(app, story_id).published_at is None
    assert _actions(app, story_id)[-1] == "story_unpublished"
