"""Anonymised scoring (reviewers) and moderation (the round's lead officer), under /review.

Templates here receive anonymised views and plain values (anonymise.py), never an
``Application`` or ``RecruitmentRound`` model, so no page can show who applied."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.core.access import OFFICER, access
from engage.core.db import db
from engage.core.pagination import paginate
from engage.recruitment import stages
from engage.recruitment.access import LEAD_OFFICER, REVIEWER, is_lead
from engage.recruitment.anonymise import RoundSummary
from engage.recruitment.models import SCORE_SCALE
from engage.recruitment.review import moderation as moderation_services
from engage.recruitment.review import services
from engage.recruitment.review.forms import (
    agreed_field,
    build_moderation_form,
    build_score_form,
    comment_field,
    draft_data,
    moderation_data,
    note_field,
    score_field,
)
from engage.recruitment.services import round_or_404
from engage.recruitment.stages import round_state

bp = Blueprint("review", __name__, url_prefix="/review")

FIELD_NAMES = {
    "score": score_field,
    "comment": comment_field,
    "agreed": agreed_field,
    "note": note_field,
}


def _show_problems(form: object, problems: dict[tuple[int, str], str]) -> None:
    for (criterion_id, kind), message in problems.items():
        form[FIELD_NAMES[kind](criterion_id)].errors = [message]  # type: ignore[index]


@bp.route("/")
@access(OFFICER)
def my_rounds() -> str:
    page = paginate(services.rounds_to_review_statement(current_user))
    rounds = [RoundSummary(round_.id, round_.title, round_state(round_)) for round_ in page.items]
    return render_template("recruitment/review/my_rounds.html", page=replace(page, items=rounds))


@bp.route("/rounds/<int:round_id>")
@access(REVIEWER)
def queue(round_id: int) -> str:
    round_ = round_or_404(round_id)
    page = paginate(services.queue_statement(round_id))
    items = services.queue_items(page.items, current_user.id)
    return render_template(
        "recruitment/review/queue.html",
        round_id=round_.id,
        round_title=round_.title,
        has_criteria=bool(round_.criteria),
        can_moderate=is_lead(current_user, round_.id),
        page=replace(page, items=items),
    )


@bp.route("/rounds/<int:round_id>/applications/<int:candidate_number>", methods=["GET", "POST"])
@access(REVIEWER)
def score(round_id: int, candidate_number: int) -> str | Response:
    round_ = round_or_404(round_id)
    application = services.get_reviewable(round_id, candidate_number) or abort(404)
    criteria = services.criteria_of(round_)
    page = services.review_page(application, round_, current_user.id)
    here = url_for("recruitment.review.score", round_id=round_id, candidate_number=candidate_number)
    form = None
    finished = not stages.can_score(round_)
    if not page.blocked and page.mine is None and criteria and not finished:
        draft = services.review_by(application, current_user.id)
        form = build_score_form(criteria, data=draft_data(draft))
        if form.validate_on_submit():
            try:
                services.save_review(
                    application,
                    round_,
                    current_user.id,
                    scores={c.id: form[score_field(c.id)].data for c in criteria},
                    comments={c.id: form[comment_field(c.id)].data or "" for c in criteria},
                    overall_comment=form.overall_comment.data or "",
                    submit=form.submitting,
                )
            except services.ReviewProblems as problems:
                _show_problems(form, problems.problems)
            except services.CannotReview as refused:
                db.session.rollback()
                flash(f"{refused}.", "important")
                return redirect(here)
            else:
                db.session.commit()
                label = f"Applicant {candidate_number}"
                if form.submitting:
                    flash(f"Scores submitted for {label}.", "success")
                    return redirect(here)
                flash(f"Draft saved for {label}.", "success")
                return redirect(url_for("recruitment.review.queue", round_id=round_id))
    elif request.method == "POST":
        flash(f"{_why_not_scorable(page, finished)}.", "important")
        return redirect(here)
    if request.method == "GET" and page.application is not None:
        services.record_viewed(application, "review")
        db.session.commit()
    return render_template(
        "recruitment/review/score.html",
        round_id=round_id,
        round_title=round_.title,
        label=f"Applicant {candidate_number}",
        criteria=criteria,
        page=page,
        form=form,
        finished=finished,
        scale=SCORE_SCALE,
    )


def _why_not_scorable(page: services.ReviewPage, finished: bool) -> str:
    if page.mine is not None:  # submitted already, perhaps a moment ago in another request
        return services.ALREADY_SUBMITTED
    if finished:
        return services.FINISHED
    if page.blocked:
        return services.TWO_OTHERS
    return "This round has no assessment criteria yet, so it cannot be scored"


@bp.route("/rounds/<int:round_id>/moderation")
@access(LEAD_OFFICER)
def moderation(round_id: int) -> str:
    round_ = round_or_404(round_id)
    page = paginate(services.queue_statement(round_id))
    rows = moderation_services.moderation_rows(page.items, round_)
    return render_template(
        "recruitment/review/moderation.html",
        round_id=round_.id,
        round_title=round_.title,
        page=replace(page, items=rows),
        large_criterion=moderation_services.LARGE_CRITERION_DIFFERENCE,
        large_total=moderation_services.LARGE_TOTAL_DIFFERENCE,
    )


@bp.route("/rounds/<int:round_id>/moderation/<int:candidate_number>", methods=["GET", "POST"])
@access(LEAD_OFFICER)
def moderate(round_id: int, candidate_number: int) -> str | Response:
    round_ = round_or_404(round_id)
    application = services.get_reviewable(round_id, candidate_number) or abort(404)
    criteria = services.criteria_of(round_)
    page = moderation_services.moderation_page(application, round_)
    form = None
    finished = not stages.can_score(round_)
    if page.comparison is not None and not finished:
        form = build_moderation_form(criteria, page.comparison, data=moderation_data(page))
        if form.validate_on_submit():
            try:
                total = moderation_services.record_moderation(
                    application,
                    round_,
                    current_user.id,
                    scores={c.id: form[agreed_field(c.id)].data for c in criteria},
                    notes={c.id: form[note_field(c.id)].data or "" for c in criteria},
                )
            except moderation_services.ModerationProblems as problems:
                _show_problems(form, problems.problems)
            else:
                db.session.commit()
                flash(f"Agreed scores saved for Applicant {candidate_number}: {total}.", "success")
                return redirect(url_for("recruitment.review.moderation", round_id=round_id))
    elif request.method == "POST":
        flash("The agreed scores could not be saved: both reviews are needed first.", "important")
        return redirect(request.path)
    if request.method == "GET":
        services.record_viewed(application, "moderation")
        db.session.commit()
    return render_template(
        "recruitment/review/moderate.html",
        round_id=round_id,
        round_title=round_.title,
        label=f"Applicant {candidate_number}",
        criteria=criteria,
        page=page,
        form=form,
        finished=finished,
    )
