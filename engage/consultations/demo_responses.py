"""Fictional consultations with answers, for the demo (``flask seed-demo``) and the scale data
(``flask seed-scale``): one open with about 40 responses (some typed in from paper), one
closed with about 600, its written answers coded to themes and its "we asked, you said, we
did" published. Answers are inserted in bulk in the shape the answering pages save
(engage/consultations/answer_values.py). Every person and answer is made up."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from engage.consultations import builder_services, services, stages
from engage.consultations.coding import services as coding
from engage.consultations.demo import KIND, _question
from engage.consultations.models import Answer, Consultation, ConsultationResponse, Question
from engage.consultations.outcome.models import ConsultationOutcome, ThemeOutcome
from engage.core import themes
from engage.core.dates import uk_today
from engage.core.db import db, insert_rows
from engage.monitoring.api import fictional_answers, save_many_answers
from engage.strategy.api import current_priority_ids

AREAS = ("E08000011", "E08000012", "E08000013", "E08000014", "E08000015", "E06000006")
# Written answers about carers' travel, by the theme an analyst codes them to.
SAID = {
    "Cost of travel": (
        "The fares add up when I take Mum to every appointment.",
        "I can't afford two tickets each time we go to the clinic.",
        "A free pass for carers would make a real difference to our budget.",
        "Taxis are the only option some days and they cost a fortune.",
    ),
    "Proof of being a carer": (
        "I don't get Carer's Allowance, so how would I prove I'm a carer?",
        "Please accept a letter from the GP, not just benefit letters.",
        "Young carers have no paperwork at all.",
    ),
    "Travelling together": (
        "The pass should cover me when I'm travelling with the person I care for.",
        "Sometimes I travel alone to collect prescriptions, that's caring too.",
        "Drivers don't always know the rules about companions.",
    ),
    "Times of day": (
        "Morning appointments start before passes are valid.",
        "Please let the pass work before half nine.",
        "Evening visits to the hospice are when we need the bus most.",
    ),
}
THEME_WORDS = {
    "Cost of travel": "What travel costs carers now.",
    "Proof of being a carer": "How a carer shows they can have the pass.",
    "Travelling together": "Whether the pass covers carers travelling with, or for, someone.",
    "Times of day": "When in the day the pass can be used.",
}
WE_DID = {
    "Cost of travel": (
        "changed",
        "Carers travelling with the person they care for now "
        "travel free on buses, trains and ferries.",
    ),
    "Proof of being a carer": (
        "changed",
        "We accept a letter from a GP, social worker or "
        "carers' centre, as well as benefit letters.",
    ),
    "Travelling together": (
        "already",
        "The pass already covers a carer travelling with the "
        "person they care for; we have written to every operator.",
    ),
    "Times of day": (
        "not_changed",
        "The pass still starts at 9:30am on weekdays: starting "
        "earlier would cost more than this year's budget allows.",
    ),
}


def _consultation(officer: object, **details: Any) -> Consultation:
    return services.create_consultation(
        services.ConsultationDetails(
            audience="Anyone who lives in, works in or visits the city region.",
            priority_ids=current_priority_ids(details.pop("priorities")),
            **details,
        ),
        officer,
    )


def _questions(consultation: Consultation, specs: list[Any]) -> list[Question]:
    page = consultation.pages[0]
    return [builder_services.add_question(page, spec) for spec in specs]


def _value(rng: random.Random, question: Question, text: str) -> dict[str, Any] | None:
    if question.kind in (KIND.SINGLE_CHOICE, KIND.AGREEMENT):
        return {"choice": rng.choice(question.choices)}
    if question.kind == KIND.MULTIPLE_CHOICE:
        picked = [option for option in question.options if rng.random() < 0.4]
        return {"choices": picked} if picked else None
    if question.kind == KIND.LONG_TEXT:
        return {"text": text} if text else None
    raise ValueError(question.kind)


def _responses(
    rng: random.Random, consultation: Consultation, count: int, when: datetime, paper: float
) -> list[int]:
    """Sent responses, a share ``paper`` of them typed in by an officer from paper, a phone
    call or an event; each with an area and equality monitoring answers."""
    channels = [stages.Channel.PAPER, stages.Channel.PHONE, stages.Channel.EVENT]
    rows = (
        {
            "consultation_id": consultation.id,
            "channel": rng.choice(channels) if rng.random() < paper else stages.Channel.ONLINE,
            "status": stages.ResponseStatus.SUBMITTED,
            "created_at": when + timedelta(hours=n),
            "submitted_at": when + timedelta(hours=n, minutes=12),
            "email": "",
            "wants_outcome": False,
            "area_code": rng.choice(AREAS),
            "pages_done": [],
        }
        for n in range(count)
    )
    ids = insert_rows(ConsultationResponse, rows, returning=ConsultationResponse.id)
    save_many_answers(stages.MONITORING_SUBJECT, ((i, fictional_answers(rng)) for i in ids))
    return ids


def _answer_rows(
    rng: random.Random, questions: list[Question], response_ids: list[int]
) -> Iterator[tuple[dict[str, Any], str]]:
    """(answer row, the theme its written answer is coded to or "") for every answer."""
    for response_id in response_ids:
        theme = rng.choice(list(SAID)) if rng.random() < 0.7 else ""
        text = rng.choice(SAID[theme]) if theme else ""
        for question in questions:
            value = _value(rng, question, text)
            if value is not None:
                row = {"response_id": response_id, "question_id": question.id, "value": value}
                yield row, theme if question.kind == KIND.LONG_TEXT else ""


def _answer(
    rng: random.Random, questions: list[Question], response_ids: list[int]
) -> list[tuple[int, str]]:
    """Answers to every question; returns (answer id, theme) of the coded written answers."""
    rows, themes_of = zip(*_answer_rows(rng, questions, response_ids), strict=True)
    ids = insert_rows(Answer, rows, returning=Answer.id)
    return [(answer_id, theme) for answer_id, theme in zip(ids, themes_of, strict=True) if theme]


def _open_consultation(rng: random.Random, officer: object) -> int:
    today = uk_today()
    consultation = _consultation(
        officer,
        title="Feeling safe at bus stops after dark",
        summary="Tell us how safe you feel waiting for a bus in the evening, and what would "
        "help: lighting, shelters, real-time signs or help points.",
        deciding="Which bus stops get new lighting and help points first.",
        decided_by="The Combined Authority's Transport Committee",
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=21),
        area_codes=list(AREAS),
        priorities=["EO2.1"],
    )
    questions = _questions(consultation, [
        _question(KIND.SINGLE_CHOICE, "Do you wait at bus stops after dark?",
                  options=("Yes, most weeks", "Sometimes", "No")),
        _question(KIND.AGREEMENT, "I feel safe waiting at my usual bus stop after dark."),
        _question(KIND.MULTIPLE_CHOICE, "What would help you feel safer?", required=False,
                  options=("Better lighting", "A shelter", "Real-time signs", "Help points")),
        _question(KIND.LONG_TEXT, "Is there anything else you would like to tell us?",
                  required=False),
    ])  # fmt: skip
    consultation.status, consultation.opened_at = stages.OPEN, datetime.now(UTC)
    ids = _responses(rng, consultation, 40, datetime.now(UTC) - timedelta(days=9), paper=0.2)
    _answer(rng, questions, ids)
    return len(ids)


def _closed_consultation(rng: random.Random, officer: object, responses: int) -> int:
    today = uk_today()
    consultation = _consultation(
        officer,
        title="Free travel for unpaid carers",
        summary="Should unpaid carers travel free on buses, trains and ferries, and how?",
        deciding="Whether to add unpaid carers to the concessionary travel scheme, and on "
        "what terms.",
        decided_by="The Combined Authority board",
        opens_on=today - timedelta(days=120),
        closes_on=today - timedelta(days=60),
        area_codes=list(AREAS),
        priorities=["EO2.2"],
    )
    questions = _questions(consultation, [
        _question(KIND.SINGLE_CHOICE, "Are you an unpaid carer?",
                  options=("Yes", "No", "I used to be")),
        _question(KIND.AGREEMENT, "Unpaid carers should travel free."),
        _question(KIND.LONG_TEXT, "What should we think about when we decide?",
                  required=False),
    ])  # fmt: skip
    consultation.status = stages.CLOSED
    consultation.opened_at = datetime.now(UTC) - timedelta(days=120)
    consultation.closed_at = datetime.now(UTC) - timedelta(days=59)
    ids = _responses(rng, consultation, responses, consultation.opened_at, paper=0.15)
    coded = _answer(rng, questions, ids)
    frame = coding.codeframe_for(consultation.id)
    by_label = {label: themes.add_theme(frame, label, THEME_WORDS[label]) for label in SAID}
    insert_rows(themes.ThemeCode, ({"theme_id": by_label[theme].id, "item_type": coding.ITEM,
                                "item_id": answer_id, "coded_at": datetime.now(UTC)}
                               for answer_id, theme in coded))  # fmt: skip
    outcome = ConsultationOutcome(
        consultation_id=consultation.id,
        what_we_asked="Whether unpaid carers should travel free, and what we should think "
        "about when deciding.",
        decision="The board agreed free travel for unpaid carers from April, at its meeting "
        "last month.",
        changes="Carers told us proof of caring was the hardest part, so we accept more kinds "
        "of letter, and the pass covers a carer travelling with the person they care for.",
        published_at=datetime.now(UTC) - timedelta(days=20),
        updated_at=datetime.now(UTC) - timedelta(days=20),
    )
    db.session.add(outcome)
    db.session.flush()
    for label, (result, did) in WE_DID.items():
        db.session.add(ThemeOutcome(outcome_id=outcome.id, theme_id=by_label[label].id,
                                    result=result, we_did=did))  # fmt: skip
    return len(ids)


def create_demo_consultation_responses(officer: object, rng: random.Random | None = None) -> int:
    """The open and closed consultations with their responses. Does not commit."""
    rng = rng or random.Random(13)  # noqa: S311 - fictional data, not security
    return _open_consultation(rng, officer) + _closed_consultation(rng, officer, 600)


def add_scale_consultation(rng: random.Random, officer: object, responses: int) -> int:
    """A closed consultation of 100 questions answered by ``responses`` people (seed-scale:
    20,000 responses and about 2,000,000 answers at factor 100). Returns the answers added."""
    today = uk_today()
    consultation = _consultation(
        officer,
        title="Scale test: the long travel survey",
        summary="A fictional survey with a hundred questions, for measuring speed.",
        deciding="Nothing: it is test data.",
        decided_by="Nobody",
        opens_on=today - timedelta(days=200),
        closes_on=today - timedelta(days=100),
        area_codes=[],
        priorities=[],
    )
    specs = []
    for number in range(1, 101):
        if number % 10 == 0:
            specs.append(_question(KIND.LONG_TEXT, f"Question {number}: tell us more.",
                                   required=False))  # fmt: skip
        elif number % 3 == 0:
            specs.append(_question(KIND.MULTIPLE_CHOICE, f"Question {number}: which apply?",
                                   options=("Bus", "Train", "Ferry", "Walk")))  # fmt: skip
        elif number % 2 == 0:
            specs.append(_question(KIND.AGREEMENT, f"Question {number}: the service is good."))
        else:
            specs.append(_question(KIND.SINGLE_CHOICE, f"Question {number}: how often?",
                                   options=("Daily", "Weekly", "Rarely", "Never")))  # fmt: skip
    questions = _questions(consultation, specs)
    consultation.status = stages.CLOSED
    consultation.opened_at = datetime.now(UTC) - timedelta(days=200)
    consultation.closed_at = datetime.now(UTC) - timedelta(days=99)
    ids = _responses(rng, consultation, responses, consultation.opened_at, paper=0.1)
    # Streamed, not returned: two million rows are never held at once.
    return len(insert_rows(Answer, (row for row, _ in _answer_rows(rng, questions, ids))))
