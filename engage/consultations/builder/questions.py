"""Officers' pages for a consultation's pages, questions and routes (views of the builder's
blueprint). Each refuses, on GET and on POST, once the questions are locked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, flash, render_template, request
from werkzeug.wrappers import Response

from engage.consultations import builder_services, services, stages
from engage.consultations.builder.routes import bp, get_consultation_or_404, to_consultation
from engage.consultations.forms import END, PageForm, QuestionForm, RouteForm
from engage.consultations.models import Consultation, Question, QuestionPage
from engage.core.access import OFFICER, access
from engage.core.db import db
from engage.core.forms import BaseForm

PAGE = "/<int:consultation_id>/pages/<int:page_id>"
QUESTION = "/<int:consultation_id>/questions/<int:consultation_question_id>"


def _page(consultation: Consultation, page_id: int) -> QuestionPage:
    return builder_services.get_page(consultation, page_id) or abort(404)


def _question(consultation: Consultation, question_id: int) -> Question:
    return builder_services.get_question(consultation, question_id) or abort(404)


def _refuse_if_locked(consultation: Consultation) -> Response | None:
    """A redirect with the reason when its questions cannot change now."""
    problem = services.questions_problem(consultation)
    if problem:
        flash(problem + ".", "error")
        return to_consultation(consultation.id, "pages")
    return None


def _change(consultation: Consultation, change: Callable[[], Any], done: str,
            anchor: str = "pages") -> Response:  # fmt: skip
    """Make a change through the services: commit and say ``done``, or roll back and say
    why it was refused."""
    try:
        change()
    except stages.ConsultationRefused as refused:
        db.session.rollback()
        flash(str(refused) + ".", "error")
    else:
        db.session.commit()
        flash(done, "success")
    return to_consultation(consultation.id, anchor)


def _step() -> int:
    return {"up": -1, "down": 1}.get(request.form.get("direction", ""), 0)


# Pages ------------------------------------------------------------------------------------------


@bp.route("/<int:consultation_id>/pages/new", methods=["GET", "POST"])
@access(OFFICER)
def new_page(consultation_id: int) -> str | Response:
    consultation = get_consultation_or_404(consultation_id)
    if refused := _refuse_if_locked(consultation):
        return refused
    form = PageForm()
    if form.validate_on_submit():
        heading = form.heading.data or ""
        return _change(consultation, lambda: builder_services.add_page(consultation, heading),
                       f"Page {len(consultation.pages) + 1} added.")  # fmt: skip
    return render_template("consultations/builder/page_form.html", form=form,
                           consultation=consultation, page=None)  # fmt: skip


@bp.route(f"{PAGE}/edit", methods=["GET", "POST"])
@access(OFFICER)
def edit_page(consultation_id: int, page_id: int) -> str | Response:
    consultation = get_consultation_or_404(consultation_id)
    page = _page(consultation, page_id)
    if refused := _refuse_if_locked(consultation):
        return refused
    form = PageForm(data={"heading": page.heading} if request.method == "GET" else None)
    if form.validate_on_submit():
        heading = form.heading.data or ""
        return _change(consultation, lambda: builder_services.change_page(page, heading),
                       "The page heading is saved.")  # fmt: skip
    return render_template("consultations/builder/page_form.html", form=form,
                           consultation=consultation, page=page)  # fmt: skip


@bp.route(f"{PAGE}/move", methods=["POST"])
@access(OFFICER)
def move_page(consultation_id: int, page_id: int) -> Response:
    consultation = get_consultation_or_404(consultation_id)
    page = _page(consultation, page_id)
    step = _step()
    return _change(consultation, lambda: builder_services.move_page(page, step),
                   "The page is moved." if step else "Nothing was moved.")  # fmt: skip


@bp.route(f"{PAGE}/delete", methods=["GET", "POST"])
@access(OFFICER)
def delete_page(consultation_id: int, page_id: int) -> str | Response:
    consultation = get_consultation_or_404(consultation_id)
    page = _page(consultation, page_id)
    if refused := _refuse_if_locked(consultation):
        return refused
    number = consultation.pages.index(page) + 1
    form = BaseForm()
    if form.validate_on_submit():
        return _change(consultation, lambda: builder_services.delete_page(page),
                       f"Page {number} is deleted, with its questions and routes.")  # fmt: skip
    into = sum(1 for p in consultation.pages for r in p.routes
               if r.goes_to_page_id == page.id and p.id != page.id)  # fmt: skip
    return render_template(
        "consultations/builder/delete.html",
        consultation=consultation,
        heading=f"Delete page {number}?",
        consequences=[
            f"Its {len(page.questions)} question{'s' if len(page.questions) != 1 else ''} "
            "and its routes are deleted too.",
            *(
                [
                    f"{into} route{'s' if into != 1 else ''} from other pages to this page "
                    f"{'are' if into != 1 else 'is'} deleted too."
                ]
                if into
                else []
            ),
        ],
        button="Delete the page",
    )


# Questions --------------------------------------------------------------------------------------


@bp.route(f"{PAGE}/questions/new", methods=["GET", "POST"])
@access(OFFICER)
def new_question(consultation_id: int, page_id: int) -> str | Response:
    consultation = get_consultation_or_404(consultation_id)
    page = _page(consultation, page_id)
    if refused := _refuse_if_locked(consultation):
        return refused
    form = QuestionForm(data={"required": "yes"} if request.method == "GET" else None)
    if form.validate_on_submit():
        details = form.details()
        return _change(consultation, lambda: builder_services.add_question(page, details),
                       "The question is added.")  # fmt: skip
    return render_template(
        "consultations/builder/question_form.html",
        form=form,
        consultation=consultation,
        page_number=consultation.pages.index(page) + 1,
        question=None,
    )


@bp.route(f"{QUESTION}/edit", methods=["GET", "POST"])
@access(OFFICER)
def edit_question(consultation_id: int, consultation_question_id: int) -> str | Response:
    consultation = get_consultation_or_404(consultation_id)
    question = _question(consultation, consultation_question_id)
    if refused := _refuse_if_locked(consultation):
        return refused
    filled = request.method == "GET"
    form = QuestionForm(data=QuestionForm.data_from(question) if filled else None)
    if form.validate_on_submit():
        details = form.details()
        return _change(
            consultation,
            lambda: builder_services.change_question(question, details),
            "The question is saved.",
        )
    return render_template(
        "consultations/builder/question_form.html",
        form=form,
        consultation=consultation,
        page_number=consultation.pages.index(question.page) + 1,
        question=question,
        number=builder_services.question_numbers(consultation)[question.id],
    )


@bp.route(f"{QUESTION}/move", methods=["POST"])
@access(OFFICER)
def move_question(consultation_id: int, consultation_question_id: int) -> Response:
    consultation = get_consultation_or_404(consultation_id)
    question = _question(consultation, consultation_question_id)
    step = _step()
    return _change(consultation, lambda: builder_services.move_question(question, step),
                   "The question is moved." if step else "Nothing was moved.")  # fmt: skip


@bp.route(f"{QUESTION}/delete", methods=["GET", "POST"])
@access(OFFICER)
def delete_question(consultation_id: int, consultation_question_id: int) -> str | Response:
    consultation = get_consultation_or_404(consultation_id)
    question = _question(consultation, consultation_question_id)
    if refused := _refuse_if_locked(consultation):
        return refused
    number = builder_services.question_numbers(consultation)[question.id]
    form = BaseForm()
    if form.validate_on_submit():
        return _change(consultation, lambda: builder_services.delete_question(question),
                       f"Question {number} is deleted.")  # fmt: skip
    routes = sum(1 for r in question.page.routes if r.question_id == question.id)
    return render_template(
        "consultations/builder/delete.html",
        consultation=consultation,
        heading=f"Delete question {number}?",
        consequences=[f"\u201c{question.text}\u201d"]
        + (
            [
                f"Its {routes} route{'s' if routes != 1 else ''} {'are' if routes != 1 else 'is'} "
                "deleted too."
            ]
            if routes
            else []
        ),
        button="Delete the question",
    )


# Routes -----------------------------------------------------------------------------------------


def _route_choices(consultation: Consultation, page: QuestionPage) -> RouteForm:
    numbers = builder_services.question_numbers(consultation)
    answers = [
        (f"{question.id}|{index}",
         f"Question {numbers[question.id]} is \u201c{option}\u201d")
        for question in page.questions if question.kind == stages.ROUTABLE
        for index, option in enumerate(question.options)
    ]  # fmt: skip
    later = [
        (str(p.id), f"Page {number}" + (f": {p.heading}" if p.heading else ""))
        for number, p in enumerate(consultation.pages, start=1)
        if p.position > page.position
    ]
    form = RouteForm()
    form.load_choices(answers, later)
    return form


@bp.route(f"{PAGE}/routes/new", methods=["GET", "POST"])
@access(OFFICER)
def new_route(consultation_id: int, page_id: int) -> str | Response:
    consultation = get_consultation_or_404(consultation_id)
    page = _page(consultation, page_id)
    if refused := _refuse_if_locked(consultation):
        return refused
    form = _route_choices(consultation, page)
    if form.when.choices and form.validate_on_submit():
        question_id, index = (int(part) for part in form.when.data.split("|"))
        question = _question(consultation, question_id)
        answer = question.options[index]
        goes_to = None if form.goes_to.data == END else int(form.goes_to.data)
        return _change(
            consultation,
            lambda: builder_services.add_route(page, question_id, answer, goes_to),
            "The route is added.",
        )
    return render_template(
        "consultations/builder/route_form.html",
        form=form,
        consultation=consultation,
        page=page,
        page_number=consultation.pages.index(page) + 1,
    )


@bp.route(f"{PAGE}/routes/<int:route_id>/delete", methods=["POST"])
@access(OFFICER)
def delete_route(consultation_id: int, page_id: int, route_id: int) -> Response:
    consultation = get_consultation_or_404(consultation_id)
    page = _page(consultation, page_id)
    route = next((r for r in page.routes if r.id == route_id), None) or abort(404)
    return _change(consultation, lambda: builder_services.delete_route(route, page),
                   "The route is deleted.")  # fmt: skip
