"""Scores sent at the same moment, through real HTTP to a served app, on PostgreSQL.

Issue 8: 20 concurrent "Submit scores" from one reviewer gave 8 server errors
(uq_application_review_application_id): the duplicate check ran before the row lock and was
not repeated after it. Every request must answer a page (saved, or "already submitted"), and
the data must stay right: one review, the scores sent.

SQLite takes one writer at a time and has no row locks, so the race needs PostgreSQL: these
tests skip without TEST_DATABASE_URL (CI runs the suite again with it)."""

from __future__ import annotations

import http.client
import re
import threading
from collections import Counter
from collections.abc import Iterator
from html import unescape
from urllib.parse import urlencode, urlsplit

import pytest
from flask import Flask
from sqlalchemy import select
from werkzeug.serving import WSGIRequestHandler, make_server

from engage.core.db import db, utcnow
from engage.recruitment.models import (
    CriterionScore,
    ModeratedScore,
    RecruitmentRound,
    Review,
)
from engage.recruitment.review.services import ALREADY_SUBMITTED
from tests.conftest import csrf_token
from tests.databases import is_postgres
from tests.recruitment.helpers import application_id, make_round, submitted_application

REQUESTS = 20
SESSION_COOKIE = "engage_session"


@pytest.fixture
def postgres(database_url: str) -> None:
    if not is_postgres(database_url):
        pytest.skip(
            "Concurrent scoring needs PostgreSQL (row locks, many writers at once): set "
            "TEST_DATABASE_URL=postgresql://... to run it"
        )


class _Quiet(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


@pytest.fixture
def served(app: Flask, postgres: None) -> Iterator[str]:
    """The app on a free local port: each request in its own thread, with its own database
    session (as gunicorn's workers would have)."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_Quiet)
    server.request_queue_size = REQUESTS * 2
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def _request(host: str, method: str, path: str, cookie: str, body: str | None = None):
    connection = http.client.HTTPConnection(host, timeout=60)
    headers = {"Cookie": f"{SESSION_COOKIE}={cookie}"}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    text = response.read().decode()
    connection.close()
    return response, text


def _session_cookie(response: http.client.HTTPResponse, default: str) -> str:
    for header in response.headers.get_all("Set-Cookie") or []:
        match = re.match(rf"{SESSION_COOKIE}=([^;]*)", header)
        if match:
            return match.group(1)
    return default


def _post_at_once(host: str, path: str, cookie: str, bodies: list[str]) -> list[tuple[int, str]]:
    """POST every body at the same moment (a barrier releases the threads together); follow
    each redirect with that response's session, as a browser would. Returns (status of the
    POST, the page it led to)."""
    barrier = threading.Barrier(len(bodies))
    results: list[tuple[int, str] | None] = [None] * len(bodies)

    def send(index: int, body: str) -> None:
        barrier.wait()
        response, text = _request(host, "POST", path, cookie, body)
        if response.status in (301, 302, 303):
            location = urlsplit(response.headers["Location"]).path
            _, text = _request(host, "GET", location, _session_cookie(response, cookie))
        results[index] = (response.status, text)

    threads = [threading.Thread(target=send, args=pair) for pair in enumerate(bodies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(result is not None for result in results), "a request did not finish"
    return results  # type: ignore[return-value]


def _messages(pages: list[tuple[int, str]]) -> Counter[str]:
    """The notification each page showed (the flashed message), counted."""
    found: Counter[str] = Counter()
    for _, page in pages:
        match = re.search(r'govuk-notification-banner__heading">\s*(.*?)\s*</', page, re.S)
        found[unescape(match.group(1)) if match else "no message"] += 1
    return found


def _setup(app: Flask, client, make_user, signed_in_as) -> tuple[str, str, dict, int, list]:
    reviewer = make_user(roles=["officer"], full_name="Rae Reviewer")
    round_id = make_round(app, lead_officer_id=reviewer.id)
    reference = submitted_application(app, round_id)
    signed_in_as(reviewer)
    path = f"/review/rounds/{round_id}/applications/1"
    page = client.get(path)
    assert page.status_code == 200
    with app.app_context():
        criteria = [c.id for c in db.session.get(RecruitmentRound, round_id).criteria]
    form = {"csrf_token": csrf_token(page), "overall_comment": "Clear answers."}
    for number, criterion_id in enumerate(criteria):
        form[f"score_{criterion_id}"] = str(2 + number)
        form[f"comment_{criterion_id}"] = f"Evidence for criterion {number + 1}."
    cookie = client.get_cookie(SESSION_COOKIE).value
    return path, cookie, form, application_id(app, reference), criteria


def _stored(app: Flask, application: int) -> list[tuple[bool, list[tuple[int, int, str]]]]:
    with app.app_context():
        reviews = db.session.scalars(select(Review).where(Review.application_id == application))
        return [
            (
                review.submitted_at is not None,
                sorted(
                    (s.criterion_id, s.score, s.comment)
                    for s in db.session.scalars(
                        select(CriterionScore).where(CriterionScore.review_id == review.id)
                    )
                ),
            )
            for review in reviews
        ]


def test_twenty_identical_submissions_at_once_give_one_review_and_no_server_error(
    app, client, make_user, signed_in_as, served
):
    path, cookie, form, application, criteria = _setup(app, client, make_user, signed_in_as)
    body = urlencode({**form, "submit_scores": "Submit scores"})
    results = _post_at_once(served, path, cookie, [body] * REQUESTS)

    statuses = Counter(status for status, _ in results)
    assert statuses[500] == 0, statuses
    assert set(statuses) == {302}, statuses
    messages = _messages(results)
    assert messages["Scores submitted for Applicant 1."] == 1, messages
    assert messages[f"{ALREADY_SUBMITTED}."] == REQUESTS - 1, messages
    expected = sorted(
        (c, 2 + n, f"Evidence for criterion {n + 1}.") for n, c in enumerate(criteria)
    )
    assert _stored(app, application) == [(True, expected)]


def test_drafts_and_submissions_at_once_give_one_review_and_no_server_error(
    app, client, make_user, signed_in_as, served
):
    path, cookie, form, application, criteria = _setup(app, client, make_user, signed_in_as)
    draft = urlencode({**form, "save_draft": "Save draft"})
    submit = urlencode({**form, "submit_scores": "Submit scores"})
    results = _post_at_once(served, path, cookie, [draft, submit] * (REQUESTS // 2))

    statuses = Counter(status for status, _ in results)
    assert statuses[500] == 0, statuses
    assert set(statuses) == {302}, statuses
    messages = _messages(results)
    assert messages["Scores submitted for Applicant 1."] == 1, messages
    assert set(messages) <= {
        "Scores submitted for Applicant 1.",
        "Draft saved for Applicant 1.",
        f"{ALREADY_SUBMITTED}.",
    }, messages
    expected = sorted(
        (c, 2 + n, f"Evidence for criterion {n + 1}.") for n, c in enumerate(criteria)
    )
    assert _stored(app, application) == [(True, expected)]


def test_agreed_scores_saved_at_once_give_one_row_per_criterion_and_no_server_error(
    app, client, make_user, signed_in_as, served
):
    """The lead's moderation inserts one row per criterion: the same race, the same lock."""
    lead = make_user(roles=["officer"], full_name="Lee Lead")
    reviewers = [make_user(roles=["officer"]) for _ in range(2)]
    round_id = make_round(app, lead_officer_id=lead.id)
    application = application_id(app, submitted_application(app, round_id))
    with app.app_context():
        criteria = [c.id for c in db.session.get(RecruitmentRound, round_id).criteria]
        for reviewer in reviewers:
            review = Review(
                application_id=application,
                reviewer_id=reviewer.id,
                started_at=utcnow(),
                submitted_at=utcnow(),
            )
            review.scores = [CriterionScore(criterion_id=c, score=2, comment="") for c in criteria]
            db.session.add(review)
        db.session.commit()
    signed_in_as(lead)
    path = f"/review/rounds/{round_id}/moderation/1"
    page = client.get(path)
    assert page.status_code == 200
    form = {"csrf_token": csrf_token(page), **{f"agreed_{c}": "2" for c in criteria}}
    cookie = client.get_cookie(SESSION_COOKIE).value
    results = _post_at_once(served, path, cookie, [urlencode(form)] * REQUESTS)

    statuses = Counter(status for status, _ in results)
    assert statuses[500] == 0, statuses
    assert set(statuses) == {302}, statuses
    assert _messages(results) == {f"Agreed scores saved for Applicant 1: {2 * len(criteria)}.": 20}
    with app.app_context():
        rows = db.session.scalars(
            select(ModeratedScore).where(ModeratedScore.application_id == application)
        ).all()
        assert sorted((row.criterion_id, row.score) for row in rows) == [(c, 2) for c in criteria]
