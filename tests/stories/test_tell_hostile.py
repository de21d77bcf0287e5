"""Hostile strings (a sample of the Big List of Naughty Strings, with NUL and friends) in
every text box of the story and "about you" pages: each is refused with a message or
stored exactly and shown back escaped, on check your answers and on the person's own page,
never a server error. The whole-app hostile test cannot reach these: they need the steps
before them done in the same browser."""

from __future__ import annotations

from tests.conftest import csrf_token
from tests.recruitment.helpers import ensure_reference_data
from tests.stories.tell_setup import ANONYMOUS, NAMED, STORY, emails, stories, tell
from tests.whole_app.test_hostile_input import HOSTILE_STRINGS, page_checks, shown_exactly

EVERY = 16
TEXT_BOXES = ("what_happened", "place", "what_would_help")


def _post(client, url, data):
    token = csrf_token(client.get(url, check=False))
    return client.post(url, data={"csrf_token": token, **data}, check=False)


def test_hostile_strings_in_the_story_are_refused_or_stored_and_shown_escaped(app, client):
    ensure_reference_data(app)
    problems: list[str] = []
    samples = [s for s in HOSTILE_STRINGS[::EVERY] if s.strip()] + ["\x00", "<b>bold</b> & co"]
    for typed in samples:
        client.get("/tell-us/begin")
        data = {**STORY, **{name: typed for name in TEXT_BOXES}}
        answered = _post(client, "/tell-us/story", data)
        where = f"story with {typed!r}"
        problems += [f"{where}: {p}" for p in page_checks(answered, typed)]
        if answered.status_code >= 500:
            problems.append(f"{where}: status {answered.status_code}")
            continue
        if answered.status_code == 200:
            assert answered.page.error_summary, where  # refused, with a message
            continue
        about = _post(client, "/tell-us/about-you", {**NAMED, "name": typed})
        problems += [f"{where} (about): {p}" for p in page_checks(about, typed)]
        if about.status_code != 302:
            assert about.status_code == 200 and about.page.error_summary, where
            _post(client, "/tell-us/about-you", ANONYMOUS)
        _post(client, "/tell-us/equality", {"skip": "1"})
        check = client.get("/tell-us/check", check=False)
        problems += [f"{where} (check): {p}" for p in page_checks(check, typed)]
        if (
            typed.strip()
            and typed.strip() not in check.page.text.replace("\n", " ")
            and ("\n" not in typed and "\r" not in typed and "\t" not in typed)
        ):
            problems.append(f"{where}: not shown on check your answers")
        sent = _post(client, "/tell-us/check", {"website": ""})
        if sent.status_code != 302:
            problems.append(f"{where}: send answered {sent.status_code}")
        if len(problems) > 20:
            break
    told = stories(app)
    assert told, "no story was accepted"
    for story in told:
        assert any(shown_exactly(story.what_happened, typed.strip()) for typed in samples)
    assert problems == [], "\n".join(problems)


def test_a_hostile_name_is_shown_back_escaped_on_the_persons_own_page(app, client):
    ensure_reference_data(app)
    typed = '<script>alert("story")</script>'
    tell(client, story={**STORY, "what_happened": typed}, about=NAMED)
    [story] = stories(app)
    assert story.what_happened == typed
    [email] = emails(app, "story-received")
    link = email.body.split("/tell-us/your-story/")[1].split()[0]
    page = client.get(f"/tell-us/your-story/{link}")
    assert typed in page.page.text
    assert "<script>alert" not in page.get_data(as_text=True)


def test_hidden_characters_in_a_hidden_contact_box_are_still_said(app, client):
    """Choosing to stay anonymous drops the contact boxes' other problems, but not hidden
    characters: they were taken out of what is shown back, so the page must say so."""
    ensure_reference_data(app)
    client.get("/tell-us/begin")
    _post(client, "/tell-us/story", STORY)
    page = _post(client, "/tell-us/about-you", {**ANONYMOUS, "name": "Ann\x1bOn"}).page
    assert page.field_error("name").endswith(
        "contained hidden control characters that we cannot store. We have removed them: "
        "check the text and send it again"
    )
    assert _post(client, "/tell-us/about-you", {**ANONYMOUS, "email": "nope"}).status_code == 302


def test_a_line_break_typed_into_a_contact_box_is_shown_back_as_typed(app, client):
    from tests.whole_app.test_hostile_input import field_state

    ensure_reference_data(app)
    client.get("/tell-us/begin")
    _post(client, "/tell-us/story", STORY)
    typed = "tab\there\r\nnew line"
    token = csrf_token(client.get("/tell-us/about-you"))
    data = {"csrf_token": token, "who": "named", "name": typed, "phone": typed}
    shown = client.post("/tell-us/about-you", data=data)  # checked: parses cleanly
    assert shown.status_code == 200
    html = shown.get_data(as_text=True)
    for name in ("name", "phone"):
        state, value = field_state(html, name)
        assert state == "error" or shown_exactly(value, typed), (name, value)
