"""Building a consultation's questions: adding, changing, moving and deleting pages and
questions, and the routes from a page's answer to a later page. Every change is refused once
the questions are locked (stages.questions_problem), and, on an open consultation, when it
would break the routes. Routes commit."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from engage.consultations import stages
from engage.consultations.models import Consultation, PageRoute, Question, QuestionPage
from engage.consultations.services import check_routes_still_work, questions_problem
from engage.consultations.stages import ConsultationRefused
from engage.core.db import db
from engage.core.ordering import next_position, renumber


@dataclass(frozen=True)
class QuestionDetails:
    kind: str
    text: str
    hint: str
    required: bool
    options: list[str]
    allows_other: bool
    matrix_rows: list[str]


def _check_unlocked(consultation: Consultation) -> None:
    problem = questions_problem(consultation)
    if problem:
        raise ConsultationRefused(problem)


def get_page(consultation: Consultation, page_id: int) -> QuestionPage | None:
    return next((page for page in consultation.pages if page.id == page_id), None)


def get_question(consultation: Consultation, question_id: int) -> Question | None:
    return next(
        (q for page in consultation.pages for q in page.questions if q.id == question_id), None
    )


def question_numbers(consultation: Consultation) -> dict[int, int]:
    """Each question's number, counted through the pages in order (1, 2, 3...)."""
    questions = [q for page in consultation.pages for q in page.questions]
    return {question.id: number for number, question in enumerate(questions, start=1)}


# Pages ------------------------------------------------------------------------------------------


def add_page(consultation: Consultation, heading: str) -> QuestionPage:
    _check_unlocked(consultation)
    page = QuestionPage(position=next_position(consultation.pages), heading=heading)
    consultation.pages.append(page)
    db.session.flush()
    check_routes_still_work(consultation)
    return page


def change_page(page: QuestionPage, heading: str) -> None:
    _check_unlocked(page.consultation)
    page.heading = heading


def move_page(page: QuestionPage, step: int) -> None:
    """One place earlier (step -1) or later (+1); nothing at either end."""
    consultation = page.consultation
    _check_unlocked(consultation)
    pages = list(consultation.pages)
    index = pages.index(page)
    other = index + step
    if 0 <= other < len(pages):
        pages[index], pages[other] = pages[other], pages[index]
        renumber(pages)
        check_routes_still_work(consultation)


def delete_page(page: QuestionPage) -> int:
    """Delete the page, its questions and routes, and the routes that went to it. Returns
    how many routes from other pages were deleted with it."""
    consultation = page.consultation
    _check_unlocked(consultation)
    into = list(db.session.scalars(select(PageRoute).where(PageRoute.goes_to_page_id == page.id)))
    for route in into:
        db.session.delete(route)
    consultation.pages.remove(page)  # an orphan: deleted with its questions and routes
    db.session.flush()
    for other in consultation.pages:
        db.session.expire(other, ["routes"])
    renumber(consultation.pages)
    check_routes_still_work(consultation)
    return len([route for route in into if route.page_id != page.id])


# Questions --------------------------------------------------------------------------------------


def _apply(question: Question, details: QuestionDetails) -> None:
    question.kind, question.text, question.hint = details.kind, details.text, details.hint
    question.required = details.required
    question.options = list(details.options) if stages.uses_options(details.kind) else []
    question.allows_other = details.allows_other and stages.may_offer_other(details.kind)
    question.matrix_rows = (
        list(details.matrix_rows) if details.kind == stages.QuestionKind.MATRIX else []
    )


def add_question(page: QuestionPage, details: QuestionDetails) -> Question:
    _check_unlocked(page.consultation)
    question = Question(position=next_position(page.questions))
    _apply(question, details)
    page.questions.append(question)
    db.session.flush()
    return question


def change_question(question: Question, details: QuestionDetails) -> None:
    consultation = question.page.consultation
    _check_unlocked(consultation)
    _apply(question, details)
    check_routes_still_work(consultation)


def move_question(question: Question, step: int) -> None:
    """One place earlier or later on its page; from the top of a page to the end of the page
    before, and from the bottom to the start of the page after."""
    page = question.page
    consultation = page.consultation
    _check_unlocked(consultation)
    questions = list(page.questions)
    index = questions.index(question)
    other = index + step
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
        renumber(questions)
    else:
        pages = list(consultation.pages)
        neighbour = pages.index(page) + step
        if not 0 <= neighbour < len(pages):
            return
        target = pages[neighbour]
        # Added to its new page first (which takes it off the old one), so it is never an
        # orphan to delete.
        if step < 0:
            question.position = next_position(target.questions)
            target.questions.append(question)
        else:
            target.questions.insert(0, question)
            renumber(target.questions)
        renumber([q for q in page.questions if q is not question])
    check_routes_still_work(consultation)


def delete_question(question: Question) -> None:
    page = question.page
    consultation = page.consultation
    _check_unlocked(consultation)
    for route in [r for r in page.routes if r.question_id == question.id]:
        page.routes.remove(route)
    page.questions.remove(question)  # an orphan: deleted
    renumber(page.questions)
    db.session.flush()
    for other in consultation.pages:  # routes on another page that followed it (moved)
        db.session.expire(other, ["routes"])
    check_routes_still_work(consultation)


# Routes -----------------------------------------------------------------------------------------


def add_route(
    page: QuestionPage, question_id: int, answer: str, goes_to_page_id: int | None
) -> PageRoute:
    """ "If the answer to this page's single-choice question is ``answer``, go to that later
    page" (None: to the end). Checked here, not only by the form's choices."""
    consultation = page.consultation
    _check_unlocked(consultation)
    question = next((q for q in page.questions if q.id == question_id), None)
    if question is None or question.kind != stages.ROUTABLE:
        raise ConsultationRefused(stages.ROUTE_NOT_ROUTABLE)
    if answer not in question.options:
        raise ConsultationRefused(stages.ROUTE_ANSWER_UNKNOWN)
    if goes_to_page_id is not None:
        target = get_page(consultation, goes_to_page_id)
        if target is None or target.position <= page.position:
            raise ConsultationRefused(stages.ROUTE_NOT_LATER)
    if any(r.question_id == question_id and r.answer == answer for r in page.routes):
        raise ConsultationRefused(stages.ROUTE_EXISTS)
    route = PageRoute(question_id=question_id, answer=answer, goes_to_page_id=goes_to_page_id)
    page.routes.append(route)
    db.session.flush()
    check_routes_still_work(consultation)
    return route


def delete_route(route: PageRoute, page: QuestionPage) -> None:
    consultation = page.consultation
    _check_unlocked(consultation)
    page.routes.remove(route)
    db.session.flush()
    check_routes_still_work(consultation)
