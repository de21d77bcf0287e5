"""A handmade consultation for the results tests: one question of each kind that counts, and
responses made with the factories in the answering pages' JSON format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engage.consultations.results.counts import MONITORING_SUBJECT
from engage.monitoring.models import MonitoringResponse
from tests.factories.consultations import (
    AnswerFactory,
    ConsultationFactory,
    ConsultationResponseFactory,
    QuestionFactory,
    QuestionPageFactory,
)

LIVERPOOL, WIRRAL = "E08000012", "E08000015"


@dataclass
class Made:
    consultation_id: int
    questions: dict[str, int]  # kind -> question id


def make_consultation(**fields: Any) -> Made:
    consultation = ConsultationFactory(status="open", **fields)
    page = QuestionPageFactory(consultation_id=consultation.id, position=1)

    def question(kind: str, text: str, **more: Any) -> int:
        return QuestionFactory(page_id=page.id, kind=kind, text=text, **more).id

    questions = {
        "single_choice": question("single_choice", "Do you use the bus?",
                                  options=["Yes", "No"], allows_other=True),
        "agreement": question("agreement", "Buses are on time.", options=[]),
        "multiple_choice": question("multiple_choice", "How else do you travel?",
                                    options=["Walk", "Taxi", "Train"], allows_other=True),
        "ranking": question("ranking", "What matters most?",
                            options=["Price", "Speed", "Comfort"]),
        "matrix": question("matrix", "How are the stops?", options=["Good", "Poor"],
                           matrix_rows=["Shelter", "Seats"]),
        "number": question("number", "How many trips a week?", options=[]),
        "long_text": question("long_text", "Anything else?", options=[]),
        "email": question("email", "Your email, if you want a reply", options=[]),
    }  # fmt: skip
    return Made(consultation.id, questions)


def respond(
    made: Made,
    answers: dict[str, Any],
    *,
    status: str = "submitted",
    channel: str = "online",
    area_code: str = LIVERPOOL,
    monitoring: dict[str, str] | None = None,
) -> int:
    """A response with ``answers`` (kind -> the JSON value), and its monitoring answers."""
    response = ConsultationResponseFactory(
        consultation_id=made.consultation_id, status=status, channel=channel, area_code=area_code
    )
    for kind, value in answers.items():
        AnswerFactory(response_id=response.id, question_id=made.questions[kind], value=value)
    if monitoring is not None:
        from engage.core.db import db

        db.session.add(
            MonitoringResponse(
                subject_type=MONITORING_SUBJECT, subject_id=str(response.id), **monitoring
            )
        )
        db.session.commit()
    return response.id


def full_answers(
    choice: str = "Yes",
    agreement: str = "Agree",
    choices: tuple[str, ...] = ("Walk",),
    ranking: tuple[str, ...] = ("Price", "Speed", "Comfort"),
    rows: dict[str, str] | None = None,
    number: float = 3,
    text: str = "More buses please",
) -> dict[str, Any]:
    return {
        "single_choice": {"choice": choice},
        "agreement": {"choice": agreement},
        "multiple_choice": {"choices": list(choices)},
        "ranking": {"ranking": list(ranking)},
        "matrix": {"rows": rows if rows is not None else {"Shelter": "Good", "Seats": "Poor"}},
        "number": {"number": number},
        "long_text": {"text": text},
        "email": {"text": "someone@example.org"},
    }
