"""The requests residents sent for another format, language or support to take part in a
consultation, for officers to arrange and mark dealt with (views of the entry blueprint)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.consultations import format_requests, services
from engage.consultations.entry.routes import bp
from engage.core.access import OFFICER, access
from engage.core.db import db


@bp.route("/requests")
@access(OFFICER)
def requests(consultation_id: int) -> str:
    consultation = services.get_consultation(consultation_id) or abort(404)
    return render_template(
        "consultations/entry/requests.html",
        consultation=consultation,
        requests=format_requests.requests_of(consultation.id),
    )


@bp.route("/requests/<int:format_request_id>/done", methods=["POST"])
@access(OFFICER)
def request_done(consultation_id: int, format_request_id: int) -> Response:
    consultation = services.get_consultation(consultation_id) or abort(404)
    if format_requests.mark_done(consultation, format_request_id, current_user):
        db.session.commit()
        flash("The request is marked as dealt with.", "success")
    return redirect(url_for("consultations.entry.requests", consultation_id=consultation.id))
