"""core/radios.py writes what govuk-frontend-jinja's govukRadios writes: the same elements,
attributes and words, for every monitoring question (blank, answered and in error) and for
each supported parameter, hostile text included. Anything it does not support is refused."""

from __future__ import annotations

from typing import Any

import html5lib
import pytest
from flask import render_template_string
from werkzeug.datastructures import MultiDict

from engage.core.radios import radios_html
from engage.monitoring.forms import MonitoringForm
from engage.monitoring.questions import QUESTIONS

MACRO = (
    '{% from "govuk_frontend_jinja/components/radios/macro.html" import govukRadios %}'
    "{{ govukRadios(params) }}"
)
HOSTILE = "<script>alert('x')</script> & \"quoted\" ‮ 𝕳"


def _tree(element: Any) -> tuple:
    """An element as (tag, attributes, words, children), whitespace between elements
    ignored, as a browser and a screen reader treat it."""
    words = " ".join((element.text or "").split())
    children = []
    for child in element:
        children.append(_tree(child))
        tail = " ".join((child.tail or "").split())
        if tail:
            children.append(tail)
    return (element.tag, sorted(element.attrib.items()), words, children)


def _parsed(markup: str) -> tuple:
    body = html5lib.parse(markup, namespaceHTMLElements=False).find("body")
    return _tree(body)


def _same_as_the_macro(app, params: dict[str, Any]) -> None:
    with app.test_request_context("/"):
        expected = render_template_string(MACRO, params=params)
    assert _parsed(str(radios_html(params))) == _parsed(expected)


def _monitoring_params(app, data: dict[str, str] | None = None) -> list[dict[str, Any]]:
    with app.test_request_context("/", method="POST" if data else "GET"):
        form = MonitoringForm(MultiDict(data or {}), meta={"csrf": False})
        if data:
            form.validate()
        found = []
        for key in QUESTIONS:
            if key == "ethnic_group":
                found += [group["radios"] for group in form.grouped_radios_params(key)["groups"]]
            else:
                found.append(form.radios_params(key))
        return found


def test_every_monitoring_question_blank_is_what_the_macro_writes(app):
    params = _monitoring_params(app)
    assert len(params) >= len(QUESTIONS)
    for each in params:
        _same_as_the_macro(app, each)


def test_answered_and_refused_monitoring_questions_are_what_the_macro_writes(app):
    answered = {key: question.options[-1].code for key, question in QUESTIONS.items()}
    params = _monitoring_params(app, answered)
    checked = [item for each in params for item in each["items"] if item.get("checked")]
    assert len(checked) == len(QUESTIONS)  # one answer to each question
    for each in params:
        _same_as_the_macro(app, each)
    refused = {key: "not-an-option" for key in QUESTIONS}
    in_error = _monitoring_params(app, refused)
    assert any("errorMessage" in each for each in in_error)
    for each in in_error:
        _same_as_the_macro(app, each)


@pytest.mark.parametrize(
    "params",
    [
        {"name": "plain", "items": [{"value": "a", "text": "A"}, {"value": "b", "text": "B"}]},
        {
            "name": "chosen",
            "value": "b",
            "classes": "govuk-radios--inline",
            "items": [{"value": "a", "text": "A"}, {"value": "b", "text": "B"}, None],
        },
        {
            "name": "over-ridden",
            "value": "b",
            "items": [
                {"value": "a", "text": "A", "checked": True},
                {"value": "b", "text": "B", "checked": False},
            ],
        },
        {
            "name": HOSTILE,
            "idPrefix": "hostile",
            "fieldset": {
                "legend": {
                    "text": HOSTILE,
                    "classes": "govuk-fieldset__legend--l",
                    "isPageHeading": True,
                },
                "describedBy": "before",
                "classes": "extra",
            },
            "hint": {"text": HOSTILE},
            "errorMessage": {"text": HOSTILE},
            "formGroup": {"classes": "govuk-!-margin-bottom-0"},
            "items": [
                {"value": HOSTILE, "text": HOSTILE, "hint": {"text": HOSTILE}},
                {"divider": "or"},
                {"value": "x", "text": "X", "id": "own-id"},
            ],
        },
    ],
)
def test_each_supported_parameter_is_what_the_macro_writes(app, params):
    _same_as_the_macro(app, params)


@pytest.mark.parametrize(
    "params",
    [
        {"name": "a", "attributes": {"data-x": "1"}, "items": []},
        {"name": "a", "items": [{"value": "a", "html": "<b>A</b>"}]},
        {"name": "a", "items": [{"value": "a", "text": "A", "conditional": {"html": "x"}}]},
        {"name": "a", "hint": {"html": "<b>hint</b>"}, "items": []},
        {"name": "a", "fieldset": {"legend": {"html": "<b>legend</b>"}}, "items": []},
    ],
)
def test_what_it_does_not_support_is_refused(params):
    with pytest.raises(ValueError, match="govukRadios"):
        radios_html(params)
