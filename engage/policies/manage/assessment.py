"""Officers writing a version's Equality Impact Assessment: starting it (from the previous
version's, when there is one), assessing each characteristic, the conclusion, and publishing
it (views of the manage blueprint)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from engage.core.access import OFFICER, access
from engage.core.db import db
from engage.policies import assessments, services, stages
from engage.policies.manage.forms import ConclusionForm, ImpactSectionForm
from engage.policies.manage.routes import bp
from engage.policies.models import ImpactAssessment, PolicyVersion
from engage.policies.stages import VersionRefused

ASSESSMENT = "/<int:policy_id>/versions/<int:version_number>/impact-assessment"


def _version(policy_id: int, version_number: int) -> PolicyVersion:
    return services.get_version(policy_id, version_number) or abort(404)


def _to_assessment(version: PolicyVersion, anchor: str | None = None) -> Response:
    return redirect(
        url_for(
            "policies.manage.assessment",
            policy_id=version.policy_id,
            version_number=version.number,
            _anchor=anchor,
        )
    )


def _editable(version: PolicyVersion) -> ImpactAssessment | Response:
    """The assessment when it can still be changed; otherwise a redirect that says why."""
    assessment = assessments.assessment_of(version.id) or abort(404)
    if not stages.can_edit_assessment(version):
        flash(stages.ASSESSMENT_FIXED + ".", "error")
        return _to_assessment(version)
    return assessment


@bp.route(ASSESSMENT)
@access(OFFICER)
def assessment(policy_id: int, version_number: int) -> str:
    version = _version(policy_id, version_number)
    found = assessments.assessment_of(version.id)
    return render_template(
        "policies/manage/assessment.html",
        policy=version.policy,
        version=version,
        assessment=found,
        counts=assessments.comment_counts(found) if found else {},
        can_edit=stages.can_edit_assessment(version),
        complete=bool(found) and stages.assessment_complete(found),
    )


@bp.route(f"{ASSESSMENT}/start", methods=["POST"])
@access(OFFICER)
def start_assessment(policy_id: int, version_number: int) -> Response:
    version = _version(policy_id, version_number)
    try:
        _, copied_from = assessments.start_assessment(version)
    except VersionRefused as refused:
        db.session.rollback()
        flash(str(refused) + ".", "error")
        return _to_assessment(version)
    db.session.commit()
    if copied_from:
        flash(
            f"Started from version {copied_from}'s assessment. Bring each section up to date "
            "for this version.",
            "success",
        )
    return _to_assessment(version)


@bp.route(f"{ASSESSMENT}/conclusion", methods=["GET", "POST"])
@access(OFFICER)
def conclusion(policy_id: int, version_number: int) -> str | Response:
    version = _version(policy_id, version_number)
    found = _editable(version)
    if isinstance(found, Response):
        return found
    form = ConclusionForm(data={"text": found.conclusion} if request.method == "GET" else None)
    if form.validate_on_submit():
        assessments.save_conclusion(version, found, form.text.data)
        db.session.commit()
        flash("Conclusion saved.", "success")
        return _to_assessment(version, "conclusion")
    return render_template(
        "policies/manage/conclusion_form.html", form=form, policy=version.policy, version=version
    )


@bp.route(f"{ASSESSMENT}/<characteristic>", methods=["GET", "POST"])
@access(OFFICER)
def assess(policy_id: int, version_number: int, characteristic: str) -> str | Response:
    version = _version(policy_id, version_number)
    found = _editable(version)
    if isinstance(found, Response):
        return found
    section = assessments.section_of(found, characteristic) or abort(404)
    form = ImpactSectionForm(obj=section if request.method == "GET" else None)
    if form.validate_on_submit():
        assessments.save_section(
            version,
            section,
            impact=form.impact.data,
            evidence=form.evidence.data,
            mitigation=form.mitigation.data or "",
        )
        db.session.commit()
        flash(f"{section.label}: saved.", "success")
        return _to_assessment(version, f"section-{characteristic}")
    return render_template(
        "policies/manage/impact_form.html",
        form=form,
        policy=version.policy,
        version=version,
        section=section,
    )


@bp.route(f"{ASSESSMENT}/publish", methods=["POST"])
@access(OFFICER)
def publish_assessment(policy_id: int, version_number: int) -> Response:
    version = _version(policy_id, version_number)
    found = assessments.assessment_of(version.id) or abort(404)
    publish = request.form.get("publish") == "yes"
    try:
        assessments.set_published(version, found, publish)
    except VersionRefused as refused:
        db.session.rollback()
        flash(str(refused) + ".", "error")
        return _to_assessment(version)
    db.session.commit()
    flash(
        "The impact assessment is published."
        if publish
        else "The impact assessment is no longer published.",
        "success",
    )
    return _to_assessment(version)
