"""Officers writing and publishing a consultation's "we asked, you said, we did", and the
public page once it is published."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.consultations import services, stages
from engage.consultations.models import Consultation
from engage.consultations.outcome import services as outcomes
from engage.consultations.outcome.forms import PublishForm, SummaryForm, ThemeOutcomeForm
from engage.core.access import OFFICER, PUBLIC, access
from engage.core.db import db

bp = Blueprint("outcome", __name__, url_prefix="/admin/consultations/<int:consultation_id>/outcome")
public_bp = Blueprint("outcome_public", __name__, url_prefix="/consultations")


def _consultation(consultation_id: int) -> Consultation:
    return services.get_consultation(consultation_id) or abort(404)


def _writable(consultation_id: int) -> Consultation | Response:
    consultation = _consultation(consultation_id)
    if not stages.can_write_outcome(consultation):
        flash(stages.OUTCOME_NOT_CLOSED + ".", "error")
        return redirect(url_for("consultations.builder.show", consultation_id=consultation.id))
    return consultation


@bp.route("/", methods=["GET", "POST"])
@access(OFFICER)
def index(consultation_id: int) -> str | Response:
    consultation = _writable(consultation_id)
    if isinstance(consultation, Response):
        return consultation
    outcome = outcomes.get_outcome(consultation.id)
    form = SummaryForm(obj=outcome if request.method == "GET" else None)
    if form.validate_on_submit():
        outcomes.save_summary(
            outcomes.outcome_for(consultation), what_we_asked=form.what_we_asked.data,
            decision=form.decision.data, changes=form.changes.data,
        )  # fmt: skip
        db.session.commit()
        flash("Saved.", "success")
        return redirect(url_for(".index", consultation_id=consultation.id))
    rows = outcomes.theme_rows(consultation.id, outcome)
    return render_template(
        "consultations/outcome/index.html",
        consultation=consultation,
        outcome=outcome,
        form=form,
        rows=rows,
        problems=outcomes.publish_problems(consultation, outcome, rows),
    )


@bp.route("/themes/<int:theme_id>", methods=["GET", "POST"])
@access(OFFICER)
def theme(consultation_id: int, theme_id: int) -> str | Response:
    consultation = _writable(consultation_id)
    if isinstance(consultation, Response):
        return consultation
    found = outcomes.get_theme(consultation.id, theme_id) or abort(404)
    outcome = outcomes.get_outcome(consultation.id)
    row = next(r for r in outcomes.theme_rows(consultation.id, outcome) if r.theme.id == found.id)
    form = ThemeOutcomeForm(obj=row.response if request.method == "GET" else None)
    if form.validate_on_submit():
        outcomes.save_theme_outcome(
            outcomes.outcome_for(consultation), found, result=form.result.data,
            we_did=form.we_did.data,
        )  # fmt: skip
        db.session.commit()
        flash(f"Saved what we did about “{found.label}”.", "success")
        return redirect(url_for(".index", consultation_id=consultation.id, _anchor="themes"))
    return render_template(
        "consultations/outcome/theme.html", consultation=consultation, row=row, form=form
    )


@bp.route("/publish", methods=["GET", "POST"])
@access(OFFICER)
def publish(consultation_id: int) -> str | Response:
    consultation = _writable(consultation_id)
    if isinstance(consultation, Response):
        return consultation
    outcome = outcomes.get_outcome(consultation.id)
    problems = outcomes.publish_problems(
        consultation, outcome, outcomes.theme_rows(consultation.id, outcome)
    )
    if problems:
        flash("It cannot be published yet: " + "; ".join(problems) + ".", "error")
        return redirect(url_for(".index", consultation_id=consultation.id))
    form = PublishForm()
    if form.validate_on_submit():
        told = outcomes.publish(consultation, outcome, current_user)
        db.session.commit()
        flash(f"Published. {told:,} {'person was' if told == 1 else 'people were'} emailed.",
              "success")  # fmt: skip
        return redirect(url_for(".index", consultation_id=consultation.id))
    return render_template(
        "consultations/outcome/publish.html",
        consultation=consultation,
        outcome=outcome,
        to_tell=0 if outcome.published_at else len(outcomes.to_tell(consultation.id)),
        form=form,
    )


@public_bp.route("/<int:consultation_id>/we-asked-you-said-we-did")
@access(PUBLIC)
def show(consultation_id: int) -> str:
    consultation = _consultation(consultation_id)
    outcome = outcomes.get_outcome(consultation.id)
    if not stages.outcome_is_public(outcome):
        abort(404)
    return render_template(
        "consultations/outcome/public.html",
        consultation=consultation,
        outcome=outcome,
        points=outcomes.points(outcomes.theme_rows(consultation.id, outcome)),
        answered=outcomes.who_answered(consultation.id),
        channel_labels=stages.CHANNEL_LABELS,
    )
