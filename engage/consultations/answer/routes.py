"""The public side of consultations: the finder, a consultation's page, starting a response
(with the honeypot) and the confirmation. The question pages, "about you" and check your
answers are in pages.py; save and return in saving.py; asking for another format in
support.py. Everyone may use them; answering needs no account."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.consultations import answering, finder, stages
from engage.consultations.answer_forms import FinderForm, StartForm
from engage.consultations.materials import services as materials
from engage.consultations.models import Consultation, ConsultationResponse
from engage.consultations.outcome import services as outcomes
from engage.core.access import PUBLIC, access
from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.pagination import paginate
from engage.core.rate_limits import limit_posts
from engage.reference.api import local_authorities
from engage.strategy.api import objective_choices

bp = Blueprint("answer", __name__, url_prefix="/consultations")

DRAFTS = "consultation_drafts"  # session: consultation id -> the response being answered
SENT = "consultations_sent"  # session: consultation ids whose confirmation may be shown


def get_public_or_404(consultation_id: int) -> Consultation:
    return finder.public_consultation(consultation_id) or abort(404)


def to_consultation(consultation: Consultation) -> Response:
    return redirect(url_for("consultations.answer.show", consultation_id=consultation.id))


def remember_draft(consultation: Consultation, response: ConsultationResponse) -> None:
    drafts = dict(session.get(DRAFTS) or {})
    drafts[str(consultation.id)] = response.id
    session[DRAFTS] = drafts


def forget_draft(consultation: Consultation) -> None:
    drafts = dict(session.get(DRAFTS) or {})
    drafts.pop(str(consultation.id), None)
    session[DRAFTS] = drafts


def mark_sent(consultation: Consultation) -> None:
    forget_draft(consultation)
    session[SENT] = sorted({*(session.get(SENT) or []), consultation.id})


def current_draft(consultation: Consultation) -> ConsultationResponse | None:
    """The online response this browser (or this signed-in resident) is answering, if any."""
    drafts = session.get(DRAFTS) or {}
    response = answering.get_response(consultation, drafts.get(str(consultation.id)))
    signed_in = current_user.is_authenticated
    if response is None and signed_in:
        response = answering.draft_of_user(consultation, current_user.id)
    if (
        response is None
        or response.status != stages.ResponseStatus.DRAFT
        or response.channel != stages.Channel.ONLINE
    ):
        return None
    if response.user_id is not None and (not signed_in or response.user_id != current_user.id):
        return None
    return response


def refuse_if_not_taking(consultation: Consultation) -> Response | None:
    """A redirect to the consultation's page (which says why) when it takes no answers now."""
    if stages.takes_answers(consultation, uk_today()):
        return None
    flash(f"{stages.NOT_TAKING_ANSWERS}: it has closed or has not opened yet.", "error")
    return to_consultation(consultation)


@bp.route("/")
@access(PUBLIC)
def index() -> str:
    form = FinderForm(request.args)
    form.load_choices([(a.code, a.name) for a in local_authorities()], objective_choices())
    area, objective = form.chosen(form.area), form.chosen(form.objective)
    today = uk_today()
    page = paginate(finder.public_statement(today, area=area, objective=objective), per_page=20)
    return render_template(
        "consultations/answer/index.html",
        form=form,
        filtered=bool(area or objective),
        page=page,
        states={c.id: finder.state_of(c, today) for c in page.items},
        finder=finder,
        unfinished=(
            answering.unfinished_of_user(current_user.id) if current_user.is_authenticated else []
        ),
    )


@bp.route("/<int:consultation_id>")
@access(PUBLIC)
def show(consultation_id: int) -> str:
    consultation = get_public_or_404(consultation_id)
    today = uk_today()
    return render_template(
        "consultations/answer/show.html",
        consultation=consultation,
        takes_answers=stages.takes_answers(consultation, today),
        state=finder.state_of(consultation, today),
        finder=finder,
        draft=current_draft(consultation),
        documents=materials.documents_of(consultation.id),
        events=materials.events_of(consultation.id),
        outcome_published=stages.outcome_is_public(outcomes.get_outcome(consultation.id)),
    )


def resume_point(consultation: Consultation, response: ConsultationResponse) -> Response:
    """Where someone carrying on their response goes: the first page they have not
    answered, else "about you" if they have not been there, else check your answers."""
    page = answering.first_unanswered_page(
        consultation, response, answering.stored_answers(response)
    )
    if page is not None:
        return redirect(
            url_for("consultations.answer.question_page", consultation_id=consultation.id,
                    page_id=page.id)
        )  # fmt: skip
    endpoint = "about_you" if response.about_you_at is None else "check"
    return redirect(url_for(f"consultations.answer.{endpoint}", consultation_id=consultation.id))


@bp.route("/<int:consultation_id>/start", methods=["GET", "POST"])
@access(PUBLIC)
@limit_posts("CONSULTATION_RATE_LIMIT")
def start(consultation_id: int) -> str | Response:
    consultation = get_public_or_404(consultation_id)
    refused = refuse_if_not_taking(consultation)
    if refused:
        return refused
    draft = current_draft(consultation)
    if draft is not None:
        return resume_point(consultation, draft)
    signed_in = current_user.is_authenticated
    form = StartForm(data={"email": current_user.email} if signed_in else None)
    if form.validate_on_submit():
        if form.is_spam:  # quietly not kept; the same confirmation as anyone else
            mark_sent(consultation)
            return redirect(url_for("consultations.answer.sent", consultation_id=consultation.id))
        response = answering.start_response(
            consultation,
            user_id=current_user.id if signed_in else None,
            email=form.email.data or "",
            wants_outcome=form.wants_results,
        )
        db.session.commit()
        remember_draft(consultation, response)
        return resume_point(consultation, response)
    return render_template("consultations/answer/start.html", form=form, consultation=consultation)


@bp.route("/<int:consultation_id>/sent")
@access(PUBLIC)
def sent(consultation_id: int) -> str | Response:
    consultation = get_public_or_404(consultation_id)
    if consultation.id not in (session.get(SENT) or []):
        return to_consultation(consultation)
    return render_template("consultations/answer/sent.html", consultation=consultation)


def question_url(consultation: Consultation, page: Any, **args: Any) -> str:
    return url_for(
        "consultations.answer.question_page", consultation_id=consultation.id, page_id=page.id,
        **args,
    )  # fmt: skip
