"""A consultation's "who we heard from": its respondents' equality monitoring answers beside
the Census 2021 population of its areas, the groups under-represented, and the directory's
organisations serving them. Equality aggregates: for the equality data role, as the
authority-wide view is, and each viewing is in the audit log."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_login import current_user

from engage.consultations import reaching, services
from engage.core.access import access
from engage.core.db import db
from engage.monitoring.api import EQUALITY_DATA, aggregates_viewed

bp = Blueprint("reach", __name__, url_prefix="/admin/consultations")


@bp.route("/<int:consultation_id>/who-we-heard-from")
@access(EQUALITY_DATA)
def index(consultation_id: int) -> str:
    consultation = services.get_consultation(consultation_id) or abort(404)
    found = reaching.reach(consultation)
    aggregates_viewed(
        current_user, f"who we heard from: consultation {consultation.id}",
        consultation_id=consultation.id, areas=",".join(found.area_codes),
    )  # fmt: skip
    db.session.commit()
    return render_template("consultations/reach/index.html", consultation=consultation, reach=found)
