"""Panel members' pages: the drafts open to their panels, a draft with a "Comment on
paragraph 4.2" link on every paragraph, commenting on a paragraph or the whole, replying,
editing or withdrawing their own comment until the closing date, and every comment in
document order with the officer's outcome and response."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.core.access import SIGNED_IN, access
from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.pagination import paginate
from engage.policies import assessments, comments, feedback, formats, services, stages
from engage.policies.access import DRAFT_COMMENTER, DRAFT_READER, POLICY_READER
from engage.policies.comment.forms import NO, YES, CommentForm, ReplyForm
from engage.policies.models import PolicyVersion
from engage.policies.stages import VersionRefused

bp = Blueprint("comment", __name__, url_prefix="/policies")
VERSION = "/<int:policy_id>/versions/<int:version_number>"


def _version(policy_id: int, version_number: int) -> PolicyVersion:
    return services.get_version(policy_id, version_number) or abort(404)


def _to_comments(version: PolicyVersion, anchor: str | None = None) -> Response:
    return redirect(
        url_for(
            "policies.comment.comments",
            policy_id=version.policy_id,
            version_number=version.number,
            _anchor=anchor,
        )
    )


@bp.route("/")
@access(SIGNED_IN)
def index() -> str:
    today = uk_today()
    page = paginate(comments.drafts_for_member_statement(current_user.id, today))
    return render_template("policies/comment/index.html", page=page, today=today)


@bp.route(VERSION)
@access(DRAFT_READER)
def draft(policy_id: int, version_number: int) -> str:
    version = _version(policy_id, version_number)
    return render_template(
        "policies/comment/draft.html",
        policy=version.policy,
        version=version,
        paragraphs=services.paragraphs_of(version.id),
        counts=comments.counts_by_paragraph(version.id),
        documents=formats.documents_of(version.id),
        has_assessment=assessments.has_assessment(version.id),
        is_open=stages.is_open_for_comments(version, uk_today())
        and comments.may_comment(current_user, version),
    )


def _comment_form(form: CommentForm, version: PolicyVersion, **where: Any) -> Response | None:
    """Save the comment when the form is good; None to show the form again."""
    if not form.validate_on_submit():
        return None
    try:
        comment = comments.add_comment(
            version, current_user, form.text.data, name_shown=form.name_shown.data == YES, **where
        )
    except VersionRefused as refused:
        db.session.rollback()
        flash(str(refused), "error")
        return _to_comments(version)
    db.session.commit()
    flash("Your comment has been sent. The officer will answer it.", "success")
    return _to_comments(version, f"comment-{comment.id}")


@bp.route(f"{VERSION}/comment", methods=["GET", "POST"])
@access(DRAFT_COMMENTER)
def comment(policy_id: int, version_number: int) -> str | Response:
    """Comment on one paragraph (?paragraph=4.2), one section of the impact assessment
    (?section=disability) or, with neither, the whole draft."""
    version = _version(policy_id, version_number)
    number, characteristic = request.args.get("paragraph"), request.args.get("section")
    paragraph = comments.paragraph_by_number(version.id, number) if number else None
    if number and paragraph is None:
        abort(404)
    section = None
    if characteristic and not number:
        assessment = assessments.assessment_of(version.id)
        section = assessments.section_of(assessment, characteristic) if assessment else None
        if section is None:
            abort(404)
    if not stages.is_open_for_comments(version, uk_today()):
        flash(stages.NOT_OPEN + ".", "error")
        return _to_comments(version)
    form = CommentForm()
    saved = _comment_form(form, version, paragraph=paragraph, section=section)
    if saved:
        return saved
    return render_template(
        "policies/comment/comment_form.html",
        form=form,
        policy=version.policy,
        version=version,
        paragraph=paragraph,
        section=section,
    )


@bp.route(f"{VERSION}/comments", endpoint="comments")
@access(DRAFT_READER)
def comments_page(policy_id: int, version_number: int) -> str:
    version = _version(policy_id, version_number)
    page, threads = comments.threads_page(version.id)
    # The person, not the proxy: each comment asks whose it is.
    reader = current_user._get_current_object()
    return render_template(
        "policies/comment/comments.html",
        policy=version.policy,
        version=version,
        page=page,
        threads=threads,
        is_open=stages.is_open_for_comments(version, uk_today())
        and comments.may_comment(current_user, version),
        changes=comments.changes_in_next_version(version, opened_only=True),
        staff=False,
        reader=reader,
        names=lambda c: comments.shown_name(c, reader, staff=False),
    )


@bp.route(f"{VERSION}/comments/<int:comment_id>/reply", methods=["GET", "POST"])
@access(DRAFT_COMMENTER)
def reply(policy_id: int, version_number: int, comment_id: int) -> str | Response:
    version = _version(policy_id, version_number)
    parent = comments.get_comment(version.id, comment_id) or abort(404)
    if parent.parent_id is not None:  # replies go to the thread's first comment
        parent = comments.get_comment(version.id, parent.parent_id) or abort(404)
    if not stages.is_open_for_comments(version, uk_today()):
        flash(stages.NOT_OPEN + ".", "error")
        return _to_comments(version)
    form = ReplyForm()
    saved = _comment_form(form, version, reply_to=parent)
    if saved:
        return saved
    return render_template(
        "policies/comment/reply_form.html",
        form=form,
        policy=version.policy,
        version=version,
        parent=parent,
        author=comments.shown_name(parent, current_user, staff=False),
    )


def _own_comment(version: PolicyVersion, comment_id: int):  # noqa: ANN202 - a PolicyComment
    found = comments.get_comment(version.id, comment_id)
    if found is None or found.author_id != current_user.id:
        abort(404)  # someone else's comment: not theirs to change, nor to know of
    return found


@bp.route(f"{VERSION}/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@access(DRAFT_COMMENTER)
def edit(policy_id: int, version_number: int, comment_id: int) -> str | Response:
    version = _version(policy_id, version_number)
    found = _own_comment(version, comment_id)
    if not stages.can_change_comment(found, current_user, version, uk_today()):
        flash("This comment can no longer be changed.", "error")
        return _to_comments(version, f"comment-{found.id}")
    form = CommentForm(data={"text": found.text, "name_shown": YES if found.name_shown else NO})
    if form.validate_on_submit():
        comments.edit_comment(
            found, version, current_user, form.text.data, form.name_shown.data == YES
        )
        db.session.commit()
        flash("Your comment has been changed.", "success")
        return _to_comments(version, f"comment-{found.id}")
    return render_template(
        "policies/comment/edit_form.html",
        form=form,
        policy=version.policy,
        version=version,
        comment=found,
    )


@bp.route(f"{VERSION}/comments/<int:comment_id>/withdraw", methods=["GET", "POST"])
@access(DRAFT_COMMENTER)
def withdraw(policy_id: int, version_number: int, comment_id: int) -> str | Response:
    version = _version(policy_id, version_number)
    found = _own_comment(version, comment_id)
    if not stages.can_change_comment(found, current_user, version, uk_today()):
        flash("This comment can no longer be withdrawn.", "error")
        return _to_comments(version, f"comment-{found.id}")
    if request.method == "POST":
        comments.withdraw_comment(found, version, current_user)
        db.session.commit()
        flash("Your comment has been withdrawn.", "success")
        return _to_comments(version)
    return render_template(
        "policies/comment/withdraw.html", policy=version.policy, version=version, comment=found
    )


@bp.route("/<int:policy_id>/you-said-we-did")
@access(POLICY_READER)
def you_said_we_did(policy_id: int) -> str:
    policy = services.get_policy(policy_id) or abort(404)
    staff = current_user.has_role("officer") or current_user.has_role("admin")
    page, points = feedback.points_page(policy, current_user, staff=staff)
    counted = feedback.comment_counts(policy)
    return render_template(
        "policies/comment/you_said_we_did.html",
        policy=policy,
        said_did=feedback.summary(policy, counted),
        said_by_panel=feedback.by_panel(policy, counted),
        page=page,
        points=points,
        staff=staff,
    )
