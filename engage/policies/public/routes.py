"""Public pages: the draft policies whose "you said, we did" summary has been published, and
each summary (counts, changes and the officer's words; never a comment or a name); published
Equality Impact Assessments, filterable by strategy objective, and each assessment."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from engage.core.access import PUBLIC, access
from engage.core.pagination import paginate
from engage.policies import assessments, feedback, services
from engage.policies.public.forms import ObjectiveFilterForm
from engage.strategy.api import objective_choices

bp = Blueprint("public", __name__, url_prefix="/policies")


@bp.route("/what-the-panels-said")
@access(PUBLIC)
def index() -> str:
    return render_template(
        "policies/public/index.html", page=paginate(feedback.published_statement(), per_page=20)
    )


@bp.route("/<int:policy_id>/what-the-panels-said")
@access(PUBLIC)
def summary(policy_id: int) -> str:
    policy = services.get_policy(policy_id)
    if policy is None or policy.summary_published_at is None:
        abort(404)
    return render_template(
        "policies/public/summary.html", policy=policy, said_did=feedback.summary(policy)
    )


@bp.route("/equality-impact-assessments")
@access(PUBLIC)
def assessments_index() -> str:
    form = ObjectiveFilterForm(request.args)
    form.load_choices(objective_choices())
    objective = form.chosen()
    page = paginate(assessments.published_statement(objective), per_page=20)
    return render_template(
        "policies/public/assessments.html",
        form=form,
        objective=objective,
        page=page,
        rows=assessments.with_objectives(page.items),
    )


@bp.route("/equality-impact-assessments/<int:assessment_id>")
@access(PUBLIC)
def assessment(assessment_id: int) -> str:
    found = assessments.published_assessment(assessment_id) or abort(404)
    return render_template(
        "policies/public/assessment.html",
        assessment=found,
        version=found.version,
        policy=found.version.policy,
    )
