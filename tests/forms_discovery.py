"""Find every form the app shows, by fetching the pages in the access matrix."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

import html5lib
from flask import Flask
from flask.testing import FlaskClient

from tests.access_matrix import SampleData, reachable_pages

TEXT_INPUT_TYPES = {"text", "email", "search", "tel", "url", ""}


@dataclass
class Control:
    name: str
    tag: str  # input, textarea or select
    type: str = ""
    value: str = ""
    options: list[str] = field(default_factory=list)

    @property
    def is_text(self) -> bool:
        return self.tag == "textarea" or (self.tag == "input" and self.type in TEXT_INPUT_TYPES)


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
