"""Asking for a consultation in another format or language, or for support to take part
(a view of the answer blueprint): it reaches the consultation's officer as a reasonable
adjustment."""

from __future__ import annotations

from flask import flash, render_template
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.consultations import format_requests
from engage.consultations.answer.routes import bp, get_public_or_404, to_consultation
from engage.consultations.answer_forms import FormatRequestForm
from engage.core.access import PUBLIC, access
from engage.core.db import db
from engage.core.rate_limits import limit_posts


@bp.route("/<int:consultation_id>/another-format", methods=["GET", "POST"])
@access(PUBLIC)
@limit_posts("CONSULTATION_RATE_LIMIT")  # each one emails an officer
def another_format(consultation_id: int) -> str | Response:
    consultation = get_public_or_404(consultation_id)
    form = FormatRequestForm()
    if form.validate_on_submit():
        format_requests.ask(
            consultation,
            user_id=current_user.id if current_user.is_authenticated else None,
            name=form.name.data or "",
            contact=form.contact.data,
            needs=list(form.needs.data or []),
            details=form.details.data or "",
        )
        db.session.commit()
        flash(
            "Your request has been sent to the officer running this consultation, who will "
            "contact you to arrange it.",
            "success",
        )
        return to_consultation(consultation)
    return render_template(
        "consultations/answer/another_format.html", form=form, consultation=consultation
    )
