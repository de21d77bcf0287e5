"""Shared set-up for the consultation builder's tests: an officer's client, making a
consultation through the pages, and reading it back."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from engage.consultations.models import Consultation
from engage.core.dates import uk_today
from engage.core.db import db
from tests.conftest import csrf_token, post_form

BASE = "/admin/consultations"
LIVERPOOL = "E08000012"


def date_parts(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def details(**changes: Any) -> dict[str, Any]:
    today = uk_today()
    return {
        "title": "Getting to hospital by bus",
        "summary": "How people get to hospital appointments.",
        "deciding": "Which bus routes to change first.",
        "decided_by": "The Transport Committee",
        "audience": "Bus users",
        "opens_on": date_parts(today),
        "closes_on": date_parts(today + timedelta(days=30)),
        "areas": [LIVERPOOL],
        **changes,
    }


def create(client: FlaskClient, **changes: Any) -> int:
    response = post_form(client, f"{BASE}/new", details(**changes))
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    return int(re.search(r"/admin/consultations/(\d+)", response.headers["Location"]).group(1))


def question(text: str = "Do you use the bus?", kind: str = "single_choice", **changes: Any):
    return {"text": text, "kind": kind, "required": "yes", "hint": "", "options": "Yes\nNo",
            "matrix_rows": "", **changes}  # fmt: skip


def add_question(client: FlaskClient, consultation_id: int, page_id: int, **data: Any) -> Any:
    response = post_form(
        client, f"{BASE}/{consultation_id}/pages/{page_id}/questions/new", question(**data)
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    return response


def add_page(client: FlaskClient, consultation_id: int, heading: str = "") -> int:
    response = post_form(client, f"{BASE}/{consultation_id}/pages/new", {"heading": heading})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    return page_ids(client.application, consultation_id)[-1]


def post_button(client: FlaskClient, page_url: str, action: str, **data: Any) -> Any:
    """Press a button on ``page_url`` that posts to ``action``, with the session's token (from
    the new-consultation form when the page has no form: a forged post, as a refused button
    would be)."""
    html = client.get(page_url)
    token = csrf_token(
        html if "csrf_token" in html.get_data(as_text=True) else client.get(f"{BASE}/new")
    )
    return client.post(action, data={"csrf_token": token, **data})


def page_ids(app: Flask, consultation_id: int) -> list[int]:
    with app.app_context():
        return [page.id for page in db.session.get(Consultation, consultation_id).pages]


def question_ids(app: Flask, consultation_id: int) -> list[int]:
    with app.app_context():
        consultation = db.session.get(Consultation, consultation_id)
        return [q.id for page in consultation.pages for q in page.questions]


def status_of(app: Flask, consultation_id: int) -> str:
    with app.app_context():
        return db.session.get(Consultation, consultation_id).status
