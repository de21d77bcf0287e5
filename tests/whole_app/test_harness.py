"""The checks themselves: each catches the mistake it exists for, and names the page."""

from __future__ import annotations

import pytest
from flask import render_template_string

from engage import create_app
from engage.core.access import PUBLIC, access
from tests.access_matrix import get_endpoints
from tests.checking_client import CheckingClient, PageProblem
from tests.conftest import TEST_SETTINGS
from tests.whole_app.test_access_matrix import undeclared_endpoints

PAGE = """{% extends "base.html" %}{% block title %}Test page{% endblock %}
{% block content %}<h1 class="govuk-heading-l">Test page</h1>BODY{% endblock %}"""


RADIOS = (
    '<input type="radio" id="r0" name="score" value="0"><label for="r0">0: No evidence</label>'
    '<input type="radio" id="r1" name="score" value="1"><label for="r1">1: Some</label>'
)


@pytest.fixture
def broken_app(database_url):
    """An app with one page for each mistake the harness must catch."""
    app = create_app({**TEST_SETTINGS, "DATABASE_URL": database_url})
    app.test_client_class = CheckingClient

    def page(body: str):
        @access(PUBLIC)
        def view() -> str:
            return render_template_string(PAGE.replace("BODY", body))

        return view

    pages = {
        "unlabelled": '<input class="govuk-input" name="nickname" type="text">',
        "inline-script": "<script>alert('hello')</script>",
        "inline-style": '<p style="color: red">Red</p>',
        "duplicate-ids": '<p id="same">One</p><p id="same">Two</p>',
        "no-csrf": '<form method="post"><button>Go</button></form>',
        "bad-html": "<p>Unclosed <b>bold</p></div></span>",
        "fine": '<label for="ok">OK</label><input id="ok" name="ok">',
        "loose-radios": RADIOS,
        "empty-legend": f'<fieldset class="govuk-fieldset"><legend></legend>{RADIOS}</fieldset>',
        "loose-date": '<label for="d">Day</label><input class="govuk-date-input__input" '
        'id="d" name="opens_on">',
        "second-heading": "<h1>Another heading</h1>",
    }
    for name, body in pages.items():
        app.add_url_rule(f"/{name}", name.replace("-", "_"), page(body))
    app.add_url_rule("/undeclared", "undeclared", lambda: "no declaration")
    return app


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("/unlabelled", "<input name='nickname'> has no label"),
        ("/inline-script", "<script> without this request's CSP nonce"),
        ("/inline-style", "inline style attribute on <p>"),
        ("/duplicate-ids", "id 'same' is used 2 times"),
        ("/no-csrf", "has no CSRF token"),
        ("/bad-html", "HTML parse error"),
        ("/loose-radios", "radio group 'score' is not in a <fieldset>"),
        ("/empty-legend", "radio group 'score' has an empty <legend>"),
        ("/loose-date", "date input 'opens_on' is not in a <fieldset>"),
        ("/second-heading", "expected one <h1>, found 2"),
    ],
)
def test_checking_client_names_the_page_and_the_problem(broken_app, url, problem):
    with pytest.raises(PageProblem) as caught:
        broken_app.test_client().get(url)
    assert f"Page {url} has problems" in str(caught.value)
    assert problem in str(caught.value)


def test_a_correct_page_passes(broken_app):
    assert broken_app.test_client().get("/fine").status_code == 200


def test_a_missing_title_is_caught(broken_app):
    from tests.checking_client import page_problems

    problems = page_problems(
        "<!DOCTYPE html><html lang=en><head><title> – LCR Engage</title></head>"
        "<body></body></html>",
        "script-src 'self' 'nonce-abc'",
    )
    assert any("does not name the page" in p for p in problems)


def test_a_heading_that_differs_from_the_title_is_caught():
    from tests.checking_client import page_problems

    def problems(title: str, body: str) -> list[str]:
        return page_problems(
            f"<!DOCTYPE html><html lang=en><head><title>{title} – LCR Engage</title></head>"
            f"<body>{body}</body></html>",
            "script-src 'self' 'nonce-abc'",
        )

    assert problems("Reviewers", "<h1>Choose reviewers</h1>") == [
        "<h1> 'Choose reviewers' does not match the <title> 'Reviewers'"
    ]
    caption = '<span class="govuk-caption-l">Round 2026</span>'
    assert problems("Choose reviewers: Round 2026", f"{caption}<h1>Choose reviewers</h1>") == []
    assert problems("Error: Choose reviewers", "<h1>Choose reviewers</h1>") == []


def test_an_endpoint_without_an_access_declaration_is_named(broken_app):
    assert undeclared_endpoints(broken_app) == ["undeclared (/undeclared)"]
    with pytest.raises(AssertionError, match=r"undeclared \(/undeclared\) declares no access"):
        get_endpoints(broken_app)
    assert broken_app.test_client().get("/undeclared").status_code == 403
