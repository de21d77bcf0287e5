"""Find every form the app shows, by fetching the pages in the access matrix."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

import html5lib
from flask import Flask
from flask.testing import FlaskClient

from tests.access_matrix import SampleData, reachable_pages

TEXT_INPUT_TYPES = {"text", "email", "search", "tel", "url", ""}


STRUCTURED_TYPES = {"email", "tel", "url", "number"}


@dataclass
class Control:
    name: str
    tag: str  # input, textarea or select
    type: str = ""
    value: str = ""
    options: list[str] = field(default_factory=list)
    classes: str = ""
    inputmode: str = ""
    autocomplete: str = ""

    @property
    def is_text(self) -> bool:
        return self.tag == "textarea" or (self.tag == "input" and self.type in TEXT_INPUT_TYPES)

    @property
    def is_structured(self) -> bool:
        """Text boxes for a shape of answer (an email, a date part, a number, a code): they
        refuse most strings, so free text beside them is tested with them valid."""
        return (
            self.type in STRUCTURED_TYPES
            or self.inputmode == "numeric"
            or "govuk-date-input__input" in self.classes
            or self.autocomplete in ("email", "one-time-code", "tel")
        )


@dataclass
class FoundForm:
    page: str
    method: str
    action: str
    controls: list[Control]

    @property
    def key(self) -> tuple:
        return (self.method, self.action, tuple(c.name for c in self.controls))

    @property
    def text_fields(self) -> list[str]:
        return list(dict.fromkeys(c.name for c in self.controls if c.is_text))

    @property
    def shape(self) -> tuple:
        """What the form asks, whatever record it is for: the same form for another record
        (a criterion's edit page beside the new-criterion page) has the same shape."""
        return (self.method, tuple((c.name, c.tag, c.type) for c in self.controls))

    def field_groups(self) -> list[list[str]]:
        """The text fields to fill with a hostile string together: the free-text ones, then
        the structured ones (each group with the other fields valid)."""
        free = [c.name for c in self.controls if c.is_text and not c.is_structured]
        structured = [c.name for c in self.controls if c.is_text and c.is_structured]
        return [list(dict.fromkeys(group)) for group in (free, structured) if group]


def parse_forms(page_url: str, html: str) -> list[FoundForm]:
    document = html5lib.parse(html, namespaceHTMLElements=False)
    forms = []
    for form in document.iter("form"):
        controls = []
        for element in form.iter():
            name = element.get("name")
            if element.tag not in ("input", "textarea", "select") or not name:
                continue
            if element.tag == "select":
                options = [o.get("value", "".join(o.itertext())) for o in element.iter("option")]
                controls.append(Control(name, "select", options=options))
            else:
                controls.append(
                    Control(
                        name,
                        element.tag,
                        (element.get("type") or "").lower(),
                        element.get("value") or "",
                        classes=element.get("class") or "",
                        inputmode=element.get("inputmode") or "",
                        autocomplete=element.get("autocomplete") or "",
                    )
                )
        action = urljoin(page_url, form.get("action") or page_url)
        forms.append(FoundForm(page_url, (form.get("method") or "get").lower(), action, controls))
    return forms


def discover_forms(app: Flask, client: FlaskClient, kind: str, data: SampleData) -> list[FoundForm]:
    found: dict[tuple, FoundForm] = {}
    for url in reachable_pages(app, client, kind, data):
        for form in parse_forms(url, client.get(url).get_data(as_text=True)):
            found.setdefault(form.key, form)
    return list(found.values())
