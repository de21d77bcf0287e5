"""Hostile strings (a sample of the Big List of Naughty Strings) held about a person come
back escaped on the page, and exactly as stored in the JSON file."""

from __future__ import annotations

import json

from markupsafe import escape

from engage.accounts.api import User
from engage.core.db import db
from tests.conftest import csrf_token, post_form
from tests.factories import StoryFactory, UserFactory
from tests.rights.test_download_links import SAME_WORDS, links_sent
from tests.rights.test_download_records import link_for
from tests.whole_app.test_hostile_input import HOSTILE_STRINGS, page_checks

EVERY = 12


def test_hostile_strings_are_escaped_on_the_page_and_exact_in_the_json(app, signed_in_as):
    samples = [s for s in HOSTILE_STRINGS[::EVERY] if s.strip() and "\x00" not in s]
    samples += ["<script>alert(1)</script>", "</dd></dl><h1>Injected</h1>", '"><img src=x>']
    with app.app_context():
        user = UserFactory(email="hostile@example.org")
        for typed in samples:
            StoryFactory(user_id=user.id, what_happened=typed, place=typed[:200])
        user = db.session.get(User, user.id)
    client = signed_in_as(user)
    post_form(client, "/account/your-data", {})
    link = link_for(app, "hostile@example.org")

    page = client.get(link)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    # The page checks (it parses cleanly, scripts carry the nonce) are of the whole page:
    # once, with markup in the string so that the full checks run.
    problems = page_checks(page, "<&>")
    for typed in samples:
        if str(escape(typed)) not in html:
            problems.append(f"{typed!r} is not shown escaped")
    assert "<h1>Injected</h1>" not in html and "<script>alert(1)</script>" not in html
    assert problems == []

    data = json.loads(client.get(link + "/your-data.json").get_data(as_text=True))
    stories = next(s for s in data["sections"] if s["section"] == "Lived-experience stories")
    told = [
        value
        for record in stories["records"]
        for field in record["fields"]
        if field["label"] == "What happened"
        for value in [field["value"]]
    ]
    assert sorted(told) == sorted(samples)


def test_hostile_strings_in_the_reference_form_are_refused_or_answered_the_same(app):
    samples = [s for s in HOSTILE_STRINGS[::EVERY] if s.strip()] + ["\x00", "LE-<b>1</b>"]
    client = app.test_client()
    token = csrf_token(client.get("/your-data"))
    problems = []
    for typed in samples:
        for data in (
            {"reference": typed, "email": "a@example.org"},
            {"reference": "LE-1", "email": typed},
        ):
            response = client.post("/your-data", data={"csrf_token": token, **data}, check=False)
            where = f"{data!r}"
            problems += [f"{where}: {p}" for p in page_checks(response, typed)]
            if response.status_code != 200:
                problems.append(f"{where}: status {response.status_code}")
            elif not (response.page.error_summary or SAME_WORDS in response.get_data(as_text=True)):
                problems.append(f"{where}: neither refused with a message nor answered")
    assert problems == []
    assert links_sent(app) == 0
