"""A Flask test client that checks every HTML page it fetches.

Modelled on alphagov/notifications-admin's test client: each page must parse as HTML5 with
no errors, have a title that names it, have unique ids, carry the request's CSP nonce on
every script, carry a CSRF token in every form that posts, and label every form control.
A failure names the page and the problem. A page that passes is kept, parsed, as
``response.page`` (tests/page.py), as notifications-admin's ``client_request`` returns one."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import html5lib
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.page import Page

SERVICE_SUFFIX = " – LCR Engage"
UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


class PageProblem(AssertionError):
    pass


def _text(element: Any) -> str:
    return "".join(element.itertext()).strip()


def page_problems(html: str, csp_header: str) -> list[str]:
    """Everything wrong with one page, as sentences."""
    return parse_checked(html, csp_header)[1]


def parse_checked(html: str, csp_header: str) -> tuple[Any, list[str]]:
    """The parsed page and everything wrong with it, from one parse (tests then ask the
    document about the page: see tests/page.py)."""
    problems: list[str] = []
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    document = parser.parse(html)
    for position, code, data in parser.errors:
        problems.append(f"HTML parse error {code} at line {position[0]} ({data or ''})")

    problems.extend(_title_problems(document))
    problems.extend(_grouping_problems(document))

    ids = Counter(el.get("id") for el in document.iter() if el.get("id"))
    for duplicate, count in ids.items():
        if count > 1:
            problems.append(f"id {duplicate!r} is used {count} times")

    match = re.search(r"'nonce-([^']+)'", csp_header or "")
    nonce = match.group(1) if match else None
    for script in document.iter("script"):
        if nonce is None or script.get("nonce") != nonce:
            source = script.get("src") or (_text(script)[:40] + "...")
            problems.append(f"<script> without this request's CSP nonce: {source}")
    if "style-src 'self'" in (csp_header or ""):
        for element in document.iter():
            if element.get("style") is not None:
                problems.append(f"inline style attribute on <{element.tag}> (the CSP blocks it)")
        if document.findall(".//style"):
            problems.append("<style> element (the CSP blocks it)")

    for form in document.iter("form"):
        if (form.get("method") or "get").lower() == "post":
            tokens = [i for i in form.iter("input") if i.get("name") == "csrf_token"]
            if not tokens or not tokens[0].get("value"):
                problems.append(f"form posting to {form.get('action')!r} has no CSRF token")

    label_targets = {label.get("for") for label in document.iter("label") if label.get("for")}
    wrapped = {
        id(control)
        for label in document.iter("label")
        for control in label.iter()
        if control.tag in ("input", "select", "textarea")
    }
    for control in document.iter():
        if control.tag not in ("input", "select", "textarea"):
            continue
        if control.tag == "input" and (control.get("type") or "text") in UNLABELLED_TYPES:
            continue
        labelled = (
            control.get("id") in label_targets
            or id(control) in wrapped
            or control.get("aria-label")
            or control.get("aria-labelledby")
        )
        if not labelled:
            problems.append(f"<{control.tag} name={control.get('name')!r}> has no label")
    return document, problems


def _words(text: str) -> str:
    return " ".join(text.split())


def _heading_text(h1: Any) -> str:
    """The words of an <h1>, without a caption span inside it (GOV.UK puts the section name
    there, which the title may leave out)."""
    parts = [h1.text or ""]
    for child in h1:
        if "govuk-caption" not in (child.get("class") or ""):
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return _words("".join(parts))


def _title_problems(document: Any) -> list[str]:
    """One <title> naming the page, one <h1>, and the two agree, so a screen-reader user
    hears the same name in the tab list as at the top of the page."""
    titles = document.findall(".//title")
    if len(titles) != 1:
        return [f"expected one <title>, found {len(titles)}"]
    title = _text(titles[0])
    page_name = _words(title.removesuffix(SERVICE_SUFFIX.strip()).strip(" –"))
    page_name = page_name.removeprefix("Error:").strip()
    if not page_name:
        return [f"<title> does not name the page: {title!r}"]
    headings = document.findall(".//h1")
    if len(headings) != 1:
        return [f"expected one <h1>, found {len(headings)}"]
    heading = _heading_text(headings[0])
    # The title may add the section the caption names ("Score applications: Round 2026").
    captions = [
        _words(_text(element))
        for element in document.iter()
        if "govuk-caption" in (element.get("class") or "")
    ]
    accepted = {heading, *(f"{heading}: {caption}" for caption in captions)}
    if page_name.casefold() not in {name.casefold() for name in accepted}:
        return [f"<h1> {heading!r} does not match the <title> {page_name!r}"]
    return []


def _grouping_problems(document: Any) -> list[str]:
    """Radios, checkboxes and date inputs sit in a fieldset whose legend says what the group
    is for: axe accepts a group without one, but a screen-reader user then hears only the
    options ("0: No evidence") with no question."""
    problems = []
    parents = {child: parent for parent in document.iter() for child in parent}

    def legend_of(element: Any) -> str | None:
        while element is not None:
            if element.tag == "fieldset":
                legend = element.find("legend")
                return _words(_text(legend)) if legend is not None else ""
            element = parents.get(element)
        return None

    seen: set[str] = set()
    for control in document.iter("input"):
        kind = (control.get("type") or "text").lower()
        if kind in ("radio", "checkbox"):
            group = f"{kind} group {control.get('name')!r}"
        elif "govuk-date-input__input" in (control.get("class") or ""):
            group = f"date input {control.get('name')!r}"
        else:
            continue
        legend = legend_of(control)
        if legend is None and kind == "checkbox" and _single_checkbox(document, control):
            continue  # a lone "I agree" checkbox is labelled by its own label
        if not legend and group not in seen:
            seen.add(group)
            where = "has an empty <legend>" if legend == "" else "is not in a <fieldset>"
            problems.append(f"{group} {where}")
    return problems


def _single_checkbox(document: Any, control: Any) -> bool:
    name = control.get("name")
    same = [i for i in document.iter("input") if i.get("name") == name]
    return len(same) == 1


class CheckingClient(FlaskClient):
    """Use exactly like Flask's test client; pass ``check=False`` to skip the checks. An
    HTML response carries the parsed page as ``response.page`` (a tests/page.py ``Page``):
    the checks' own parse, or, unchecked, parsed only if a test asks for it."""

    def open(self, *args: Any, check: bool = True, **kwargs: Any) -> TestResponse:
        # Read a streamed response whole, as a WSGI server does, so its request context ends
        # with it: left unread, the stream keeps the context pushed and the next request
        # would share its g (and its signed-in user). buffered=False to read it bit by bit.
        kwargs.setdefault("buffered", True)
        response = super().open(*args, **kwargs)
        if response.mimetype != "text/html" or response.status_code == 304:
            return response
        html = response.get_data(as_text=True)
        if not check:
            response.page = Page(html)
            return response
        url = response.request.path if response.request else (args[0] if args else "?")
        document, problems = parse_checked(
            html, response.headers.get("Content-Security-Policy", "")
        )
        if problems:
            raise PageProblem(f"Page {url} has problems:\n- " + "\n- ".join(problems))
        response.page = Page(document=document)
        return response
