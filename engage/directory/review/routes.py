"""Officers reviewing the directory: the share of entries confirmed in the last year, changes
waiting for review (each shown field by field, old and new, and approved as proposed or
changed, or rejected with a reason), claims to check, and the entries overdue for
confirmation."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.core.access import OFFICER, access
from engage.core.db import db, utcnow
from engage.core.pagination import paginate
from engage.directory import (
    claims,
    editing,
    reports,
    service_changes,
    services,
    stages,
    suggestions,
)
from engage.directory.forms import ApproveForm, EntryForm, ReasonForm
from engage.reference.api import local_authorities

bp = Blueprint("review", __name__, url_prefix="/admin/directory")


@bp.route("/")
@access(OFFICER)
def index() -> str:
    confirmed, listed = services.confirmed_share(utcnow())
    return render_template(
        "directory/review/index.html",
        confirmed=confirmed,
        listed=listed,
        changes=paginate(editing.pending_changes_statement(), per_page=25),
        claims_waiting=db.session.execute(claims.claims_to_check_statement().limit(50)).all(),
        stale=paginate(services.stale_statement(utcnow()), per_page=25),
        reports=db.session.execute(reports.open_reports_statement().limit(50)).all(),
    )


@bp.route("/reports/<int:report_id>/resolved", methods=["POST"])
@access(OFFICER)
def resolve_report(report_id: int) -> Response:
    if reports.resolve_report(report_id, current_user) is None:
        abort(404)
    db.session.commit()
    flash("Marked as dealt with.", "success")
    return redirect(url_for("directory.review.index", _anchor="reports"))


def _change(change_id: int):  # noqa: ANN202 - a ChangeRequest
    return editing.get_change(change_id) or abort(404)


def _review_page(found, form: ApproveForm, reject_form: ReasonForm) -> str:  # noqa: ANN001
    """A change's review: what would change against the entry as it is now, the form to
    approve it (as sent or corrected) and the form to reject it."""
    current = editing.current_values(found)
    proposed = editing.proposed_now(found, current)  # services and venues as approving makes them
    return render_template(
        "directory/review/change.html",
        change=found,
        is_new=found.organisation.status == stages.SUGGESTED,
        form=form,
        reject_form=reject_form,
        differences=editing.differences(current, proposed),
        services_change=bool(service_changes.record_differences(current, proposed)),
        changed_since=bool(editing.differences(found.before, current)),
        can_review=stages.can_review(found),
    )


def _approve_form(found, *, filled: bool) -> ApproveForm:  # noqa: ANN001
    """The approve form, filled with the proposal (``filled``) or with what was posted."""
    form = ApproveForm(data=EntryForm.data_from(found.proposed) if filled else None)
    form.load_areas([(a.code, a.name) for a in local_authorities()])
    return form


@bp.route("/changes/<int:change_id>", methods=["GET", "POST"])
@access(OFFICER)
def change(change_id: int) -> str | Response:
    found = _change(change_id)
    form = _approve_form(found, filled=request.method == "GET")
    if stages.can_review(found) and form.validate_on_submit():
        is_new = found.organisation.status == stages.SUGGESTED
        suggestions.approve(found, current_user, form.values())
        db.session.commit()
        done = "is now listed" if is_new else "is updated"
        flash(f"Approved: the entry for {found.organisation.name} {done}.", "success")
        return redirect(url_for("directory.review.index"))
    return _review_page(found, form, ReasonForm())


@bp.route("/changes/<int:change_id>/reject", methods=["POST"])
@access(OFFICER)
def reject(change_id: int) -> str | Response:
    found = _change(change_id)
    form = ReasonForm()
    if not stages.can_review(found):
        flash(stages.ALREADY_REVIEWED + ".", "error")
        return redirect(url_for("directory.review.change", change_id=found.id))
    if form.validate_on_submit():
        suggestions.reject(found, current_user, form.reason.data)
        db.session.commit()
        told = f" {found.proposed_by.full_name} has been told why." if found.proposed_by else ""
        flash(f"Rejected: {found.organisation.name}.{told}", "success")
        return redirect(url_for("directory.review.index"))
    return _review_page(found, _approve_form(found, filled=True), form)


def _claim(claim_id: int):  # noqa: ANN202 - a ClaimRequest
    return claims.get_claim(claim_id) or abort(404)


@bp.route("/claims/<int:claim_id>", methods=["GET", "POST"])
@access(OFFICER)
def claim(claim_id: int) -> str | Response:
    found = _claim(claim_id)
    form = ReasonForm()
    if request.method == "POST" and request.form.get("decision") == "approve":
        try:
            claims.approve_claim(found, current_user)
        except stages.DirectoryRefused as refused:
            db.session.rollback()
            flash(str(refused) + ".", "error")
        else:
            db.session.commit()
            flash(f"{found.user.full_name} can now edit {found.organisation.name}.", "success")
        return redirect(url_for("directory.review.index"))
    if request.method == "POST" and form.validate_on_submit():
        try:
            claims.refuse_claim(found, current_user, form.reason.data)
        except stages.DirectoryRefused as refused:
            db.session.rollback()
            flash(str(refused) + ".", "error")
        else:
            db.session.commit()
            flash(f"Refused: {found.user.full_name} has been told why.", "success")
        return redirect(url_for("directory.review.index"))
    return render_template("directory/review/claim.html", claim=found, form=form)
