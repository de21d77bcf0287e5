"""Officers' pages for a consultation as a whole: the list, creating one and changing its
details, its page (details, pages, questions, routes and the route check), the preview,
opening and closing. Pages, questions and routes are in questions.py."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.consultations import builder_services, services, stages
from engage.consultations.forms import ConsultationForm
from engage.consultations.models import Consultation
from engage.consultations.routing import Route, next_page
from engage.core.access import OFFICER, access
from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.pagination import paginate
from engage.reference.api import local_authorities

bp = Blueprint("builder", __name__, url_prefix="/admin/consultations")


def get_consultation_or_404(consultation_id: int) -> Consultation:
    return services.get_consultation(consultation_id) or abort(404)


def to_consultation(consultation_id: int, anchor: str | None = None) -> Response:
    return redirect(url_for("consultations.builder.show", consultation_id=consultation_id,
                            _anchor=anchor))  # fmt: skip


@bp.route("/")
@access(OFFICER)
def index() -> str:
    status = request.args.get("status", "")
    return render_template(
        "consultations/builder/index.html",
        page=paginate(services.officer_statement(status), per_page=25),
        status=status if status in set(stages.ConsultationStatus) else "",
        statuses=stages.STATUS_LABELS,
    )


def _form(consultation: Consultation | None) -> ConsultationForm:
    filled = consultation is not None and request.method == "GET"
    form = ConsultationForm(data=ConsultationForm.data_from(consultation) if filled else None)
    form.load_choices(
        [(area.code, area.name) for area in local_authorities()],
        keep=list(consultation.priorities) if consultation else [],
    )
    return form


@bp.route("/new", methods=["GET", "POST"])
@access(OFFICER)
def new() -> str | Response:
    form = _form(None)
    if form.validate_on_submit():
        consultation = services.create_consultation(form.details(), current_user)
        db.session.commit()
        flash("The consultation is saved as a draft. Now add its questions.", "success")
        return to_consultation(consultation.id)
    return render_template("consultations/builder/form.html", form=form, consultation=None)


@bp.route("/<int:consultation_id>/edit", methods=["GET", "POST"])
@access(OFFICER)
def edit(consultation_id: int) -> str | Response:
    consultation = get_consultation_or_404(consultation_id)
    if not stages.can_edit_details(consultation):
        flash(stages.CLOSED_NOT_CHANGED + ".", "error")
        return to_consultation(consultation.id)
    form = _form(consultation)
    if form.validate_on_submit():
        try:
            services.update_consultation(consultation, form.details())
        except stages.ConsultationRefused as refused:
            db.session.rollback()
            flash(str(refused) + ".", "error")
        else:
            db.session.commit()
            flash("The consultation's details are saved.", "success")
        return to_consultation(consultation.id)
    return render_template("consultations/builder/form.html", form=form, consultation=consultation)


def route_words(consultation: Consultation) -> dict[int, list[str]]:
    """Each page's routes in words ("If the answer to question 2 is "No", go to page 4")."""
    numbers = builder_services.question_numbers(consultation)
    pages = {page.id: number for number, page in enumerate(consultation.pages, start=1)}
    words: dict[int, list[str]] = {}
    for page in consultation.pages:
        for route in page.routes:
            where = (
                "the end (check your answers)"
                if route.goes_to_page_id is None
                else f"page {pages.get(route.goes_to_page_id, '?')}"
            )
            words.setdefault(page.id, []).append(
                f"If the answer to question {numbers.get(route.question_id, '?')} is "
                f"\u201c{route.answer}\u201d, go to {where}"
            )
    return words


@bp.route("/<int:consultation_id>")
@access(OFFICER)
def show(consultation_id: int) -> str:
    consultation = get_consultation_or_404(consultation_id)
    submitted = services.submitted_responses(consultation.id)
    today = uk_today()
    return render_template(
        "consultations/builder/show.html",
        consultation=consultation,
        submitted=submitted,
        locked_because=stages.questions_problem(consultation, submitted),
        route_problems=services.route_problems(consultation),
        opening_problems=(
            services.opening_problems(consultation, today)
            if consultation.status == stages.DRAFT
            else []
        ),
        numbers=builder_services.question_numbers(consultation),
        routes=route_words(consultation),
        takes_answers=stages.takes_answers(consultation, today),
        stages=stages,
    )


@bp.route("/<int:consultation_id>/open", methods=["POST"])
@access(OFFICER)
def open_consultation(consultation_id: int) -> Response:
    consultation = get_consultation_or_404(consultation_id)
    try:
        services.open_consultation(consultation, uk_today())
    except stages.ConsultationRefused:
        db.session.rollback()
        flash("The consultation cannot open until the problems listed here are fixed.", "error")
        return to_consultation(consultation_id, "opening")
    db.session.commit()
    flash(
        "The consultation is open. It takes answers from its opening date until the end of "
        "its closing date.",
        "success",
    )
    return to_consultation(consultation_id)


@bp.route("/<int:consultation_id>/close", methods=["POST"])
@access(OFFICER)
def close_consultation(consultation_id: int) -> Response:
    consultation = get_consultation_or_404(consultation_id)
    try:
        services.close_consultation(consultation)
    except stages.ConsultationRefused as refused:
        db.session.rollback()
        flash(str(refused) + ".", "error")
    else:
        db.session.commit()
        flash("The consultation is closed: it takes no more answers.", "success")
    return to_consultation(consultation_id)


@bp.route("/<int:consultation_id>/preview/<int:page_id>")
@access(OFFICER)
def preview(consultation_id: int, page_id: int) -> str:
    """One page as a resident would see it (nothing can be sent), with where its routes go
    and the next page in order."""
    consultation = get_consultation_or_404(consultation_id)
    page = builder_services.get_page(consultation, page_id) or abort(404)
    pages = list(consultation.pages)
    index = pages.index(page)
    routes = [
        Route(page_id=r.page_id, question_id=r.question_id, answer=r.answer,
              goes_to=r.goes_to_page_id)
        for p in pages for r in p.routes
    ]  # fmt: skip
    following = next_page([p.id for p in pages], routes, page.id, {})
    return render_template(
        "consultations/builder/preview.html",
        consultation=consultation,
        page=page,
        number=index + 1,
        pages=pages,
        previous=pages[index - 1] if index else None,
        following=next((p for p in pages if p.id == following), None),
        numbers=builder_services.question_numbers(consultation),
        routes=route_words(consultation).get(page.id, []),
        stages=stages,
    )
