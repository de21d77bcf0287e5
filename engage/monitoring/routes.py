from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user

from engage.core.access import OFFICER, access
from engage.core.db import db
from engage.monitoring import services
from engage.monitoring.access import EQUALITY_DATA
from engage.monitoring.comparison import compare
from engage.monitoring.demo import DEMO_SUBJECT_TYPE
from engage.monitoring.forms import MonitoringForm
from engage.monitoring.views import WhoWeHeardFromForm, characteristic_choices

bp = Blueprint("monitoring", __name__, url_prefix="/admin/equality-monitoring")


@bp.route("/")
@access(EQUALITY_DATA)
def who_we_heard_from() -> str:
    """The demo data set against the Census 2021 population (until real features feed it)."""
    form = WhoWeHeardFromForm(request.args)
    form.load_choices()
    comparison = None
    if form.validate():
        characteristic = form.characteristic.data
        question_key = characteristic_choices()[characteristic].question
        answers = services.answers_of_type(DEMO_SUBJECT_TYPE)
        counts = services.count_by_question(question_key, answers)
        comparison = compare(characteristic, counts, form.selected_areas())
        services.aggregates_viewed(
            current_user,
            "who we heard from: demo data",
            characteristic=characteristic,
            areas=",".join(form.selected_areas()),
        )
        db.session.commit()
    return render_template("monitoring/who_we_heard_from.html", form=form, comparison=comparison)


@bp.route("/questions", methods=["GET", "POST"])
@access(OFFICER)
def preview_questions() -> str:
    """The monitoring section as residents see it, for officers to check. Nothing is saved."""
    form = MonitoringForm()
    answered = None
    if form.validate_on_submit():
        answered = {key: value for key, value in form.to_answers().items() if value}
    return render_template("monitoring/preview.html", form=form, answered=answered)
