"""Recruitment rounds and what they hold: criteria, questions, documents, applications with
their panel choices and answers, and interview times. Reviews and scores are in
tests/factories/scoring.py."""

from __future__ import annotations

from datetime import timedelta

import factory

from engage.core.dates import uk_today
from engage.core.db import utcnow
from engage.recruitment.models import (
    Application,
    ApplicationAnswer,
    Criterion,
    InterviewSlot,
    PanelChoice,
    RecruitmentRound,
    RoundDocument,
    RoundQuestion,
)
from engage.recruitment.services import next_candidate_number
from engage.recruitment.stages import ApplicationStatus
from engage.recruitment.task_list import APPLICATION_SECTIONS
from tests.factories.base import ModelFactory, attached
from tests.factories.panels import PanelFactory

QUESTIONS = (
    ("Tell us about your lived experience and why it matters to you.", 150),
    ("Why do you want to join the panel?", 100),
)
CRITERIA = (
    ("Lived experience", "What you know from your own life about the panel's community."),
    ("Working with others", "How you listen, share views and respect other people's."),
)


def _days_from_today(days: int) -> factory.LazyFunction:
    return factory.LazyFunction(lambda: uk_today() + timedelta(days=days))


class RoundFactory(ModelFactory):
    """A round open from a week ago for a month, for one new panel, with two questions and
    two criteria. ``lead_officer=user`` makes them its lead and a reviewer (as the app does);
    ``closed=True``: it closed yesterday; ``finished=True``: its outcomes have been sent."""

    class Meta:
        model = RecruitmentRound

    class Params:
        lead_officer = None
        closed = factory.Trait(opens_on=_days_from_today(-30), closes_on=_days_from_today(-1))
        finished = factory.Trait(
            opens_on=_days_from_today(-90),
            closes_on=_days_from_today(-60),
            outcomes_sent_at=factory.LazyFunction(lambda: utcnow() - timedelta(days=5)),
        )

    title = factory.Sequence(lambda n: f"Equality Panels recruitment {n}")
    summary = "Join a panel and help shape the city region's plans."
    opens_on = _days_from_today(-7)
    closes_on = _days_from_today(30)
    places = 6
    lead_officer_id = factory.LazyAttribute(lambda o: o.lead_officer.id if o.lead_officer else None)
    reviewers = factory.LazyAttribute(lambda o: [o.lead_officer] if o.lead_officer else [])
    panels = factory.List([factory.SubFactory(PanelFactory)])
    # Plain rows, not factories: they are saved with the round (a criterion needs its round).
    criteria = factory.LazyFunction(
        lambda: [
            Criterion(position=n, title=title, description=description)
            for n, (title, description) in enumerate(CRITERIA, start=1)
        ]
    )
    questions = factory.LazyFunction(
        lambda: [
            RoundQuestion(position=n, text=text, word_limit=limit)
            for n, (text, limit) in enumerate(QUESTIONS, start=1)
        ]
    )


class CriterionFactory(ModelFactory):
    class Meta:
        model = Criterion

    round = factory.SubFactory(RoundFactory)
    position = factory.Sequence(lambda n: n + 10)  # after the round's own two
    title = factory.Sequence(lambda n: f"Criterion {n}")
    description = "What the criterion looks for."


class RoundQuestionFactory(ModelFactory):
    class Meta:
        model = RoundQuestion

    round = factory.SubFactory(RoundFactory)
    position = factory.Sequence(lambda n: n + 10)
    text = factory.Sequence(lambda n: f"Question {n}: what would you bring to the panel?")
    hint = ""
    word_limit = 300


class RoundDocumentFactory(ModelFactory):
    """The round's information pack, as a tiny PDF."""

    class Meta:
        model = RoundDocument

    round = factory.SubFactory(RoundFactory)
    kind = "information_pack"
    filename = "information-pack.pdf"
    content_type = "application/pdf"
    content = b"%PDF-1.4 information pack"
    size = factory.LazyAttribute(lambda o: len(o.content))
    uploaded_at = factory.LazyFunction(utcnow)


class ApplicationFactory(ModelFactory):
    """A complete, sent application to a new round, choosing the round's first panel and
    answering each of its questions. ``draft=True`` for one not sent yet; ``user=person``
    for one made with an account; ``panel_choices=[]``/``answers=[]`` for none."""

    class Meta:
        model = Application

    class Params:
        user = None
        draft = factory.Trait(
            status=ApplicationStatus.DRAFT,
            submitted_at=None,
            declaration_accepted_at=None,
            completed_sections=factory.List([]),
        )

    round = factory.SubFactory(RoundFactory)
    reference = factory.Sequence(lambda n: f"EP-FACT-{n:04d}")
    candidate_number = factory.LazyAttribute(
        lambda o: next_candidate_number(o.round.id) if o.round.id else 1
    )
    user_id = factory.LazyAttribute(lambda o: o.user.id if o.user else None)
    status = ApplicationStatus.SUBMITTED
    full_name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    connections = factory.List(["live"])
    availability = factory.List(["evening", "online"])
    access_needs = factory.List([])
    completed_sections = factory.LazyFunction(lambda: list(APPLICATION_SECTIONS.sections))
    declaration_accepted_at = factory.LazyFunction(utcnow)
    submitted_at = factory.SelfAttribute("declaration_accepted_at")

    # The round's first panel, and an answer to each of its questions.
    panel_choices = factory.LazyAttribute(
        lambda o: [PanelChoice(panel=panel, preference=1) for panel in attached(o.round).panels[:1]]
    )
    answers = factory.LazyAttribute(
        lambda o: [
            ApplicationAnswer(question=question, text=f"My answer to question {n}.")
            for n, question in enumerate(attached(o.round).questions, start=1)
        ]
    )


class PanelChoiceFactory(ModelFactory):
    """A further panel chosen by a new application (which chose its round's panel first)."""

    class Meta:
        model = PanelChoice

    application = factory.SubFactory(ApplicationFactory)
    panel = factory.SubFactory(PanelFactory)
    preference = 2


class ApplicationAnswerFactory(ModelFactory):
    """An answer to a new question of the application's round."""

    class Meta:
        model = ApplicationAnswer

    application = factory.SubFactory(ApplicationFactory)
    question = factory.SubFactory(
        RoundQuestionFactory, round=factory.SelfAttribute("..application.round")
    )
    text = "Real lived experience, in my own words."


class InterviewSlotFactory(ModelFactory):
    """A free interview time online, two weeks from now; ``application=...`` to book it."""

    class Meta:
        model = InterviewSlot

    class Params:
        round = factory.SubFactory(RoundFactory, closed=True)
        application = None

    round_id = factory.SelfAttribute("round.id")
    starts_at = factory.LazyFunction(
        lambda: utcnow().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=14)
    )
    minutes = 45
    where = "Online (Teams)"
    application_id = factory.LazyAttribute(lambda o: o.application.id if o.application else None)


__all__ = [
    "ApplicationAnswerFactory",
    "ApplicationFactory",
    "CriterionFactory",
    "InterviewSlotFactory",
    "PanelChoiceFactory",
    "RoundDocumentFactory",
    "RoundFactory",
    "RoundQuestionFactory",
]
