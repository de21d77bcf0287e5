"""Officers opening a version to panels, answering every comment, and closing the version as
answered (the views of the manage blueprint that deal with comments)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.core.access import OFFICER, access
from engage.core.audit import record_event
from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.exports import download, safe_file_name
from engage.core.word import DOCX_MIMETYPE
from engage.panels.api import panels
from engage.policies import assessments, comments, feedback, services, stages
from engage.policies import exports as policy_exports
from engage.policies.manage.forms import AnswerForm, OpenForm, SummaryForm
from engage.policies.manage.routes import bp
from engage.policies.models import PolicyVersion
from engage.policies.stages import VersionRefused

VERSION = "/<int:policy_id>/versions/<int:version_number>"


def _version(policy_id: int, version_number: int) -> PolicyVersion:
    return services.get_version(policy_id, version_number) or abort(404)


def _to_comments(policy_id: int, version_number: int, anchor: str | None = None) -> Response:
    return redirect(
        url_for(
            "policies.manage.comments",
            policy_id=policy_id,
            version_number=version_number,
            _anchor=anchor,
        )
    )


@bp.route(f"{VERSION}/open", methods=["GET", "POST"])
@access(OFFICER)
def open_version(policy_id: int, version_number: int) -> str | Response:
    version = _version(policy_id, version_number)
    form = OpenForm()
    form.load_choices(panels())
    if form.validate_on_submit():
        try:
            comments.open_version(version, form.panels.data, form.closes_on.data)
        except VersionRefused as refused:
            db.session.rollback()
            flash(str(refused), "error")
        else:
            db.session.commit()
            flash(f"Version {version_number} is open for comments.", "success")
        return redirect(
            url_for("policies.manage.version", policy_id=policy_id, version_number=version_number)
        )
    assessment = assessments.assessment_of(version.id)
    return render_template(
        "policies/manage/open.html",
        form=form,
        policy=version.policy,
        version=version,
        assessment=assessment,
        assessment_complete=bool(assessment) and stages.assessment_complete(assessment),
    )


@bp.route(f"{VERSION}/comments", endpoint="comments")
@access(OFFICER)
def comments_page(policy_id: int, version_number: int) -> str:
    version = _version(policy_id, version_number)
    page, threads = comments.threads_page(version.id)
    # The person, not the proxy: each comment asks whose it is.
    reader = current_user._get_current_object()
    unanswered = comments.unanswered_count(version.id)
    return render_template(
        "policies/manage/comments.html",
        policy=version.policy,
        version=version,
        page=page,
        threads=threads,
        state=stages.version_state(version, uk_today()),
        state_labels=stages.STATE_LABELS,
        unanswered=unanswered,
        close_problem=stages.close_problem(version, uk_today(), unanswered),
        can_answer=stages.can_answer(version),
        changes=comments.changes_in_next_version(version, opened_only=False),
        staff=True,
        reader=reader,
        names=lambda c: comments.shown_name(c, reader, staff=True),
    )


@bp.route(f"{VERSION}/comments/<int:comment_id>/answer", methods=["GET", "POST"])
@access(OFFICER)
def answer(policy_id: int, version_number: int, comment_id: int) -> str | Response:
    version = _version(policy_id, version_number)
    comment = comments.get_comment(version.id, comment_id) or abort(404)
    form = AnswerForm(data={"outcome": comment.outcome, "response": comment.response})
    if form.validate_on_submit():
        try:
            comments.answer_comment(
                comment, version, current_user, form.outcome.data, form.response.data or ""
            )
        except VersionRefused as refused:
            db.session.rollback()
            flash(str(refused), "error")
        else:
            db.session.commit()
            flash("Answer saved.", "success")
        return _to_comments(policy_id, version_number, f"comment-{comment.id}")
    return render_template(
        "policies/manage/answer.html",
        form=form,
        policy=version.policy,
        version=version,
        comment=comment,
        author=comments.shown_name(comment, current_user, staff=True),
    )


@bp.route(f"{VERSION}/answered", methods=["POST"])
@access(OFFICER)
def close_as_answered(policy_id: int, version_number: int) -> Response:
    version = _version(policy_id, version_number)
    try:
        comments.close_as_answered(version)
    except VersionRefused as refused:
        db.session.rollback()
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(f"Version {version_number} is closed: every comment has been answered.", "success")
    return _to_comments(policy_id, version_number)


@bp.route(f"{VERSION}/comments.<any(csv, xlsx):extension>")
@access(OFFICER)
def comments_download(policy_id: int, version_number: int, extension: str) -> Response:
    """Every comment with its thread, outcome and response (names included: for officers)."""
    version = _version(policy_id, version_number)
    sheet = policy_exports.comments_sheet(version)
    record_event(
        "policy_comments_exported",
        object_type="policy",
        object_id=policy_id,
        version=version_number,
        format=extension,
        rows=len(sheet.rows),
    )
    db.session.commit()
    return download(sheet, f"policy-{policy_id}-version-{version_number}-comments", extension)


@bp.route("/<int:policy_id>/summary", methods=["GET", "POST"])
@access(OFFICER)
def publish_summary(policy_id: int) -> str | Response:
    policy = services.get_policy(policy_id) or abort(404)
    form = SummaryForm(data={"text": policy.public_summary})
    if form.validate_on_submit():
        feedback.publish_summary(policy, form.text.data or "")
        db.session.commit()
        flash(
            "Summary published." if policy.summary_published_at else "Summary taken down.",
            "success",
        )
        return redirect(url_for("policies.manage.show", policy_id=policy_id))
    return render_template(
        "policies/manage/summary_form.html",
        form=form,
        policy=policy,
        said_did=feedback.summary(policy),
    )


@bp.route("/<int:policy_id>/you-said-we-did.docx")
@access(OFFICER)
def you_said_we_did_docx(policy_id: int) -> Response:
    """For a committee report: names only where members agreed."""
    policy = services.get_policy(policy_id) or abort(404)
    content = feedback.as_word(policy)
    record_event("policy_comments_exported", object_type="policy", object_id=policy_id,
                 format="docx")  # fmt: skip
    db.session.commit()
    response = Response(content, mimetype=DOCX_MIMETYPE)
    name = safe_file_name(f"policy-{policy_id}-you-said-we-did")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    response.headers["Cache-Control"] = "no-store"
    return response
