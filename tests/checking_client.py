"""A Flask test client that checks every HTML page it fetches.

Modelled on alphagov/notifications-admin's test client: each page must parse as HTML5 with
no errors, have a title that names it, have unique ids, carry the request's CSP nonce on
every script, carry a CSRF token in every form that posts, and label every form control.
A failure names the page and the problem."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import html5lib
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

SERVICE_SUFFIX = " – LCR Engage"
UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


class PageProblem(AssertionError):
    pass


def _text(element: Any) -> str:
    return "".join(element.itertext()).strip()


def page_problems(html: str, csp_header: str) -> list[str]:
    """Everything wrong with one page, as sentences."""
    problems: list[str] = []
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    document = parser.parse(html)
    for position, code, data in parser.errors:
        problems.append(f"HTML parse error {code} at line {position[0]} ({data or ''})")

    titles = document.findall(".//title")
    if len(titles) != 1:
        problems.append(f"expected one <title>, found {len(titles)}")
    else:
        title = _text(titles[0])
        page_name = title.removesuffix(SERVICE_SUFFIX.strip()).strip(" –").removeprefix("Error:")
        if not page_name.strip():
            problems.append(f"<title> does not name the page: {title!r}")

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
    return problems


class CheckingClient(FlaskClient):
    """Use exactly like Flask's test client; pass ``check=False`` to skip the checks."""

    def open(self, *args: Any, check: bool = True, **kwargs: Any) -> TestResponse:
        response = super().open(*args, **kwargs)
        if check and response.mimetype == "text/html" and response.status_code != 304:
            url = response.request.path if response.request else (args[0] if args else "?")
            problems = page_problems(
                response.get_data(as_text=True),
                response.headers.get("Content-Security-Policy", ""),
            )
            if problems:
                raise PageProblem(f"Page {url} has problems:\n- " + "\n- ".join(problems))
        return response
