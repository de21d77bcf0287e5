"""A fictional draft consultation for the demo (``flask seed-demo``): three pages of
questions with a route that skips the second page for people who do not use buses, made
through the services as an officer would. Not the authority's own consultation."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from engage.consultations import builder_services, services, stages
from engage.consultations.builder_services import QuestionDetails
from engage.consultations.models import Consultation
from engage.core.dates import uk_today
from engage.core.db import db
from engage.strategy.api import current_priority_ids

KIND = stages.QuestionKind


def _question(kind: str, text: str, *, hint: str = "", required: bool = True,
              options: tuple[str, ...] = (), other: bool = False,
              rows: tuple[str, ...] = ()) -> QuestionDetails:  # fmt: skip
    return QuestionDetails(kind=kind, text=text, hint=hint, required=required,
                           options=list(options), allows_other=other,
                           matrix_rows=list(rows))  # fmt: skip


def create_demo_consultations(officer: object) -> int:
    """The draft (none when there are consultations already). Does not commit."""
    if db.session.scalar(select(func.count(Consultation.id))):
        return 0
    today = uk_today()
    consultation = services.create_consultation(
        services.ConsultationDetails(
            title="Getting to hospital appointments by bus",
            summary="We want to hear how people get to hospital appointments, and what "
            "would make the journey easier, especially for disabled people and carers.",
            deciding="Which changes to bus routes and timetables near the region's hospitals "
            "to make first, within next year's budget.",
            decided_by="The Combined Authority's Transport Committee",
            audience="Anyone who travels to a hospital in the city region, or helps someone to.",
            opens_on=today + timedelta(days=14),
            closes_on=today + timedelta(days=70),
            area_codes=["E08000012", "E08000011"],
            priority_ids=current_priority_ids(["EO2.1", "EO2.2"]),
        ),
        officer,
    )
    first = consultation.pages[0]
    first.heading = "How you travel"
    uses_bus = builder_services.add_question(first, _question(
        KIND.SINGLE_CHOICE, "Do you use a bus to get to hospital appointments?",
        options=("Yes", "No"),
    ))  # fmt: skip
    builder_services.add_question(first, _question(
        KIND.MULTIPLE_CHOICE, "How else do you get there?", required=False,
        options=("Walking or wheeling", "Taxi", "Lift from family or friends",
                 "Hospital transport"), other=True,
    ))  # fmt: skip
    buses = builder_services.add_page(consultation, "Your bus journeys")
    builder_services.add_question(buses, _question(
        KIND.MATRIX, "How are these parts of the journey?",
        options=("Good", "Fair", "Poor"),
        rows=("Getting on and off", "Finding a seat", "Announcements of stops"),
    ))  # fmt: skip
    builder_services.add_question(buses, _question(
        KIND.RANKING, "Which changes matter most to you?",
        options=("More frequent buses", "Stops nearer the entrance", "Later evening buses"),
    ))  # fmt: skip
    last = builder_services.add_page(consultation, "Anything else")
    builder_services.add_question(last, _question(
        KIND.AGREEMENT, "The bus network makes it easy to reach hospital on time.",
    ))  # fmt: skip
    builder_services.add_question(last, _question(
        KIND.LONG_TEXT, "Is there anything else you would like to tell us?", required=False,
        hint="Please do not include your name or anyone else's.",
    ))  # fmt: skip
    builder_services.add_route(first, uses_bus.id, "No", last.id)
    return 1
