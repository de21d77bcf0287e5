"""Every string of the Big List of Naughty Strings, in every text field of every form.

The forms are discovered from the pages, not listed by hand, for every kind of user; a form
that appears for several records is tested once. Each string goes into all of a form's
free-text fields at once (with the structured ones, such as emails and dates, valid), then
into all its structured fields at once. Each value must be either accepted, or shown back
exactly as typed (escaped), or refused with a message on that field: never a server error.
The checking client also fails any response with a script that lacks the CSP nonce, so an
injected <script> cannot pass unnoticed."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import html5lib
import pytest

from tests.access_matrix import ANONYMOUS, PANEL_MEMBER, USER_KINDS, seed, sign_in_as
from tests.checking_client import page_problems
from tests.forms_discovery import Control, FoundForm, discover_forms

BLNS_FILE = Path(__file__).parents[1] / "data" / "blns.json"
# PostgreSQL cannot store NUL: these must be refused with a message, never a crash.
EXTRA_STRINGS = ["\x00", "before\x00after", "tab\there\r\nnew line"]
HOSTILE_STRINGS: list[str] = json.loads(BLNS_FILE.read_text()) + EXTRA_STRINGS
CHUNKS = 4  # lets pytest-xdist spread the work over both cores (each finds the forms again)

BENIGN_PASSWORD = "a long benign passphrase"


def benign_value(control: Control, index: int) -> str | list[str] | None:
    """A value that passes validation, for the fields not under test."""
    if control.type == "hidden":
        return control.value
    if control.type == "password":
        return BENIGN_PASSWORD
    if control.type in ("checkbox", "radio"):
        return control.value or None
    if control.tag == "select":
        return control.options[0] if control.options else ""
    if control.type == "email" or "email" in control.name:
        return f"benign{index}@example.org"
    return "Benign text"


def form_data(form: FoundForm, fields: list[str], value: str, index: int) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for control in form.controls:
        if control.type in ("submit", "button", "image", "reset"):
            continue
        chosen = value if control.name in fields else benign_value(control, index)
        if chosen is None:
            continue
        if control.type == "checkbox":
            data.setdefault(control.name, []).append(chosen)
        else:
            data.setdefault(control.name, chosen)
    return data


class _FieldFinder(HTMLParser):
    """Finds one field's value and whether its GOV.UK form group shows an error. Uses the
    standard library's parser: html5lib is already run on every page by the checking client,
    and running it twice made this test twice as slow."""

    def __init__(self, field: str) -> None:
        super().__init__(convert_charrefs=True)
        self.field = field
        self.groups: list[bool] = []  # open divs: is it a form group in error?
        self.state: tuple[str, str | None] = ("absent", None)
        self._in_textarea = False
        self._textarea_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "div":
            self.groups.append("govuk-form-group--error" in (attributes.get("class") or ""))
        elif tag in ("input", "textarea") and attributes.get("name") == self.field:
            if any(self.groups):
                self.state = ("error", None)
            elif tag == "input":
                self.state = ("shown", attributes.get("value") or "")
            else:
                self._in_textarea = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.groups:
            self.groups.pop()
        elif tag == "textarea" and self._in_textarea:
            self._in_textarea = False
            self.state = ("shown", "".join(self._textarea_text))

    def handle_data(self, data: str) -> None:
        if self._in_textarea:
            self._textarea_text.append(data)


def field_state(html: str, field: str) -> tuple[str, str | None]:
    """('error', None) if the field shows an error message, ('shown', value) if it shows a
    value back, or ('absent', None) when the page has no such field."""
    finder = _FieldFinder(field)
    finder.feed(html)
    return finder.state


def shown_exactly(shown: str, typed: str) -> bool:
    # Whitespace around a value may be trimmed (names, emails); nothing else may change.
    # HTML itself turns CR LF into LF when a page is read, and drops a textarea's first
    # newline, so allow for those too.
    typed = typed.replace("\r\n", "\n").replace("\r", "\n")
    shown = shown.replace("\r\n", "\n").replace("\r", "\n")
    return shown in (typed, typed.strip(), typed.lstrip("\n"))


def submit(client: Any, form: FoundForm, data: dict[str, Any]) -> Any:
    """Unchecked: the test checks each page itself (page_checks), fully where it can matter."""
    if form.method == "get":
        return client.get(form.action, query_string=data, check=False)
    return client.post(form.action, data=data, check=False)


MARKUP = set("<>\"'&")
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)


def page_checks(response: Any, typed: str) -> list[str]:
    """The checking client's checks (HTML5 parses cleanly, every script has the request's
    CSP nonce...) for a string that could break the markup if it were not escaped; for the
    others, which cannot, only the script check, which is quick. Parsing every page with
    html5lib was half of this test's time."""
    if response.mimetype != "text/html":
        return []
    html = response.get_data(as_text=True)
    csp = response.headers.get("Content-Security-Policy", "")
    if MARKUP & set(typed):
        return page_problems(html, csp)
    nonce = re.search(r"'nonce-([^']+)'", csp)
    return [
        f"<script> without this request's CSP nonce: {tag}"
        for tag in SCRIPT_TAG.findall(html)
        if nonce is None or f'nonce="{nonce.group(1)}"' not in tag
    ]


FORM_EXPIRED = "Sorry, this form has expired"


class Poster:
    """A signed-in client holding a CSRF token for its own session, so that each string
    reaches the form's validation instead of stopping at the CSRF check (a token copied
    from another session is refused with a 400, which once let this test pass without
    testing anything). A form that signs its user out, or rotates the session, gets a
    fresh session and token before the next string."""

    def __init__(self, app: Any, kind: str, data: Any, form: FoundForm) -> None:
        self.app, self.kind, self.data, self.form = app, kind, data, form
        self.renew()

    def renew(self) -> None:
        from engage.accounts.api import get_user

        self.client = self.app.test_client()
        if self.kind != ANONYMOUS:
            with self.app.app_context():
                user_id = get_user(self.data.users[self.kind].id).get_id()  # current token
            with self.client.session_transaction() as session:
                session["_user_id"], session["_fresh"], session["mfa_verified"] = (
                    user_id,
                    True,
                    True,
                )
        page = self.client.get(self.form.page).get_data(as_text=True)
        found = re.search(r'name="csrf_token" value="([^"]+)"', page)
        self.token = found.group(1) if found else None

    def send(self, data: dict[str, Any]) -> Any:
        if "csrf_token" in data:
            data = {**data, "csrf_token": self.token}
        response = submit(self.client, self.form, data)
        if response.status_code == 400 and FORM_EXPIRED in response.get_data(as_text=True):
            self.renew()
            if "csrf_token" in data:
                data = {**data, "csrf_token": self.token}
            response = submit(self.client, self.form, data)
        return response


def forms_by_kind(app: Any, data: Any) -> list[tuple[str, FoundForm]]:
    """Every form with a text field, each shape tested once, as the first kind that sees it."""
    seen: set[tuple] = set()
    found = []
    for kind in USER_KINDS:
        browser = app.test_client()
        sign_in_as(browser, kind, data)
        for form in discover_forms(app, browser, kind, data):
            if form.text_fields and form.shape not in seen:
                seen.add(form.shape)
                found.append((kind, form))
    return found


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_hostile_strings_in_every_text_field(app, monkeypatch, chunk):
    for setting in ("LOGIN_RATE_LIMIT", "REGISTER_RATE_LIMIT", "RESET_RATE_LIMIT"):
        monkeypatch.setitem(app.config, setting, "100000 per minute")
    data = seed(app)
    forms = forms_by_kind(app, data)
    kinds = {kind for kind, _ in forms}
    assert {"anonymous", "resident", "admin"} <= kinds, f"forms found only for {kinds}"

    # The panel member's forms first: staff forms posted later can end their membership (the
    # end-membership form), after which a draft's comment form is no longer theirs to use.
    forms.sort(key=lambda found: found[0] != PANEL_MEMBER)
    problems: list[str] = []
    strings = HOSTILE_STRINGS[chunk::CHUNKS]
    for kind, form in forms:
        poster = Poster(app, kind, data, form)
        for fields in form.field_groups():
            for index, typed in enumerate(strings):
                response = poster.send(form_data(form, fields, typed, index))
                where = f"{form.method.upper()} {form.action} fields {fields} with {typed!r}"
                problems.extend(f"{where}: {problem}" for problem in page_checks(response, typed))
                if response.status_code >= 500:
                    problems.append(f"{where}: status {response.status_code}")
                elif response.status_code == 400 and FORM_EXPIRED in response.get_data(
                    as_text=True
                ):
                    problems.append(f"{where}: refused by the CSRF check, never validated")
                elif response.status_code in (301, 302, 303):
                    follow = poster.client.get(response.headers["Location"], check=False)
                    problems.extend(f"{where}: {p}" for p in page_checks(follow, typed))
                    if kind != ANONYMOUS and "/sign-in" in response.headers["Location"]:
                        poster.renew()  # the form signed its user out: sign in again
                    if follow.status_code >= 500:
                        problems.append(f"{where}: redirect led to {follow.status_code}")
                    elif FORM_EXPIRED in follow.get_data(as_text=True):
                        problems.append(f"{where}: refused by the CSRF check, never validated")
                elif response.status_code == 200:
                    html = response.get_data(as_text=True)
                    for field in fields:
                        state, shown = field_state(html, field)
                        if state == "shown" and not shown_exactly(shown, typed):
                            problems.append(f"{where}: {field!r} shown back as {shown!r}")
                elif response.status_code not in (400, 403, 404, 409, 429):
                    problems.append(f"{where}: unexpected status {response.status_code}")
                if len(problems) > 20:
                    break
    assert problems == [], "\n".join(problems)


def test_hostile_names_are_shown_back_exactly_where_they_are_displayed(app, client):
    """A value that is accepted appears exactly as typed (escaped) where it is shown."""
    from tests.conftest import post_form

    samples = [s for s in HOSTILE_STRINGS if s.strip() and "\x00" not in s][::25]
    samples += ['<script>alert("name")</script>', 'O\'Brien & "Sons" <Ltd>']
    for index, name in enumerate(samples):
        email = f"display{index}@example.org"
        post_form(
            client,
            "/register",
            {
                "full_name": name,
                "email": email,
                "password": BENIGN_PASSWORD,
                "confirm_password": BENIGN_PASSWORD,
            },
        )
    from sqlalchemy import select

    from engage.accounts.models import User
    from engage.core.db import db

    with app.app_context():
        stored = dict(db.session.execute(select(User.email, User.full_name)).all())
    for index, name in enumerate(samples):
        email = f"display{index}@example.org"
        if len(name.strip()) > 200:
            assert email not in stored  # refused: longer than the field allows
            continue
        assert stored[email] == name.strip(), f"{name!r} was stored as {stored[email]!r}"
        page = client.get("/account", check=True)  # not signed in: redirect
        assert page.status_code == 302
    # Sign in as each, and check the account page shows the name exactly.
    from tests.conftest import sign_in

    with app.app_context():
        for user in db.session.scalars(select(User)):
            user.email_verified_at = user.created_at
        db.session.commit()
    for index, name in enumerate(samples):
        email = f"display{index}@example.org"
        if email not in stored:
            continue
        fresh = app.test_client()
        assert sign_in(fresh, email, BENIGN_PASSWORD).status_code == 302
        document = html5lib.parse(
            fresh.get("/account").get_data(as_text=True), namespaceHTMLElements=False
        )
        values = ["".join(dd.itertext()).strip() for dd in document.iter("dd")]
        assert name.strip() in values, f"{name!r} not shown exactly on the account page"
