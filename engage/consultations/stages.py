"""The rules of consultations: their statuses, the kinds of question, how a response came
in, and every "is open / can X" rule of the feature, with what a refusal says. Kept in one
place, like the directory's stages.py."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from engage.core.errors import Refused


class ConsultationStatus(StrEnum):
    DRAFT = "draft"  # officers only: being built
    OPEN = "open"  # taking answers between its dates
    CLOSED = "closed"  # no more answers


DRAFT, OPEN, CLOSED = ConsultationStatus.DRAFT, ConsultationStatus.OPEN, ConsultationStatus.CLOSED

STATUS_LABELS = {DRAFT: "Draft", OPEN: "Open", CLOSED: "Closed"}


class QuestionKind(StrEnum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    AGREEMENT = "agreement"
    RANKING = "ranking"
    MATRIX = "matrix"
    NUMBER = "number"
    DATE = "date"
    EMAIL = "email"
    POSTCODE = "postcode"
    FILE = "file"


KIND_LABELS = {
    QuestionKind.SHORT_TEXT: "Short answer (one line of text)",
    QuestionKind.LONG_TEXT: "Long answer (a paragraph or more)",
    QuestionKind.SINGLE_CHOICE: "Choose one option",
    QuestionKind.MULTIPLE_CHOICE: "Choose any options",
    QuestionKind.AGREEMENT: "How much do you agree (5-point scale)",
    QuestionKind.RANKING: "Put options in order",
    QuestionKind.MATRIX: "Grid: each row answered on a scale",
    QuestionKind.NUMBER: "A number",
    QuestionKind.DATE: "A date",
    QuestionKind.EMAIL: "An email address",
    QuestionKind.POSTCODE: "A postcode",
    QuestionKind.FILE: "Upload a file",
}
# Kinds whose options an officer writes (for a matrix, the options are its scale).
WITH_OPTIONS = {
    QuestionKind.SINGLE_CHOICE,
    QuestionKind.MULTIPLE_CHOICE,
    QuestionKind.RANKING,
    QuestionKind.MATRIX,
}
# Kinds that may offer "Other, please say".
WITH_OTHER = {QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE}
# The only kind a page's route can follow.
ROUTABLE = QuestionKind.SINGLE_CHOICE
AGREEMENT_SCALE = (
    "Strongly agree",
    "Agree",
    "Neither agree nor disagree",
    "Disagree",
    "Strongly disagree",
)
OTHER_LABEL = "Other, please say"
MIN_OPTIONS = 2
MAX_OPTIONS = 30
MAX_OPTION_CHARACTERS = 200
MAX_MATRIX_ROWS = 20


class Channel(StrEnum):
    ONLINE = "online"
    PAPER = "paper"
    PHONE = "phone"
    EVENT = "event"


CHANNEL_LABELS = {
    Channel.ONLINE: "Online",
    Channel.PAPER: "Paper",
    Channel.PHONE: "Phone",
    Channel.EVENT: "At an event",
}


class ResponseStatus(StrEnum):
    DRAFT = "draft"  # started, not sent
    SUBMITTED = "submitted"


class ConsultationRefused(Refused):
    """An action these rules do not allow; the message says why."""


QUESTIONS_LOCKED = (
    "The questions are locked because people have answered: pages, questions and routes "
    "can no longer be changed, so that every answer stays with the question it answered"
)
CLOSED_NOT_CHANGED = "A closed consultation cannot be changed"
NOT_A_DRAFT = "Only a draft consultation can be opened"
NOT_OPEN = "Only an open consultation can be closed"
NO_OPENING_DATE = "Enter the date it opens"
NO_CLOSING_DATE = "Enter the date it closes"
CLOSES_BEFORE_OPENING = "The closing date must be on or after the opening date"
CLOSING_DATE_PASSED = "The closing date has passed: change it to a later date"
NO_QUESTIONS = "Add at least one question"
EMPTY_PAGE = "Page {number} has no questions: add one or delete the page"
ROUTE_NOT_ROUTABLE = "Only a 'Choose one option' question on the page can route to another page"
ROUTE_ANSWER_UNKNOWN = "Choose one of the question's options"
ROUTE_NOT_LATER = "A route can only go to a later page or to the end"
ROUTE_EXISTS = "There is already a route for that answer: delete it first"
BROKEN_ROUTES = "This change would leave the open consultation's routes broken: {problems}"


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)  # type: ignore[call-overload]


def takes_answers(consultation: Any, today: date) -> bool:
    """Open, and today between its opening and closing dates (whole UK days)."""
    return (
        consultation.status == OPEN
        and consultation.opens_on is not None
        and consultation.closes_on is not None
        and consultation.opens_on <= today <= consultation.closes_on
    )


def can_edit_details(consultation: Any) -> bool:
    return consultation.status != CLOSED


def can_close(consultation: Any) -> bool:
    return consultation.status == OPEN


def questions_problem(consultation: Any, submitted_responses: int) -> str | None:
    """Why its pages, questions and routes cannot be changed now, or None when they can:
    never after anyone has answered, nor once closed."""
    if submitted_responses:
        return QUESTIONS_LOCKED
    if consultation.status == CLOSED:
        return CLOSED_NOT_CHANGED
    return None


def can_change_questions(consultation: Any, submitted_responses: int) -> bool:
    return questions_problem(consultation, submitted_responses) is None


def opening_problems(
    consultation: Any, today: date, question_counts: list[int], route_problems: list[str]
) -> list[str]:
    """Everything that stops a draft opening, in words (empty when it can open).
    ``question_counts``: how many questions each page has, in page order."""
    if consultation.status != DRAFT:
        return [NOT_A_DRAFT]
    found = []
    if consultation.opens_on is None:
        found.append(NO_OPENING_DATE)
    if consultation.closes_on is None:
        found.append(NO_CLOSING_DATE)
    elif consultation.closes_on < today:
        found.append(CLOSING_DATE_PASSED)
    if (
        consultation.opens_on
        and consultation.closes_on
        and (consultation.closes_on < consultation.opens_on)
    ):
        found.append(CLOSES_BEFORE_OPENING)
    if not sum(question_counts):
        found.append(NO_QUESTIONS)
    found.extend(
        EMPTY_PAGE.format(number=number)
        for number, count in enumerate(question_counts, start=1)
        if not count
    )
    found.extend(route_problems)
    return found


def uses_options(kind: str) -> bool:
    return kind in WITH_OPTIONS


def may_offer_other(kind: str) -> bool:
    return kind in WITH_OTHER


# Answering ------------------------------------------------------------------------------------

# An answer's "choice" when the person chose "Other, please say" (what they typed is "other").
OTHER = "__other__"
# "Which area do you live in?": a local authority's code, or one of these.
AREA_ELSEWHERE = "elsewhere"
AREA_PREFER_NOT_TO_SAY = "prefer_not_to_say"
AREA_OTHER_LABELS = {AREA_ELSEWHERE: "Somewhere else", AREA_PREFER_NOT_TO_SAY: "Prefer not to say"}
# The equality monitoring answers of a response: monitoring_response.subject_type.
MONITORING_SUBJECT = "consultation_response"
# How officers can enter a response for someone.
ENTRY_CHANNELS = (Channel.PAPER, Channel.PHONE, Channel.EVENT)
FORMAT_NEEDS = {
    "easy_read": "Easy Read",
    "large_print": "Large print",
    "audio": "Audio, or someone to read it to me",
    "bsl": "British Sign Language",
    "language": "Another language",
    "paper": "A paper copy to fill in and post back",
    "talk": "To give my views by phone or at a meeting",
    "other": "Something else",
}
MAX_TEXT_ANSWER = 500  # characters in a short answer
MAX_LONG_ANSWER = 10_000  # characters in a long answer
NOT_TAKING_ANSWERS = "This consultation is not taking answers"


def is_answerable_by_officer(consultation: Any) -> bool:
    """Officers may type in a response from paper, a phone call or an event once the
    consultation has opened, and after it closes (post can arrive late)."""
    return consultation.status in (OPEN, CLOSED)


def can_resume(response: Any, consultation: Any, today: date) -> bool:
    """A draft online response can be carried on while its consultation takes answers."""
    return response.status == ResponseStatus.DRAFT and takes_answers(consultation, today)


# Documents and events (engage/consultations/materials/) -------------------------------


def materials_are_public(consultation: Any) -> bool:
    """Residents see a consultation's documents and events once it has opened (a draft's
    papers may still change and the draft itself is not public)."""
    return consultation.status != DRAFT


# "We asked, you said, we did" (engage/consultations/outcome/) -----------------------------

OUTCOME_NOT_CLOSED = "Close the consultation first: its outcome is published after it closes"
OUTCOME_NOT_WRITTEN = "Say what we asked, what was decided and what changed"
OUTCOME_THEMES_MISSING = "Say what we did about every theme people raised: {themes}"


def can_write_outcome(consultation: Any) -> bool:
    return consultation.status == CLOSED


def outcome_is_public(outcome: Any) -> bool:
    return outcome is not None and outcome.published_at is not None


def outcome_problems(consultation: Any, outcome: Any, themes_missing: list[str]) -> list[str]:
    """What stops the outcome being published, in words (empty when it can be)."""
    if not can_write_outcome(consultation):
        return [OUTCOME_NOT_CLOSED]
    found = []
    if outcome is None or not (outcome.what_we_asked and outcome.decision and outcome.changes):
        found.append(OUTCOME_NOT_WRITTEN)
    if themes_missing:
        found.append(OUTCOME_THEMES_MISSING.format(themes=", ".join(themes_missing)))
    return found
