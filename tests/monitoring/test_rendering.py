"""The monitoring section renders as valid, labelled GOV.UK markup, in the layout, blank and
in its error state."""

from __future__ import annotations

import re

from flask import render_template_string

import engage.monitoring.models  # noqa: F401
from engage.core.security import content_security_policy, csp_nonce
from engage.monitoring.census import CITY_REGION
from engage.monitoring.comparison import compare
from engage.monitoring.disclosure import publish_table
from engage.monitoring.forms import MonitoringForm
from engage.monitoring.questions import ETHNIC_GROUPS, NOT_ANSWERED, PREFER_NOT_TO_SAY, QUESTIONS
from tests.checking_client import page_problems

PAGE = """{% extends "base.html" %}
{% from "macros/forms.html" import form_tag %}
{% from "monitoring/_questions.html" import monitoring_questions %}
{% block title %}About you{% endblock %}
{% block content %}
  <h1 class="govuk-heading-l">About you</h1>
  {% call form_tag() %}
    {{ monitoring_questions(form) }}
    {{ govukButton({"text": "Continue", "type": "submit"}) }}
  {% endcall %}
{% endblock %}"""


def render(app, data=None, method="GET", **form_kwargs):
    with app.test_request_context("/monitoring", method=method, data=data):
        form = MonitoringForm(meta={"csrf": False}, **form_kwargs)
        if method == "POST":
            form.validate()
        html = render_template_string(PAGE, form=form)
        # Checked as the test client checks every page, with this request's CSP.
        problems = page_problems(html, content_security_policy(csp_nonce()))
        assert problems == [], problems
        return html


def test_the_section_renders_cleanly_and_says_it_is_optional(app):
    html = render(app)  # render() runs the page checks
    assert "Every question is optional" in html
    assert "Equality monitoring questions (optional)" in html
    for question in QUESTIONS.values():
        assert f"{question.text} (optional)" in html
    # "Prefer not to say" once per question, after an "or" divider.
    assert html.count('value="prefer_not_to_say"') == len(QUESTIONS)
    assert html.count('<div class="govuk-radios__divider">or</div>') == len(QUESTIONS)
    assert "checked" not in html


def test_ethnic_group_headings_are_legends_and_one_radio_group(app):
    html = render(app)
    for group in ETHNIC_GROUPS:
        assert re.search(
            r'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">\s*'
            + re.escape(group.heading)
            + r"\s*</legend>",
            html,
        ), group.heading
    assert html.count('name="ethnic_group"') == 19 + 1
    # The first radio has the field's id, so the error summary can link to it.
    assert 'id="ethnic_group" name="ethnic_group" type="radio" value="asian_bangladeshi"' in html


def test_write_ins_follow_their_radios_without_conditional_reveals(app):
    # Conditional reveals put aria-expanded on radios, which axe rejects (govuk-frontend#979).
    html = render(app)
    assert "data-aria-controls" not in html and "conditional-" not in html
    assert 'id="ethnic_group_other_asian"' in html
    assert "If you chose “Any other Asian background”, describe your Asian background" in html
    assert 'id="gender_identity_other"' in html


def test_error_state_links_the_summary_to_the_question(app):
    html = render(app, {"ethnic_group": "martian", "sex": "nope"}, method="POST")
    assert 'href="#ethnic_group"' in html and 'href="#sex"' in html
    assert 'id="ethnic_group-error"' in html
    assert "govuk-form-group--error" in html
    assert 'aria-describedby="ethnic_group-hint ethnic_group-error"' in html


def test_answers_show_as_checked_and_a_chosen_write_in_is_filled(app):
    html = render(
        app,
        {"ethnic_group": "white_other", "ethnic_group_other_white": "Polish"},
        method="POST",
    )
    assert re.search(r'value="white_other"\s*checked', html)
    assert 'value="Polish"' in html


def test_a_prefix_keeps_ids_unique(app):
    html = render(app, prefix="monitoring")
    assert 'name="monitoring-ethnic_group"' in html
    assert 'id="monitoring-ethnic_group"' in html


TABLES = """{% extends "base.html" %}
{% from "monitoring/_tables.html" import published_table, comparison_table %}
{% block title %}Equality report{% endblock %}
{% block content %}
  <h1 class="govuk-heading-l">Equality report</h1>
  {{ published_table(table, labels, "Sex of applicants") }}
  {{ comparison_table(comparison, "Ethnic group beside the population") }}
{% endblock %}"""


def test_published_tables_and_comparisons_render_only_published_numbers(app):
    table = publish_table({"female": 40, "male": 52, PREFER_NOT_TO_SAY: 4})
    labels = {code: QUESTIONS["sex"].label_for(code) for code in QUESTIONS["sex"].codes}
    comparison = compare(
        "ethnic_group_broad",
        {"white_british": 900, "asian_indian": 3, "black_african": 40, NOT_ANSWERED: 12},
        CITY_REGION,
    )
    with app.test_request_context("/report"):
        html = render_template_string(TABLES, table=table, labels=labels, comparison=comparison)
        assert page_problems(html, content_security_policy(csp_nonce())) == []
    text = re.sub(r"\s+", " ", html)
    assert "Prefer not to say" in text and "fewer than 10" in text
    assert ">4<" not in html.replace(" ", "")
    assert "Open Government Licence v.3.0" in text
    assert "TS021 Ethnic group" in text and "Liverpool" in text
    assert "Under-represented means a ratio below 0.8" in text
    assert ">Yes<" in html.replace(" ", "").replace("\n", "")  # Asian: under-represented
