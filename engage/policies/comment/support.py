"""Members downloading a draft's alternative formats, and asking for another format or for
support to take part (views of the comment blueprint)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.core.access import access
from engage.core.db import db
from engage.core.uploads import download
from engage.policies import formats, services
from engage.policies.access import DRAFT_READER
from engage.policies.comment.forms import SupportForm
from engage.policies.comment.routes import VERSION, bp


@bp.route(f"{VERSION}/formats/<int:format_id>")
@access(DRAFT_READER)
def format_download(policy_id: int, version_number: int, format_id: int) -> Response:
    version = services.get_version(policy_id, version_number) or abort(404)
    document = formats.get_document(version.id, format_id) or abort(404)
    return download(
        document.content,
        content_type=document.content_type,
        filename=document.filename,
        fallback_name=f"{document.kind}-version-{version_number}",
    )


@bp.route(f"{VERSION}/support", methods=["GET", "POST"])
@access(DRAFT_READER)
def support(policy_id: int, version_number: int) -> str | Response:
    version = services.get_version(policy_id, version_number) or abort(404)
    form = SupportForm()
    if form.validate_on_submit():
        formats.ask_for_support(version, current_user, form.needs.data, form.details.data or "")
        db.session.commit()
        flash(
            "Your request has been sent to the officer, who will contact you to arrange it.",
            "success",
        )
        return redirect(
            url_for("policies.comment.draft", policy_id=policy_id, version_number=version_number)
        )
    return render_template(
        "policies/comment/support_form.html", form=form, policy=version.policy, version=version
    )
