"""Officers' pages for draft policies: the list, a policy and its versions, adding a version
(pasted or from a Word document), reading a version, and comparing two versions."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.core.access import OFFICER, access
from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.pagination import paginate
from engage.policies import assessments, formats, services, stages
from engage.policies.compare import ADDED, CHANGED, REMOVED
from engage.policies.document_text import number_blocks
from engage.policies.manage.forms import PolicyForm, VersionForm
from engage.policies.models import Policy, PolicyVersion
from engage.policies.stages import VersionRefused

bp = Blueprint("manage", __name__, url_prefix="/admin/policies")


def _policy(policy_id: int) -> Policy:
    return services.get_policy(policy_id) or abort(404)


def _version(policy_id: int, number: int) -> PolicyVersion:
    return services.get_version(policy_id, number) or abort(404)


def _details(form: PolicyForm) -> services.PolicyDetails:
    return services.PolicyDetails(
        title=form.title.data,
        summary=form.summary.data or "",
        owner=form.owner.data,
        priority_ids=form.priorities.data or [],
    )


@bp.route("/")
@access(OFFICER)
def index() -> str:
    return render_template(
        "policies/manage/index.html", page=paginate(services.policy_list_statement())
    )


@bp.route("/new", methods=["GET", "POST"])
@access(OFFICER)
def new() -> str | Response:
    form = PolicyForm()
    form.load_choices(keep=[])
    if form.validate_on_submit():
        policy = services.create_policy(_details(form), current_user)
        db.session.commit()
        flash(f"Policy created: {policy.title}. Now add its text as version 1.", "success")
        return redirect(url_for("policies.manage.new_version", policy_id=policy.id))
    return render_template("policies/manage/policy_form.html", form=form, policy=None)


@bp.route("/<int:policy_id>")
@access(OFFICER)
def show(policy_id: int) -> str:
    policy = _policy(policy_id)
    versions = services.versions_of(policy_id)
    return render_template(
        "policies/manage/show.html",
        policy=policy,
        versions=versions,
        latest=versions[-1] if versions else None,
    )


@bp.route("/<int:policy_id>/edit", methods=["GET", "POST"])
@access(OFFICER)
def edit(policy_id: int) -> str | Response:
    policy = _policy(policy_id)
    form = PolicyForm(obj=policy)
    if not form.is_submitted():
        form.priorities.data = [p.id for p in policy.priorities]
    form.load_choices(keep=list(policy.priorities))
    if form.validate_on_submit():
        services.update_policy(policy, _details(form))
        db.session.commit()
        flash("Policy details saved.", "success")
        return redirect(url_for("policies.manage.show", policy_id=policy.id))
    return render_template("policies/manage/policy_form.html", form=form, policy=policy)


@bp.route("/<int:policy_id>/versions/new", methods=["GET", "POST"])
@access(OFFICER)
def new_version(policy_id: int) -> str | Response:
    policy = _policy(policy_id)
    number = stages.next_version_number(services.latest_number(policy_id))
    form = VersionForm()
    if form.validate_on_submit():
        try:
            version = services.add_version(
                policy,
                number_blocks(form.blocks),
                change_note=form.change_note.data or "",
                source=stages.DOCX if form.filename else stages.PASTED,
                filename=form.filename,
                created_by=current_user,
            )
        except VersionRefused as refused:
            db.session.rollback()
            flash(str(refused), "error")
            return redirect(url_for("policies.manage.show", policy_id=policy_id))
        db.session.commit()
        flash(
            f"Version {version.number} saved: {version.paragraph_count} headings and "
            "paragraphs. Check that they have been split as you expected.",
            "success",
        )
        return redirect(
            url_for("policies.manage.version", policy_id=policy_id, version_number=version.number)
        )
    return render_template(
        "policies/manage/version_form.html", form=form, policy=policy, number=number
    )


@bp.route("/<int:policy_id>/versions/<int:version_number>")
@access(OFFICER)
def version(policy_id: int, version_number: int) -> str:
    policy = _policy(policy_id)
    found = services.get_version(policy_id, version_number, with_panels=True) or abort(404)
    latest = services.latest_number(policy_id)
    return render_template(
        "policies/manage/version.html",
        policy=policy,
        version=found,
        paragraphs=services.paragraphs_of(found.id),
        latest=latest,
        can_delete=stages.can_delete_version(found, latest or 0),
        can_open=stages.can_open(found, latest or 0),
        state=stages.version_state(found, uk_today()),
        state_labels=stages.STATE_LABELS,
        documents=formats.documents_of(found.id),
        requests=formats.requests_of(found.id),
        has_assessment=assessments.has_assessment(found.id),
    )


@bp.route("/<int:policy_id>/versions/<int:version_number>/delete", methods=["GET", "POST"])
@access(OFFICER)
def delete_version(policy_id: int, version_number: int) -> str | Response:
    policy = _policy(policy_id)
    found = _version(policy_id, version_number)
    if request.method == "POST":
        try:
            services.delete_version(found)
        except VersionRefused as refused:
            db.session.rollback()
            flash(str(refused), "error")
            return redirect(
                url_for(
                    "policies.manage.version", policy_id=policy_id, version_number=version_number
                )
            )
        db.session.commit()
        flash(f"Version {version_number} deleted.", "success")
        return redirect(url_for("policies.manage.show", policy_id=policy_id))
    latest = services.latest_number(policy_id) or 0
    return render_template(
        "policies/manage/delete_version.html",
        policy=policy,
        version=found,
        refused=stages.delete_problem(found, latest),
    )


@bp.route("/<int:policy_id>/compare")
@access(OFFICER)
def compare(policy_id: int) -> str | Response:
    policy = _policy(policy_id)
    versions = services.versions_of(policy_id)
    numbers = [v.number for v in versions]
    old = request.args.get("old", type=int)
    new = request.args.get("new", type=int)
    if len(numbers) < 2:
        flash("A policy needs two versions before they can be compared.", "error")
        return redirect(url_for("policies.manage.show", policy_id=policy_id))
    if old not in numbers or new not in numbers:
        old, new = numbers[-2], numbers[-1]
    only_changes = request.args.get("show") == "changes"
    problem = stages.SAME_VERSION if old == new else None
    comparison = None if problem else services.compare(policy_id, old, new)
    return render_template(
        "policies/manage/compare.html",
        policy=policy,
        versions=versions,
        old=old,
        new=new,
        problem=problem,
        comparison=comparison,
        only_changes=only_changes,
        statuses={CHANGED: "Changed", ADDED: "Added", REMOVED: "Removed"},
    )
