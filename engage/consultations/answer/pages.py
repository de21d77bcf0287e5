"""Residents answering one page at a time, the optional "about you" step (area and the shared
equality monitoring questions), and check your answers (views of the answer blueprint).
Every view refuses once the consultation takes no more answers, POST as well as GET."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from engage.consultations import answering, question_pages, stages
from engage.consultations.answer.routes import (
    bp,
    current_draft,
    get_public_or_404,
    mark_sent,
    question_url,
    refuse_if_not_taking,
    resume_point,
    to_consultation,
)
from engage.consultations.answer_forms import AboutYouForm
from engage.consultations.models import Consultation, ConsultationResponse
from engage.core.access import PUBLIC, access
from engage.core.db import db
from engage.core.rate_limits import limit_posts
from engage.monitoring.api import MonitoringForm
from engage.reference.api import local_authorities

SAVE = "save"


def _answering(
    consultation_id: int,
) -> tuple[Consultation, ConsultationResponse | None, Response | None]:
    consultation = get_public_or_404(consultation_id)
    refused = refuse_if_not_taking(consultation)
    if refused:
        return consultation, None, refused
    response = current_draft(consultation)
    if response is None:
        return consultation, None, to_consultation(consultation)
    return consultation, response, None


@bp.route("/<int:consultation_id>/questions/<int:page_id>", methods=["GET", "POST"])
@access(PUBLIC)
def question_page(consultation_id: int, page_id: int) -> str | Response:
    consultation, response, refused = _answering(consultation_id)
    if refused:
        return refused
    page = next((p for p in consultation.pages if p.id == page_id), None) or abort(404)
    if page not in answering.path_of(consultation, answering.stored_answers(response)):
        return resume_point(consultation, response)  # not on their way through the pages
    changing = request.args.get("change") == "1"
    previous = answering.page_before(consultation, page, answering.stored_answers(response))
    links = question_pages.PageLinks(
        action=question_url(consultation, page, **({"change": "1"} if changing else {})),
        back=(
            url_for("consultations.answer.check", consultation_id=consultation.id)
            if changing
            else question_url(consultation, previous)
            if previous
            else url_for("consultations.answer.show", consultation_id=consultation.id)
        ),
        back_text="Back",
        caption=consultation.title,
        can_save=True,
    )
    if request.method == "POST":
        found = question_pages.read(response, page)
        saving = request.form.get("action") == SAVE
        # Saving for later keeps what is valid so far: a required question may wait.
        problems = {
            qid: problem for qid, problem in found.errors.items()
            if not (saving and problem[1] == _required(page, qid))
        }  # fmt: skip
        if problems:
            found.errors = problems
            return question_pages.draw(consultation, response, page, links, found)
        found.values.update({qid: None for qid in found.errors})
        question_pages.save(response, page, found)
        db.session.commit()
        if saving:
            return redirect(url_for("consultations.answer.save", consultation_id=consultation.id))
        answers = answering.stored_answers(response)
        if changing and answering.first_unanswered_page(consultation, response, answers) is None:
            return redirect(url_for("consultations.answer.check", consultation_id=consultation.id))
        following = answering.page_after(consultation, page, answers)
        if following is not None:
            return redirect(
                question_url(consultation, following, **({"change": "1"} if changing else {}))
            )
        return resume_point(consultation, response)
    return question_pages.draw(consultation, response, page, links)


def _required(page: object, question_id: int) -> str:
    from engage.consultations.answer_values import required_message

    question = next(q for q in page.questions if q.id == question_id)  # type: ignore[attr-defined]
    return required_message(question)


def _about_you_forms(response: ConsultationResponse) -> tuple[AboutYouForm, MonitoringForm]:
    filled = request.method == "GET"
    about = AboutYouForm(data={"area": response.area_code} if filled else None)
    about.load_choices(answering.area_choices([(a.code, a.name) for a in local_authorities()]))
    monitoring = (
        MonitoringForm.from_response(answering.monitoring_row(response), meta={"csrf": False})
        if filled
        else MonitoringForm(meta={"csrf": False})
    )
    return about, monitoring


@bp.route("/<int:consultation_id>/about-you", methods=["GET", "POST"])
@access(PUBLIC)
def about_you(consultation_id: int) -> str | Response:
    consultation, response, refused = _answering(consultation_id)
    if refused:
        return refused
    about, monitoring = _about_you_forms(response)
    if request.method == "POST":
        valid = about.validate_on_submit()
        valid = monitoring.validate() and valid
        if valid:
            answering.save_about_you(response, about.area.data, monitoring.to_answers())
            db.session.commit()
            return redirect(url_for("consultations.answer.check", consultation_id=consultation.id))
    errors = {
        field.id: field.errors for form in (about, monitoring) for field in form if field.errors
    }
    return render_template(
        "consultations/answer/about_you.html",
        consultation=consultation,
        about=about,
        monitoring=monitoring,
        form=question_pages.Errors(errors) if errors else None,
    )


@bp.route("/<int:consultation_id>/check", methods=["GET", "POST"])
@access(PUBLIC)
@limit_posts("CONSULTATION_RATE_LIMIT")
def check(consultation_id: int) -> str | Response:
    consultation, response, refused = _answering(consultation_id)
    if refused:
        return refused
    if request.method == "POST":
        try:
            answering.submit(response)
        except answering.NotFinished as unfinished:
            db.session.rollback()
            question = unfinished.questions[0]
            flash(f"Answer \u201c{question.text}\u201d before you send your response.", "error")
            page = next(p for p in consultation.pages if question in p.questions)
            return redirect(question_url(consultation, page))
        db.session.commit()
        mark_sent(consultation)
        return redirect(url_for("consultations.answer.sent", consultation_id=consultation.id))
    area = response.area_code
    areas = dict(answering.area_choices([(a.code, a.name) for a in local_authorities()]))
    return render_template(
        "consultations/answer/check.html",
        consultation=consultation,
        response=response,
        pages=question_pages.check_rows(consultation, response),
        area=areas.get(area, "") if area else "",
        monitoring_answered=answering.monitoring_row(response) is not None,
        stages=stages,
    )
