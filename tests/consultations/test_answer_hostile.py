"""Hostile strings (every eighth of the Big List of Naughty Strings, with NUL and friends) in
every text box of a question page and of "about you": each is stored and shown back exactly
(escaped) or refused with a message, never a server error. The whole-app hostile-input test
cannot reach these pages: they need a response started in the same browser."""

from __future__ import annotations

from engage.consultations import stages
from tests.conftest import csrf_token
from tests.consultations.answer_setup import PUBLIC, start
from tests.factories.consultations import ConsultationFactory, QuestionFactory, QuestionPageFactory
from tests.recruitment.helpers import ensure_reference_data
from tests.whole_app.test_hostile_input import (
    HOSTILE_STRINGS,
    field_state,
    page_checks,
    shown_exactly,
)

EVERY = 8


def test_hostile_strings_in_every_answer_box(app, client):
    ensure_reference_data(app)
    with app.app_context():
        consultation = ConsultationFactory(status="open")
        page = QuestionPageFactory(consultation_id=consultation.id, position=1)
        kinds = ["short_text", "long_text", "number", "email", "postcode"]
        ids = [
            QuestionFactory(page_id=page.id, position=n, kind=kind, options=[], required=False).id
            for n, kind in enumerate(kinds, start=1)
        ]
        other = QuestionFactory(
            page_id=page.id, position=9, required=False, allows_other=True, options=["A", "B"]
        ).id
        consultation_id, page_id = consultation.id, page.id
    routed = type("R", (), {"id": consultation_id})
    start(client, routed)
    url = f"{PUBLIC}/{consultation_id}/questions/{page_id}"
    fields = [f"question-{i}" for i in ids] + [f"question-{other}-other"]
    problems: list[str] = []
    for typed in [*HOSTILE_STRINGS[::EVERY], "\x00", "tab\there\r\nnew line"]:
        token = csrf_token(client.get(url, check=False))
        data = {name: typed for name in fields}
        data[f"question-{other}"] = stages.OTHER
        response = client.post(url, data={"csrf_token": token, **data}, check=False)
        where = f"POST {url} with {typed!r}"
        problems += [f"{where}: {p}" for p in page_checks(response, typed)]
        if response.status_code >= 500:
            problems.append(f"{where}: status {response.status_code}")
        elif response.status_code == 200:
            html = response.get_data(as_text=True)
            for name in fields:
                state, shown = field_state(html, name)
                if state == "shown" and not shown_exactly(shown, typed.strip()):
                    problems.append(f"{where}: {name} shown back as {shown!r}")
        else:
            check = client.get(f"{PUBLIC}/{consultation_id}/check", check=False)
            problems += [f"{where} (check): {p}" for p in page_checks(check, typed)]
        about = f"{PUBLIC}/{consultation_id}/about-you"
        token = csrf_token(client.get(about, check=False))
        answered = client.post(
            about,
            data={"csrf_token": token, "area": typed, "ethnic_group": typed},
            check=False,
        )
        if answered.status_code >= 500:
            problems.append(f"POST {about} with {typed!r}: status {answered.status_code}")
        if len(problems) > 20:
            break
    assert problems == [], "\n".join(problems)
