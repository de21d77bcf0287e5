"""The lead officer's decisions on a round, and the applicant's interview booking.

Every staff page here is for the round's lead officer (or an admin): LEAD_OFFICER takes
``round_id`` from the URL. Applications are named by their candidate number in the round."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.core.access import access
from engage.core.dates import uk_today
from engage.core.db import db
from engage.recruitment import interviews as interview_services
from engage.recruitment import stages
from engage.recruitment.access import LEAD_OFFICER
from engage.recruitment.decide import services
from engage.recruitment.decide.forms import (
    SHORTLIST,
    YES,
    AppointForm,
    OutcomeForm,
    ShortlistForm,
    SlotForm,
)
from engage.recruitment.decide.rows import ranking_rows_html, schedule_rows_html
from engage.recruitment.models import SHORTLISTED, WITHDRAWN
from engage.recruitment.report_access import may_see_round_report
from engage.recruitment.services import round_or_404
from engage.recruitment.stages import round_state

bp = Blueprint("decide", __name__, url_prefix="/admin/decisions")
bp.add_app_template_global(schedule_rows_html, "schedule_rows_html")
bp.add_app_template_global(ranking_rows_html, "ranking_rows_html")


def _candidate(round_id: int, candidate_number: int):  # noqa: ANN202 - an Application
    return services.get_candidate(round_id, candidate_number) or abort(404)


@bp.route("/rounds/<int:round_id>")
@access(LEAD_OFFICER)
def round_overview(round_id: int) -> str:
    round_ = round_or_404(round_id)
    page, rows = services.overview_page(round_)
    counts = services.status_counts(round_id)
    return render_template(
        "recruitment/decide/overview.html",
        round=round_,
        status=round_state(round_),
        closed=stages.applications_closed(round_),
        page=page,
        rows=rows,
        withdrawn=counts.get(WITHDRAWN, 0),
        free_slots=interview_services.count_free_slots(round_id),
        send_problems=services.send_problems(round_, counts),
        round_url=url_for("recruitment.manage.show", round_id=round_id),
        may_see_report=may_see_round_report(current_user, round_id),
    )


@bp.route("/rounds/<int:round_id>/applications/<int:candidate_number>", methods=["GET", "POST"])
@access(LEAD_OFFICER)
def application(round_id: int, candidate_number: int) -> str | Response:
    round_ = round_or_404(round_id)
    candidate = _candidate(round_id, candidate_number)
    form = None
    closed = stages.applications_closed(round_)  # shortlisting waits until they close
    if stages.can_shortlist(candidate):
        form = ShortlistForm()
        if form.validate_on_submit():
            return _decide(
                candidate,
                lambda: services.shortlist(
                    candidate, shortlisted=form.decision.data == SHORTLIST, reason=form.reason.data
                ),
                "Decision saved and emailed to the applicant.",
            )
    elif stages.can_record_outcome(candidate):
        form = OutcomeForm()
        if not form.is_submitted() and candidate.status != SHORTLISTED:
            form.outcome.data = candidate.status
            form.reason.data = candidate.outcome_reason
            form.feedback.data = candidate.feedback
        if form.validate_on_submit():
            return _decide(
                candidate,
                lambda: services.record_outcome(
                    candidate,
                    outcome=form.outcome.data,
                    reason=form.reason.data,
                    feedback=form.feedback.data,
                ),
                "Outcome saved. It is emailed to the applicant when you send the outcomes.",
            )
    totals = services.moderated_totals([candidate.id])
    return render_template(
        "recruitment/decide/application.html",
        round=round_,
        candidate=candidate,
        total=totals.get(candidate.id),
        slot=interview_services.booked_slot(candidate),
        slot_label=interview_services.slot_label,
        membership=services.appointment_for(candidate),
        can_appoint=services.can_appoint(candidate),
        closed=closed,
        form=form,
    )


def _decide(candidate, action, done: str) -> Response:  # noqa: ANN001
    here = url_for(
        "recruitment.decide.application",
        round_id=candidate.round_id,
        candidate_number=candidate.candidate_number,
    )
    try:
        action()
    except services.DecisionRefused as refused:
        db.session.rollback()
        flash(str(refused), "important")
        return redirect(here)
    db.session.commit()
    flash(done, "success")
    return redirect(here)


@bp.route(
    "/rounds/<int:round_id>/applications/<int:candidate_number>/appoint", methods=["GET", "POST"]
)
@access(LEAD_OFFICER)
def appoint(round_id: int, candidate_number: int) -> str | Response:
    round_ = round_or_404(round_id)
    candidate = _candidate(round_id, candidate_number)
    here = url_for(
        "recruitment.decide.application", round_id=round_id, candidate_number=candidate_number
    )
    if not services.can_appoint(candidate):
        flash("There is no appointment to record for this applicant.", "important")
        return redirect(here)
    form = AppointForm()
    form.panel.choices = [(str(c.panel_id), c.panel.name) for c in candidate.panel_choices]
    if not form.is_submitted():
        form.term_start.data, form.term_end.data = services.panel_services.default_term(uk_today())
        form.public_name.data = candidate.full_name
        if len(form.panel.choices) == 1:
            form.panel.data = form.panel.choices[0][0]
    if form.validate_on_submit():
        try:
            membership = services.appoint(
                candidate,
                panel_id=form.panel.data,
                role=form.role.data,
                term_start=form.term_start.data,
                term_end=form.term_end.data,
                listed_publicly=form.listed_publicly.data == YES,
                public_name=form.public_name.data,
            )
        except services.DecisionRefused as refused:
            db.session.rollback()
            form.panel.errors = [str(refused)]
        else:
            db.session.commit()
            flash(
                f"{candidate.full_name} is appointed to the {membership.panel.name}. "
                "We have emailed them how to reach the members' area.",
                "success",
            )
            return redirect(here)
    return render_template(
        "recruitment/decide/appoint.html", round=round_, candidate=candidate, form=form
    )


@bp.route("/rounds/<int:round_id>/send-outcomes", methods=["POST"])
@access(LEAD_OFFICER)
def send_outcomes(round_id: int) -> Response:
    round_ = round_or_404(round_id)
    try:
        emailed = services.send_outcomes(round_)
    except services.DecisionRefused as refused:
        db.session.rollback()
        flash(str(refused), "important")
    else:
        db.session.commit()
        flash(f"Outcomes emailed to {emailed} applicant(s). The round is finished.", "success")
    return redirect(url_for("recruitment.decide.round_overview", round_id=round_id))


# Interviews ---------------------------------------------------------------------------------


@bp.route("/rounds/<int:round_id>/interviews", methods=["GET", "POST"])
@access(LEAD_OFFICER)
def interview_schedule(round_id: int) -> str | Response:
    """The organiser's schedule: who booked each time and their access needs (audited)."""
    round_ = round_or_404(round_id)
    form = SlotForm()
    if not stages.is_finished(round_) and form.validate_on_submit():
        try:
            interview_services.add_slot(
                round_,
                starts_at=interview_services.slot_start(form.day.data, form.start),
                minutes=int(form.minutes.data),
                where=form.where.data,
            )
        except services.DecisionRefused as refused:
            db.session.rollback()
            form.day.errors = [str(refused)]
        else:
            db.session.commit()
            flash("Interview time added.", "success")
            return redirect(url_for("recruitment.decide.interview_schedule", round_id=round_id))
    page, rows = interview_services.schedule_page(round_id)
    html = render_template(
        "recruitment/decide/schedule.html",
        round=round_,
        page=page,
        rows=rows,
        form=form,
    )
    interview_services.record_access_needs_viewed(round_id, rows, pack=False)
    db.session.commit()
    return html


@bp.route("/rounds/<int:round_id>/interviews/<int:slot_id>/remove", methods=["POST"])
@access(LEAD_OFFICER)
def remove_slot(round_id: int, slot_id: int) -> Response:
    slot = interview_services.get_slot(round_id, slot_id) or abort(404)
    try:
        interview_services.remove_slot(slot)
    except services.DecisionRefused as refused:
        db.session.rollback()
        flash(str(refused), "important")
    else:
        db.session.commit()
        flash("Interview time removed.", "success")
    return redirect(url_for("recruitment.decide.interview_schedule", round_id=round_id))


@bp.route("/rounds/<int:round_id>/interviews/pack")
@access(LEAD_OFFICER)
def interview_pack(round_id: int) -> str:
    """For the interviewers: times and answers; access needs only where the applicant agreed."""
    round_ = round_or_404(round_id)
    page, rows = interview_services.schedule_page(round_id, with_answers=True)
    rows = [row for row in rows if row.application is not None]
    html = render_template(
        "recruitment/decide/pack.html",
        round=round_,
        page=page,
        rows=rows,
        access_needs=interview_services.access_needs,
    )
    interview_services.record_access_needs_viewed(round_id, rows, pack=True)
    db.session.commit()
    return html
