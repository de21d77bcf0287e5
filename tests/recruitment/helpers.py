"""Test helpers for recruitment: rounds, applications and the emails they send.

Each helper opens its own short app context (tests must not hold one open while the client
makes requests) and returns plain values (ids, references), never ORM objects.

Records straight in the database (fast, no pages, no emails):
    ensure_reference_data(app)                        # panels, councils, strategy (once)
    round_id = make_round(app)                        # open now, Disabled People Panel, 2
                                                      # questions, 2 criteria; see its options
    round_id = make_round(app, panels=[RACE, GENDER], closes_on=..., document=(name, type, b""))
    round_id = make_round(app, lead_officer_id=officer.id)  # the lead, who may change it
    ref = submitted_application(app, round_id)        # a complete, sent application
    ref = submitted_application(app, round_id, status=SHORTLISTED, user_id=user.id,
                                monitoring_answers={"sex": "female"}, shortlist_reason="...")
    panel_id(app, DISABLED_PEOPLE); application_id(app, ref)

Through the pages, as an applicant (the client keeps the application in its session):
    ref = start(client, round_id)                     # press Start: a draft
    ref = apply_through_pages(client, app, round_id)  # every section, then send
    ref = apply_through_pages(client, app, round_id, submit=False)   # ready to send
    post_page(client, url, data)                      # GET for the CSRF token, then POST
    submit_through_pages(client, ref)                 # tick the declaration and send
    about_you(app, email=...)                         # valid About you form data
    session_csrf_token(client)                        # a token where the page has no form

Emails (the outbox):
    emails(app, "application-submitted")              # every message of a kind, oldest first
    latest_email(app, address, kind).body             # fails if there is none
    link_in(body)                                     # the first link, as a path to open
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from engage.accounts.models import User
from engage.core.dates import uk_today
from engage.core.db import db, utcnow
from engage.core.email import OutboxMessage
from engage.monitoring import services as monitoring
from engage.panels.models import Panel
from engage.recruitment.apply import services as apply_services
from engage.recruitment.models import (
    SUBMITTED,
    Application,
    ApplicationAnswer,
    Criterion,
    PanelChoice,
    RecruitmentRound,
    RoundDocument,
    RoundQuestion,
)
from engage.recruitment.services import new_reference, next_candidate_number
from engage.reference.models import LocalAuthority
from engage.reference_data import load_reference_data
from tests.conftest import csrf_token

DISABLED_PEOPLE = "disabled-people"
RACE = "race"
GENDER = "gender"
QUESTIONS = (
    ("Tell us about your lived experience and why it matters to you.", 150),
    ("Why do you want to join the panel?", 100),
)
CRITERIA = (
    ("Lived experience", "What you know from your own life about the panel's community."),
    ("Working with others", "How you listen, share views and respect other people's."),
)
ALL_SECTIONS = ["about", "panels", "experience", "availability", "access", "monitoring"]


def ensure_reference_data(app: Flask) -> None:
    """Load the panels, local authorities and strategy once per test."""
    with app.app_context():
        if not db.session.scalar(select(func.count()).select_from(Panel)):
            load_reference_data()
            db.session.commit()


def make_round(
    app: Flask,
    *,
    title: str = "Equality Panels recruitment 2026",
    panels: Sequence[str] = (DISABLED_PEOPLE,),
    opens_on: date | None = None,
    closes_on: date | None = None,
    questions: Sequence[tuple[str, int]] = QUESTIONS,
    criteria: Sequence[tuple[str, str]] = CRITERIA,
    places: int = 6,
    summary: str = "Join a panel and help shape the city region's plans.",
    document: tuple[str, str, bytes] | None = None,
    lead_officer_id: int | None = None,
) -> int:
    """A round (open from a week ago for a month, unless dates are given) with panels by code,
    questions (text, word limit) and criteria (title, description). ``document`` is
    (filename, content type, bytes), added as the information pack. ``lead_officer_id``: the
    officer who leads it (and so may change it); none by default. Returns the round id."""
    ensure_reference_data(app)
    today = uk_today()
    with app.app_context():
        round_ = RecruitmentRound(
            title=title,
            summary=summary,
            opens_on=opens_on or today - timedelta(days=7),
            closes_on=closes_on or today + timedelta(days=30),
            places=places,
            lead_officer_id=lead_officer_id,
            panels=list(db.session.scalars(select(Panel).where(Panel.code.in_(panels)))),
            questions=[
                RoundQuestion(position=n, text=text, word_limit=limit)
                for n, (text, limit) in enumerate(questions)
            ],
            criteria=[
                Criterion(position=n, title=t, description=d) for n, (t, d) in enumerate(criteria)
            ],
        )
        if lead_officer_id is not None:  # the lead always reviews, as the app keeps it
            round_.reviewers.append(db.session.get(User, lead_officer_id))
        if document:
            name, content_type, content = document
            round_.documents.append(
                RoundDocument(
                    kind="information_pack",
                    filename=name,
                    content_type=content_type,
                    size=len(content),
                    content=content,
                    uploaded_at=utcnow(),
                )
            )
        db.session.add(round_)
        db.session.commit()
        return round_.id


def panel_id(app: Flask, code: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Panel.id).where(Panel.code == code))


def submitted_application(
    app: Flask,
    round_id: int,
    *,
    full_name: str = "Sam Applicant",
    email: str = "sam.applicant@example.org",
    panels: Sequence[str] = (DISABLED_PEOPLE,),
    answers: Sequence[str] | None = None,
    access_needs: Sequence[str] = ("bsl", "step_free"),
    share_access_needs: bool = False,
    monitoring_answers: dict[str, str | None] | None = None,
    status: str = SUBMITTED,
    user_id: int | None = None,
    **fields: Any,
) -> str:
    """A complete, sent application created straight in the database (no pages, no emails).
    ``answers`` default to one short answer per round question; ``monitoring_answers`` are
    saved as the applicant's equality monitoring (e.g. {"sex": "female"}); ``fields`` set
    any other Application column (e.g. shortlist_reason=...). Returns the reference."""
    with app.app_context():
        round_ = db.session.get(RecruitmentRound, round_id)
        texts = answers or [f"My answer to question {n}." for n in range(len(round_.questions))]
        chosen = db.session.scalars(select(Panel).where(Panel.code.in_(panels))).all()
        by_code = {panel.code: panel for panel in chosen}
        now = utcnow()
        application = Application(
            round_id=round_id,
            reference=new_reference(),
            candidate_number=next_candidate_number(round_id),
            user_id=user_id,
            status=status,
            full_name=full_name,
            email=email,
            connections=["live"],
            availability=["evening", "online"],
            access_needs=list(access_needs),
            share_access_needs_with_interviewers=share_access_needs,
            completed_sections=list(ALL_SECTIONS),
            submitted_at=now,
            declaration_accepted_at=now,
            local_authorities=list(db.session.scalars(select(LocalAuthority).limit(1))),
            panel_choices=[
                PanelChoice(panel_id=by_code[code].id, preference=n)
                for n, code in enumerate(panels, start=1)
            ],
            answers=[
                ApplicationAnswer(question_id=question.id, text=text)
                for question, text in zip(round_.questions, texts, strict=False)
            ],
            **fields,
        )
        db.session.add(application)
        db.session.flush()
        if monitoring_answers is not None:
            monitoring.save_answers(
                apply_services.MONITORING_SUBJECT, application.id, monitoring_answers
            )
        db.session.commit()
        return application.reference


def application_id(app: Flask, reference: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Application.id).where(Application.reference == reference))


# Through the pages ---------------------------------------------------------------------------


def post_page(client: FlaskClient, url: str, data: dict[str, Any], **kwargs: Any) -> Any:
    """GET ``url`` for its CSRF token, then POST ``data`` (lists post every value)."""
    page = client.get(url)
    assert page.status_code == 200, f"{url}: {page.status_code}"
    return client.post(url, data={"csrf_token": csrf_token(page), **data}, **kwargs)


def start(client: FlaskClient, round_id: int) -> str:
    """Press Start on the round page; returns the new application's reference."""
    page = client.get(f"/recruitment/{round_id}")
    response = client.post(f"/recruitment/{round_id}/start", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    match = re.search(r"/applications/([^/]+)/tasks", response.headers["Location"])
    assert match, response.headers["Location"]
    return match.group(1)


def about_you(app: Flask, **overrides: Any) -> dict[str, Any]:
    with app.app_context():
        first = db.session.scalar(select(LocalAuthority.code).order_by(LocalAuthority.name))
    return {
        "full_name": "Kay Applicant",
        "email": "kay.applicant@example.org",
        "phone": "",
        "connections": ["live"],
        "local_authorities": [first],
        "save": "continue",
        **overrides,
    }


def apply_through_pages(
    client: FlaskClient,
    app: Flask,
    round_id: int,
    *,
    email: str = "kay.applicant@example.org",
    access_needs: Sequence[str] = ("bsl", "captions"),
    monitoring_answers: dict[str, str] | None = None,
    submit: bool = True,
) -> str:
    """Start, fill in every section through the pages, and (by default) send. Answers each
    round question with a short text. Returns the reference."""
    reference = start(client, round_id)
    base = f"/applications/{reference}"
    steps: list[tuple[str, dict[str, Any]]] = [
        ("about-you", about_you(app, email=email)),
        ("panels", {"panels": [str(p) for p in _round_panel_ids(app, round_id)[:1]]}),
        (
            "experience",
            {f"answer_{q}": "Real lived experience." for q in _questions(app, round_id)},
        ),
        ("availability", {"times": ["evening"], "ways": ["online"]}),
        ("access-needs", {"needs": list(access_needs) or ["none"], "share": "no"}),
        ("equality-monitoring", monitoring_answers or {}),
    ]
    for path, data in steps:
        response = post_page(client, f"{base}/{path}", {"save": "continue", **data})
        assert response.status_code == 302, f"{path}: {response.get_data(as_text=True)[:2000]}"
    if submit:
        response = submit_through_pages(client, reference)
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return reference


def session_csrf_token(client: FlaskClient) -> str:
    """A CSRF token for this client's session, from a page that always has a form (for
    posting where the page itself shows no form, such as a closed round)."""
    return csrf_token(client.get("/applications/find"))


def submit_through_pages(client: FlaskClient, reference: str) -> Any:
    """Tick the declaration and send, as the check-your-answers page does; returns the
    response (a redirect to the confirmation page when it worked)."""
    return client.post(
        f"/applications/{reference}/submit",
        data={"csrf_token": session_csrf_token(client), "declaration": "y"},
    )


def _round_panel_ids(app: Flask, round_id: int) -> list[int]:
    with app.app_context():
        return [panel.id for panel in db.session.get(RecruitmentRound, round_id).panels]


def _questions(app: Flask, round_id: int) -> list[int]:
    with app.app_context():
        return [q.id for q in db.session.get(RecruitmentRound, round_id).questions]


# Emails ------------------------------------------------------------------------------------


def emails(app: Flask, kind: str | None = None) -> list[OutboxMessage]:
    with app.app_context():
        statement = select(OutboxMessage).order_by(OutboxMessage.id)
        if kind:
            statement = statement.where(OutboxMessage.kind == kind)
        messages = list(db.session.scalars(statement))
        for message in messages:
            db.session.expunge(message)  # readable after the context ends
        return messages


def latest_email(app: Flask, recipient: str, kind: str | None = None) -> OutboxMessage:
    found = [m for m in emails(app, kind) if m.recipient == recipient]
    assert found, f"no {kind or ''} email to {recipient}"
    return found[-1]


def link_in(body: str) -> str:
    """The first link in an email, as a path the test client can open."""
    match = re.search(r"https?://[^/\s]+(/\S*)", body)
    assert match, f"no link in:\n{body}"
    return match.group(1)
