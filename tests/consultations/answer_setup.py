"""A routed, open consultation for the answering tests, made with the factories:

page 1: "Do you use the bus?" (Yes / No, required); a route: No -> page 3
page 2: "Which bus route do you use most?" (short text, required)
page 3: "The buses are on time" (agreement, optional) and "How many journeys a week?"
        (number, optional)
page 4: "What would help?" (multiple choice with other, optional), "When did you last
        travel?" (date, optional), "Your postcode" (postcode, optional)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask
from sqlalchemy import select

from engage.consultations.models import Answer, ConsultationResponse
from engage.core.db import db
from tests.factories.consultations import (
    ConsultationFactory,
    PageRouteFactory,
    QuestionFactory,
    QuestionPageFactory,
)

PUBLIC = "/consultations"


@dataclass
class Routed:
    id: int
    pages: list[int]
    questions: dict[str, int]  # a short name -> question id
    officer_id: int

    def page_url(self, number: int, **args: Any) -> str:
        query = "".join(f"&{k}={v}" for k, v in args.items()).replace("&", "?", 1)
        return f"{PUBLIC}/{self.id}/questions/{self.pages[number - 1]}{query}"

    def field(self, name: str, part: str = "") -> str:
        return f"question-{self.questions[name]}" + (f"-{part}" if part else "")


def make_routed(app: Flask, **changes: Any) -> Routed:
    with app.app_context():
        consultation = ConsultationFactory(status="open", **changes)
        pages = [
            QuestionPageFactory(consultation_id=consultation.id, position=n) for n in range(1, 5)
        ]
        q: dict[str, Any] = {}
        q["bus"] = QuestionFactory(page_id=pages[0].id, position=1, text="Do you use the bus?")
        q["route"] = QuestionFactory(
            page_id=pages[1].id, position=1, kind="short_text", options=[],
            text="Which bus route do you use most?",
        )  # fmt: skip
        q["on_time"] = QuestionFactory(
            page_id=pages[2].id, position=1, kind="agreement", options=[], required=False,
            text="The buses are on time",
        )  # fmt: skip
        q["journeys"] = QuestionFactory(
            page_id=pages[2].id, position=2, kind="number", options=[], required=False,
            text="How many journeys a week?",
        )  # fmt: skip
        q["help"] = QuestionFactory(
            page_id=pages[3].id, position=1, kind="multiple_choice", required=False,
            options=["Cheaper fares", "More buses"], allows_other=True, text="What would help?",
        )  # fmt: skip
        q["last"] = QuestionFactory(
            page_id=pages[3].id, position=2, kind="date", options=[], required=False,
            text="When did you last travel?",
        )  # fmt: skip
        q["postcode"] = QuestionFactory(
            page_id=pages[3].id, position=3, kind="postcode", options=[], required=False,
            text="Your postcode",
        )  # fmt: skip
        PageRouteFactory(
            question_id=q["bus"].id, page_id=pages[0].id, answer="No",
            goes_to_page_id=pages[2].id,
        )  # fmt: skip
        return Routed(
            id=consultation.id,
            pages=[page.id for page in pages],
            questions={name: question.id for name, question in q.items()},
            officer_id=consultation.created_by_id,
        )


def post_page(client: Any, url: str, data: dict[str, Any], **kwargs: Any) -> Any:
    from tests.conftest import csrf_token

    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code, page.headers.get("Location"))
    return client.post(url, data={"csrf_token": csrf_token(page), **data}, **kwargs)


def start(client: Any, routed: Routed, **data: Any) -> Any:
    response = post_page(client, f"{PUBLIC}/{routed.id}/start", data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response


def responses(app: Flask, consultation_id: int) -> list[ConsultationResponse]:
    with app.app_context():
        found = list(
            db.session.scalars(
                select(ConsultationResponse)
                .where(ConsultationResponse.consultation_id == consultation_id)
                .order_by(ConsultationResponse.id)
            )
        )
        db.session.expunge_all()
        return found


def answers_of(app: Flask, response_id: int) -> dict[int, Any]:
    with app.app_context():
        return dict(
            db.session.execute(
                select(Answer.question_id, Answer.value).where(Answer.response_id == response_id)
            ).all()
        )
