"""Who may use theme coding (officers only: residents and panel members are refused every
page and form, with the whole-app sample's records), and the coding pages' queries, which do
not grow with the number of answers."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import event, select

from engage.core.db import db
from engage.core.theme_models import Theme
from tests.access_matrix import (
    OFFICER,
    PANEL_MEMBER,
    RESIDENT,
    build_urls,
    csrf_token_for,
    get_endpoints,
    outcome_of,
    seed,
    sign_in_as,
)
from tests.consultations.test_coding import add_theme, code_answer, make_consultation
from tests.factories.consultations import AnswerFactory, ConsultationResponseFactory


def coding_endpoints(app, method: str) -> list:
    return [e for e in get_endpoints(app, method) if e[0].startswith("consultations.coding.")]


@pytest.mark.parametrize("kind", [RESIDENT, PANEL_MEMBER])
def test_residents_are_refused_every_coding_page_and_form(app, client, kind):
    data = seed(app)
    sign_in_as(client, kind, data)
    token = csrf_token_for(app, client)
    endpoints = coding_endpoints(app, "GET") + coding_endpoints(app, "POST")
    assert {e for e, _, _ in endpoints} >= {
        "consultations.coding.index",
        "consultations.coding.new_theme",
        "consultations.coding.edit_theme",
        "consultations.coding.delete_theme",
        "consultations.coding.question",
        "consultations.coding.counts_download",
        "consultations.coding.answers_download",
    }
    for method in ("GET", "POST"):
        for endpoint, url_rule, _ in coding_endpoints(app, method):
            for url in build_urls(app, endpoint, url_rule, data):
                response = (
                    client.get(url)
                    if method == "GET"
                    else client.post(
                        url, data={"csrf_token": token, "label": "Sneaky", "answer": "1"}
                    )
                )
                assert response.status_code == 403, f"{method} {url} as {kind}"
    with app.app_context():
        assert db.session.scalar(select(Theme.id).where(Theme.label == "Sneaky")) is None


def test_officers_open_every_coding_page_of_the_sample(app, client):
    data = seed(app)
    sign_in_as(client, OFFICER, data)
    for endpoint, url_rule, _ in coding_endpoints(app, "GET"):
        for url in build_urls(app, endpoint, url_rule, data):
            assert outcome_of(client.get(url)) == "allowed", url


def queries_for(app: Flask, client, url: str) -> int:
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    client.get(url)
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_the_coding_pages_make_the_same_queries_for_more_answers(app, officer):
    coded = make_consultation(app, [f"Answer {n}" for n in range(3)])
    fares, safety = add_theme(officer, coded, "Fares"), add_theme(officer, coded, "Safety")
    for answer_id in coded.answer_ids:
        code_answer(officer, coded, answer_id, [fares, safety], "A note")
    small = [queries_for(app, officer, url) for url in (f"{coded.base}/", coded.text_page)]
    with app.app_context():
        for n in range(30):
            response = ConsultationResponseFactory(consultation_id=coded.consultation_id)
            AnswerFactory(
                response_id=response.id,
                question_id=coded.text_question_id,
                value={"text": f"More {n}"},
            )
    for answer_id in coded.answer_ids:
        code_answer(officer, coded, answer_id, [fares])
    big = [queries_for(app, officer, url) for url in (f"{coded.base}/", coded.text_page)]
    assert small == big
