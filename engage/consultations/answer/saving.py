"""Save and come back later (views of the answer blueprint): a signed-in resident's draft is
kept on their account; anyone else gives an email address and gets a link, which reopens
the draft at the first page they have not answered, or at check your answers."""

from __future__ import annotations

from flask import flash, render_template
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.consultations import answer_links, stages
from engage.consultations.answer.routes import (
    bp,
    current_draft,
    get_public_or_404,
    refuse_if_not_taking,
    remember_draft,
    resume_point,
    to_consultation,
)
from engage.consultations.answer_forms import SaveForm
from engage.core.access import PUBLIC, access
from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.rate_limits import limit_posts


@bp.route("/<int:consultation_id>/save", methods=["GET", "POST"])
@access(PUBLIC)
@limit_posts("CONSULTATION_RATE_LIMIT")  # each one sends an email
def save(consultation_id: int) -> str | Response:
    consultation = get_public_or_404(consultation_id)
    refused = refuse_if_not_taking(consultation)
    if refused:
        return refused
    response = current_draft(consultation)
    if response is None:
        return to_consultation(consultation)
    if response.user_id is not None and current_user.is_authenticated:
        return render_template(
            "consultations/answer/saved.html", consultation=consultation, on_account=True
        )
    form = SaveForm(data={"email": response.email} if response.email else None)
    if form.validate_on_submit():
        answer_links.send_link(response, consultation, form.email.data)
        db.session.commit()
        return render_template(
            "consultations/answer/saved.html",
            consultation=consultation,
            on_account=False,
            email=form.email.data,
        )
    return render_template("consultations/answer/save.html", form=form, consultation=consultation)


@bp.route("/resume/<token>")
@access(PUBLIC)
def resume(token: str) -> str | Response:
    try:
        response = answer_links.response_for_token(token)
    except answer_links.LinkExpired:
        return _link_problem("expired")
    except answer_links.LinkInvalid:
        return _link_problem("invalid")
    consultation = get_public_or_404(response.consultation_id)
    if not stages.can_resume(response, consultation, uk_today()):
        flash(f"{stages.NOT_TAKING_ANSWERS}.", "error")
        return to_consultation(consultation)
    remember_draft(consultation, response)
    return resume_point(consultation, response)


def _link_problem(problem: str) -> str:
    return render_template("consultations/answer/link_problem.html", problem=problem)
