"""The safeguarding phrases (add, remove with a confirmation, duplicates refused whatever
their case or spacing) and the stories' themes (add and rename, the shared theme coding)."""

from __future__ import annotations

from sqlalchemy import select

from engage.core import themes
from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.stories import safeguarding, services, stages
from engage.stories.models import SafeguardingPhrase
from tests.stories.triage_helpers import flashes, officer, post, story

PHRASES = "/admin/stories/safeguarding-phrases"


def _phrases(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(SafeguardingPhrase.phrase)))


def test_add_a_phrase_and_it_flags_new_stories(app, make_user):
    client, _ = officer(app, make_user)
    page = client.get(PHRASES).page
    assert "Whole words only" in page.text and "Any case" in page.text
    response = post(client, PHRASES, {"phrase": "  Hurt me  "})
    assert response.status_code == 302
    assert _phrases(app) == ["Hurt me"]
    assert "Hurt me" in client.get(PHRASES).page.text
    with app.test_request_context():
        told = services.create_story({"what_happened": "He said he would HURT, me again."})
        db.session.commit()
        assert told.safeguarding
    with app.app_context():
        assert db.session.scalar(
            select(AuditEvent.id).where(AuditEvent.action == "story_phrase_added")
        )


def test_duplicates_are_refused_ignoring_case_and_spacing(app, make_user):
    client, _ = officer(app, make_user)
    post(client, PHRASES, {"phrase": "Hurt me"})
    for again in ("hurt me", "HURT  ME", "hurt, me!"):
        page = post(client, PHRASES, {"phrase": again}).page
        assert page.field_error("phrase") == "\u201cHurt me\u201d is already on the list"
        assert page.error_summary  # the GOV.UK summary links to the field
    assert _phrases(app) == ["Hurt me"]


def test_hostile_or_empty_phrases_are_refused_with_words(app, make_user):
    client, _ = officer(app, make_user)
    assert post(client, PHRASES, {"phrase": "  "}).page.field_error("phrase") == (
        "Enter a word or phrase"
    )
    assert post(client, PHRASES, {"phrase": "!!!"}).page.field_error("phrase") == (
        stages.PHRASE_HAS_NO_WORDS
    )
    assert "hidden control characters" in post(
        client, PHRASES, {"phrase": "a\x07b"}
    ).page.field_error("phrase")
    assert "100 characters or fewer" in post(
        client, PHRASES, {"phrase": "x" * 101}
    ).page.field_error("phrase")
    post(client, PHRASES, {"phrase": "<script>alert(1)</script>"})
    html = client.get(PHRASES).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert _phrases(app) == ["<script>alert(1)</script>"]


def test_remove_a_phrase_after_confirming(app, make_user):
    client, _ = officer(app, make_user)
    post(client, PHRASES, {"phrase": "unsafe at home"})
    with app.app_context():
        phrase_id = db.session.scalar(select(SafeguardingPhrase.id))
    url = f"{PHRASES}/{phrase_id}/remove"
    page = client.get(url).page
    assert "Stories already flagged stay flagged" in page.text
    assert _phrases(app) == ["unsafe at home"]
    response = post(client, url, {})
    assert response.headers["Location"] == PHRASES
    assert _phrases(app) == []
    assert "is taken off the list" in flashes(client)[0]
    assert client.get(url).status_code == 404
    with app.app_context():
        assert safeguarding.matching_phrases(["unsafe at home"]) == []


THEMES = "/admin/stories/themes"


def test_add_and_rename_a_theme_of_stories(app, make_user):
    client, _ = officer(app, make_user)
    assert "There are no themes yet." in client.get(THEMES).page.text
    post(client, f"{THEMES}/new", {"label": "Lifts", "description": "Broken lifts"})
    with app.app_context():
        frame = themes.get_codeframe(*stages.CODEFRAME_OWNER)
        [theme] = frame.themes
        theme_id = theme.id
    # Coded stories stay coded after a rename, and are counted.
    with app.app_context():
        frame = themes.get_codeframe(*stages.CODEFRAME_OWNER)
        themes.set_item_themes(frame, stages.THEME_ITEM, story(app), [theme_id])
        db.session.commit()
    page = post(client, f"{THEMES}/new", {"label": "lifts"}).page
    assert page.field_error("label") == "There is already a theme called \u201cLifts\u201d"
    post(client, f"{THEMES}/{theme_id}", {"label": "Lifts and escalators", "description": ""})
    page = client.get(THEMES).page
    assert "Lifts and escalators" in page.text
    assert "1 story coded to it" in page.text


def test_a_theme_of_another_codeframe_is_not_found_here(app, make_user):
    client, _ = officer(app, make_user)
    with app.app_context():
        other = themes.add_theme(themes.codeframe_for("consultation", 99), "Fares")
        db.session.commit()
        other_id = other.id
    assert client.get(f"{THEMES}/{other_id}").status_code == 404


def test_theme_counts_leave_out_safeguarding_stories_for_other_officers(app, make_user):
    client, _ = officer(app, make_user)
    with app.app_context():
        frame = themes.codeframe_for(*stages.CODEFRAME_OWNER)
        theme = themes.add_theme(frame, "Housing")
        db.session.commit()
        theme_id = theme.id
    with app.app_context():
        frame = themes.get_codeframe(*stages.CODEFRAME_OWNER)
        themes.set_item_themes(frame, stages.THEME_ITEM, story(app, safeguarding=True), [theme_id])
        db.session.commit()
    assert "0 stories coded to it" in client.get(THEMES).page.text
    guardian, _ = officer(app, make_user, stages.SAFEGUARDING_ROLE)
    assert "1 story coded to it" in guardian.get(THEMES).page.text
