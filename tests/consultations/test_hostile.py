"""Every string of the Big List of Naughty Strings in every text field of the builder's forms
(the whole-app hostile-input test's checks, for the consultations forms alone): each is
stored and shown back exactly (escaped), or refused with a message on its field, never a
server error; and what was stored shows exactly on the consultation's page."""

from __future__ import annotations

from sqlalchemy import select

from engage.consultations.models import Consultation, Question
from engage.core.db import db
from tests.access_matrix import OFFICER, seed, sign_in_as
from tests.consultations.helpers import BASE
from tests.forms_discovery import parse_forms
from tests.whole_app.test_hostile_input import (
    FORM_EXPIRED,
    HOSTILE_STRINGS,
    Poster,
    field_state,
    form_data,
    page_checks,
    shown_exactly,
)

# Every fourth string: the whole-app test (tests/whole_app/test_hostile_input.py) sends all of
# them to these forms too; this one, quicker, runs with the feature's own tests.
EVERY = 4


def builder_forms(app, data) -> list:
    """The builder's forms with a text field, from the sample consultation's pages."""
    client = app.test_client()
    sign_in_as(client, OFFICER, data)
    consultation_id = data.url_values["consultation_id"]
    page_id = data.url_values["page_id"]
    question_id = data.url_values["consultation_question_id"]
    pages = [
        f"{BASE}/new",
        f"{BASE}/{consultation_id}/edit",
        f"{BASE}/{consultation_id}/pages/new",
        f"{BASE}/{consultation_id}/pages/{page_id}/edit",
        f"{BASE}/{consultation_id}/pages/{page_id}/questions/new",
        f"{BASE}/{consultation_id}/questions/{question_id}/edit",
    ]
    found = {}
    for url in pages:
        for form in parse_forms(url, client.get(url).get_data(as_text=True)):
            if form.text_fields and BASE in form.action:
                found.setdefault(form.key, form)
    return list(found.values())


def test_hostile_strings_in_every_builder_text_field(app):
    data = seed(app)
    forms = builder_forms(app, data)
    assert len(forms) == 6
    problems: list[str] = []
    for form in forms:
        poster = Poster(app, OFFICER, data, form)
        for fields in form.field_groups():
            for index, typed in enumerate(HOSTILE_STRINGS[::EVERY]):
                response = poster.send(form_data(form, fields, typed, index))
                where = f"POST {form.action} fields {fields} with {typed!r}"
                problems.extend(f"{where}: {p}" for p in page_checks(response, typed))
                status = response.status_code
                if status >= 500 or FORM_EXPIRED in response.get_data(as_text=True):
                    problems.append(f"{where}: status {status}")
                elif status in (301, 302, 303):
                    follow = poster.client.get(response.headers["Location"], check=False)
                    problems.extend(f"{where}: {p}" for p in page_checks(follow, typed))
                    if follow.status_code >= 500:
                        problems.append(f"{where}: redirect led to {follow.status_code}")
                elif status == 200:
                    html = response.get_data(as_text=True)
                    for field in fields:
                        state, shown = field_state(html, field)
                        if state == "shown" and not shown_exactly(shown, typed):
                            problems.append(f"{where}: {field!r} shown back as {shown!r}")
                else:
                    problems.append(f"{where}: unexpected status {status}")
                if len(problems) > 20:
                    break
    assert problems == [], "\n".join(problems)


def test_hostile_text_is_stored_as_typed_and_shown_escaped(app, officer):
    from tests.conftest import post_form
    from tests.consultations.helpers import details, page_ids, question

    typed = '<script>alert("x")</script> & \u202eO\'Brien'
    response = post_form(officer, f"{BASE}/new", details(title=typed, decided_by=typed))
    assert response.status_code == 302
    with app.app_context():
        consultation_id = db.session.scalar(select(Consultation.id))
    [page_id] = page_ids(app, consultation_id)
    post_form(officer, f"{BASE}/{consultation_id}/pages/{page_id}/questions/new",
              question(text=typed, options=f"{typed}\nNo"))  # fmt: skip
    with app.app_context():
        assert db.session.get(Consultation, consultation_id).title == typed
        saved = db.session.scalar(select(Question))
        assert saved.text == typed and saved.options == [typed, "No"]
    for url in (f"{BASE}/{consultation_id}", f"{BASE}/{consultation_id}/preview/{page_id}"):
        html = officer.get(url).get_data(as_text=True)
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; \u202eO&#39;Brien" in html
