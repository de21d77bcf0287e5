"""The parsed page (tests/page.py) answers what tests ask of it, and the checking client hands
one over with every HTML response, from the parse its checks already made."""

from __future__ import annotations

import html5lib
import pytest

from tests.conftest import csrf_token
from tests.page import Page, markup_of

HTML = """<!DOCTYPE html><html lang="en"><head><title>Audit log – LCR Engage</title>
<style>.x { color: red }</style></head><body>
<a href="#main" class="skip">Skip to main content</a>
<main id="main">
  <div class="govuk-error-summary"><div role="alert"><h2>There is a problem</h2>
    <ul class="govuk-list govuk-error-summary__list">
      <li><a href="#who">Enter a name or email</a></li><li>Something went wrong</li>
    </ul></div></div>
  <span class="govuk-caption-l">Admin</span><h1 class="govuk-heading-l">Audit   log</h1>
  <div class="govuk-form-group govuk-form-group--error">
    <label for="who">Who</label>
    <p id="who-error" class="govuk-error-message">
      <span class="govuk-visually-hidden">Error:</span> Enter a name or email</p>
    <input id="who" name="who" type="text" data-kind="person search">
  </div>
  <div class="govuk-form-group govuk-form-group--error"><fieldset><legend>From</legend>
    <p class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span>
      From must be a real date</p>
    <input id="since" name="since"><input id="since-month" name="since"></fieldset></div>
  <div class="govuk-form-group"><label for="what">What</label><input id="what"></div>
  <table id="events"><caption id="events-caption">Events</caption>
    <thead><tr><th>When</th><th>Who</th></tr></thead>
    <tbody><tr><td>10 March</td><td>Sam <b>Signer</b></td></tr>
      <tr><th scope="row">11 March</th><td>Olu&nbsp;Other</td></tr></tbody></table>
  <table><tr><th>Total</th><td>2</td></tr></table>
  <ul><li>One</li><li>Two<script>var hidden = 1;</script></li></ul>
  <svg class="lcr-chart__bars"><rect class="bar" width="10"></rect></svg>
  <p>Next: <a href="/admin/audit-log?page=2">Next page</a>
    <a href="/admin/audit-log?page=9">Next page</a></p>
</main></body></html>"""


@pytest.fixture
def page() -> Page:
    return Page(HTML)


def test_title_heading_and_words(page):
    assert page.title == "Audit log – LCR Engage"
    assert page.h1 == "Audit log"
    # Blocks never run together; scripts and styles are not words on the page.
    assert "One Two Next: Next page" in page.text
    assert "hidden" not in page.text and "color" not in page.text
    assert "Olu Other" in page.text  # a non-breaking space is a space too


def test_selectors(page):
    assert [el.get("id") for el in page.find_all("table")] == ["events", None]
    assert page.find("#events caption").text == "Events"
    assert len(page.find_all("main .govuk-form-group")) == 3
    assert len(page.find_all(".govuk-form-group.govuk-form-group--error")) == 2
    assert len(page.find_all("tbody > tr > td")) == 4  # the parser gives each table a tbody
    assert page.find_all("main > td") == []
    assert page.find("input[name=who]").get("id") == "who"
    assert page.find("input[data-kind~=search]").get("id") == "who"
    assert len(page.find_all("a[href^='/admin/audit-log']")) == 2
    assert len(page.find_all('a[href$="page=9"], h1')) == 2
    assert page.find("input[type=checkbox]") is None
    assert page.one("h1").get("class") == "govuk-heading-l"
    with pytest.raises(AssertionError, match="expected one 'a' on the page, found 4"):
        page.one("a")
    for unsupported in ("li:first-child", "h1 + p", "a >"):
        with pytest.raises(ValueError):
            page.find_all(unsupported)
    assert page.find("svg rect.bar").get("width") == "10"  # svg elements by their own names
    assert page.by_id("since-month").get("name") == "since"
    assert page.by_id("nowhere") is None


def test_tables(page):
    rows = [["10 March", "Sam Signer"], ["11 March", "Olu Other"]]
    assert page.table_rows() == rows
    assert page.table_rows("events") == page.table_rows("events-caption") == rows
    assert page.table_rows(1) == [["Total", "2"]]  # no <tbody> in the HTML
    assert page.table_headers("events") == ["When", "Who"]
    with pytest.raises(AssertionError, match="no table with the id 'missing'"):
        page.table_rows("missing")


def test_errors_and_links(page):
    assert page.error_summary == [
        ("Enter a name or email", "#who"),
        ("Something went wrong", ""),
    ]
    assert page.field_error("who") == "Enter a name or email"  # by its -error id
    assert page.field_error("since") == "From must be a real date"  # by its form group
    assert page.field_error("what") is None
    assert page.field_error("nowhere") is None
    assert page.links["Next page"] == "/admin/audit-log?page=2"  # the first of two
    assert page.links["Skip to main content"] == "#main"
    assert Page("<p>No errors</p>").error_summary == []


def test_markup_of_an_element_has_its_attributes_but_not_the_text_after_it(page):
    heading = page.one("h1")
    heading.tail = " after"
    assert markup_of(heading) == '<h1 class="govuk-heading-l">Audit   log</h1>'
    assert 'href="/admin/audit-log?page=2"' in markup_of(page.one("main"))


def test_a_page_needs_its_html_or_its_document():
    with pytest.raises(TypeError):
        Page()
    with pytest.raises(TypeError):
        Page("<p>x</p>", document=html5lib.parse("<p>x</p>"))


def test_the_client_gives_the_page_it_checked_parsing_it_once(client, monkeypatch):
    token = csrf_token(client.get("/register"))
    parses = []
    parse = html5lib.HTMLParser.parse

    def counting(self, *args, **kwargs):
        parses.append(1)
        return parse(self, *args, **kwargs)

    monkeypatch.setattr(html5lib.HTMLParser, "parse", counting)
    response = client.post("/register", data={"csrf_token": token, "email": "bad"})
    assert parses == [1]  # the checks
    page = response.page
    assert page.title == "Error: Create an account – LCR Engage"
    assert page.h1 == "Create an account"
    assert ("Enter your full name", "#full_name") in page.error_summary
    assert page.field_error("email").startswith("Enter an email address in the correct format")
    assert parses == [1]  # the page is the checks' parse, not another


def test_unchecked_and_non_html_responses(client):
    unchecked = client.get("/sign-in", check=False)
    assert unchecked.page.h1 == "Sign in"  # parsed when asked
    assert not hasattr(client.get("/health"), "page")  # not HTML
