"""Officers entering a response that came on paper, by phone or at an event: choose how it
came, then the same question pages residents see (question_pages.py draws and checks them),
check and send. It is marked with its channel and the officer, and counted like any other."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from engage.consultations import answering, question_pages, services, stages
from engage.consultations.answer_forms import ChannelForm
from engage.consultations.models import Consultation, ConsultationResponse
from engage.core.access import OFFICER, access
from engage.core.db import db

bp = Blueprint("entry", __name__, url_prefix="/admin/consultations/<int:consultation_id>")


def _consultation(consultation_id: int) -> Consultation:
    return services.get_consultation(consultation_id) or abort(404)


def _entered(consultation: Consultation, entered_response_id: int) -> ConsultationResponse:
    """An unsent response an officer is typing in (not a resident's own)."""
    response = answering.get_response(consultation, entered_response_id)
    if (
        response is None
        or response.entered_by_id is None
        or response.status != stages.ResponseStatus.DRAFT
    ):
        abort(404)
    return response


def _to_list(consultation: Consultation) -> Response:
    return redirect(url_for("consultations.entry.index", consultation_id=consultation.id))


def _page_url(consultation: Consultation, response: ConsultationResponse, page: object) -> str:
    return url_for(
        "consultations.entry.question_page", consultation_id=consultation.id,
        entered_response_id=response.id, page_id=page.id,  # type: ignore[attr-defined]
    )  # fmt: skip


@bp.route("/responses/", methods=["GET", "POST"])
@access(OFFICER)
def index(consultation_id: int) -> str | Response:
    """Submitted responses by how they came, the officer's unfinished entries, and starting
    a new one."""
    consultation = _consultation(consultation_id)
    allowed = stages.is_answerable_by_officer(consultation)
    form = ChannelForm()
    if allowed and form.validate_on_submit():
        response = answering.start_response(
            consultation, channel=form.channel.data, entered_by_id=current_user.id
        )
        db.session.commit()
        first = consultation.pages[0] if consultation.pages else None
        if first is None:
            return redirect(url_for("consultations.entry.check", consultation_id=consultation.id,
                                    entered_response_id=response.id))  # fmt: skip
        return redirect(_page_url(consultation, response, first))
    if request.method == "POST" and not allowed:
        flash("Responses can be entered once the consultation has opened.", "error")
        return _to_list(consultation)
    counts = dict(
        db.session.execute(
            select(ConsultationResponse.channel, func.count())
            .where(
                ConsultationResponse.consultation_id == consultation.id,
                ConsultationResponse.status == stages.ResponseStatus.SUBMITTED,
            )
            .group_by(ConsultationResponse.channel)
        ).all()
    )
    unfinished = list(
        db.session.scalars(
            select(ConsultationResponse)
            .where(
                ConsultationResponse.consultation_id == consultation.id,
                ConsultationResponse.entered_by_id == current_user.id,
                ConsultationResponse.status == stages.ResponseStatus.DRAFT,
            )
            .order_by(ConsultationResponse.id)
        )
    )
    return render_template(
        "consultations/entry/index.html",
        consultation=consultation,
        form=form,
        allowed=allowed,
        counts=counts,
        unfinished=unfinished,
        stages=stages,
    )


@bp.route("/responses/<int:entered_response_id>/questions/<int:page_id>", methods=["GET", "POST"])
@access(OFFICER)
def question_page(consultation_id: int, entered_response_id: int, page_id: int) -> str | Response:
    consultation = _consultation(consultation_id)
    response = _entered(consultation, entered_response_id)
    page = next((p for p in consultation.pages if p.id == page_id), None) or abort(404)
    answers = answering.stored_answers(response)
    if page not in answering.path_of(consultation, answers):
        return redirect(url_for("consultations.entry.check", consultation_id=consultation.id,
                                entered_response_id=response.id))  # fmt: skip
    previous = answering.page_before(consultation, page, answers)
    links = question_pages.PageLinks(
        action=_page_url(consultation, response, page),
        back=(
            _page_url(consultation, response, previous)
            if previous
            else url_for("consultations.entry.index", consultation_id=consultation.id)
        ),
        back_text="Back",
        caption=f"{stages.CHANNEL_LABELS.get(response.channel, response.channel)} response: "
        f"{consultation.title}",
        can_save=False,
    )
    if request.method == "POST":
        found = question_pages.read(response, page)
        if found.errors:
            return question_pages.draw(consultation, response, page, links, found)
        question_pages.save(response, page, found)
        db.session.commit()
        following = answering.page_after(consultation, page, answering.stored_answers(response))
        if following is not None:
            return redirect(_page_url(consultation, response, following))
        return redirect(url_for("consultations.entry.check", consultation_id=consultation.id,
                                entered_response_id=response.id))  # fmt: skip
    return question_pages.draw(consultation, response, page, links)


@bp.route("/responses/<int:entered_response_id>/check", methods=["GET", "POST"])
@access(OFFICER)
def check(consultation_id: int, entered_response_id: int) -> str | Response:
    consultation = _consultation(consultation_id)
    response = _entered(consultation, entered_response_id)
    if request.method == "POST":
        if not stages.is_answerable_by_officer(consultation):
            flash("Responses can be entered once the consultation has opened.", "error")
            return _to_list(consultation)
        try:
            answering.submit(response)
        except answering.NotFinished as unfinished:
            db.session.rollback()
            question = unfinished.questions[0]
            flash(f"Answer \u201c{question.text}\u201d before you send the response.", "error")
            page = next(p for p in consultation.pages if question in p.questions)
            return redirect(_page_url(consultation, response, page))
        db.session.commit()
        flash(
            "The response is saved and counted with the others. It is marked "
            f"\u201c{stages.CHANNEL_LABELS[response.channel]}\u201d.",
            "success",
        )
        return _to_list(consultation)
    return render_template(
        "consultations/entry/check.html",
        consultation=consultation,
        response=response,
        pages=question_pages.check_rows(consultation, response),
        stages=stages,
    )


@bp.route("/responses/<int:entered_response_id>/discard", methods=["POST"])
@access(OFFICER)
def discard(consultation_id: int, entered_response_id: int) -> Response:
    consultation = _consultation(consultation_id)
    response = _entered(consultation, entered_response_id)
    answering.discard(response)
    db.session.commit()
    flash("The unfinished response is deleted.", "success")
    return _to_list(consultation)
