"""Officers attaching alternative formats to a version, and arranging the support members
ask for (views of the manage blueprint)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from engage.core.access import OFFICER, access
from engage.core.db import db
from engage.policies import formats, services
from engage.policies.manage.forms import FormatForm
from engage.policies.manage.routes import bp
from engage.policies.models import PolicyVersion

VERSION = "/<int:policy_id>/versions/<int:version_number>"


def _version(policy_id: int, version_number: int) -> PolicyVersion:
    return services.get_version(policy_id, version_number) or abort(404)


def _to_version(version: PolicyVersion, anchor: str) -> Response:
    return redirect(
        url_for(
            "policies.manage.version",
            policy_id=version.policy_id,
            version_number=version.number,
            _anchor=anchor,
        )
    )


@bp.route(f"{VERSION}/formats/new", methods=["GET", "POST"])
@access(OFFICER)
def add_format(policy_id: int, version_number: int) -> str | Response:
    version = _version(policy_id, version_number)
    form = FormatForm()
    if form.validate_on_submit():
        formats.add_document(version, form.kind.data, form.file.data.filename, form.content)
        db.session.commit()
        flash("Format uploaded: panel members can download it from the draft.", "success")
        return _to_version(version, "formats")
    return render_template(
        "policies/manage/format_form.html", form=form, policy=version.policy, version=version
    )


@bp.route(f"{VERSION}/formats/<int:format_id>/delete", methods=["POST"])
@access(OFFICER)
def delete_format(policy_id: int, version_number: int, format_id: int) -> Response:
    version = _version(policy_id, version_number)
    document = formats.get_document(version.id, format_id) or abort(404)
    formats.delete_document(version, document)
    db.session.commit()
    flash("Format removed.", "success")
    return _to_version(version, "formats")


@bp.route(f"{VERSION}/support/<int:request_id>/done", methods=["POST"])
@access(OFFICER)
def support_done(policy_id: int, version_number: int, request_id: int) -> Response:
    version = _version(policy_id, version_number)
    formats.mark_done(version, request_id)
    db.session.commit()
    flash("Marked as arranged.", "success")
    return _to_version(version, "support")
