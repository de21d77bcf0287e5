from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user

from engage.core.access import OFFICER, access
from engage.core.db import db
from engage.monitoring import services, sources
from engage.monitoring.access import EQUALITY_DATA
from engage.monitoring.comparison import compare
from engage.monitoring.forms import MonitoringForm
from engage.monitoring.tables import census_attribution, comparison_table, published_table
from engage.monitoring.views import WhoWeHeardFromForm, characteristic_choices

bp = Blueprint("monitoring", __name__, url_prefix="/admin/equality-monitoring")
# templates/monitoring/_tables.html names these (any feature's page may show equality tables).
bp.add_app_template_global(published_table, "monitoring_published_table")
bp.add_app_template_global(comparison_table, "monitoring_comparison_table")
bp.add_app_template_global(census_attribution, "monitoring_census_attribution")


@bp.route("/")
@access(EQUALITY_DATA)
def who_we_heard_from() -> str:
    """Answers from one source (panel applications; the fictional demo answers only in a
    demo database) beside the Census 2021 population, through disclosure control."""
    available = sources.available_sources()
    # Open on the first source with answers to show (panel applications first).
    default = next((s for s in available if sources.has_records(s)), available[0])
    form = WhoWeHeardFromForm(request.args)
    form.load_choices(available, default)
    comparison = source = None
    if form.validate():
        source = form.selected_source()
        characteristic = form.characteristic.data
        question_key = characteristic_choices()[characteristic].question
        counts = sources.counts_from(source, question_key)
        comparison = compare(characteristic, counts, form.selected_areas())
        services.aggregates_viewed(
            current_user,
            f"who we heard from: {source.label.lower()}",
            source=source.key,
            characteristic=characteristic,
            areas=",".join(form.selected_areas()),
        )
        db.session.commit()
    return render_template(
        "monitoring/who_we_heard_from.html",
        form=form,
        comparison=comparison,
        source=source,
        demo_database=sources.holds_demo_data(),
    )


@bp.route("/questions", methods=["GET", "POST"])
@access(OFFICER)
def preview_questions() -> str:
    """The monitoring section as residents see it, for officers to check. Nothing is saved."""
    form = MonitoringForm()
    answered = None
    if form.validate_on_submit():
        answered = {key: value for key, value in form.to_answers().items() if value}
    return render_template("monitoring/preview.html", form=form, answered=answered)
