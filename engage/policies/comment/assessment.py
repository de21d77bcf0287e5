"""Members reading a version's Equality Impact Assessment, with a "Comment on the impact
assessment for disability" link on every section while the draft is open (a view of the
comment blueprint)."""

from __future__ import annotations

from flask import abort, render_template
from flask_login import current_user

from engage.core.access import access
from engage.core.dates import uk_today
from engage.policies import assessments, comments, services, stages
from engage.policies.access import DRAFT_READER
from engage.policies.comment.routes import VERSION, bp


@bp.route(f"{VERSION}/impact-assessment")
@access(DRAFT_READER)
def assessment(policy_id: int, version_number: int) -> str:
    version = services.get_version(policy_id, version_number) or abort(404)
    found = assessments.assessment_of(version.id) or abort(404)
    return render_template(
        "policies/comment/assessment.html",
        policy=version.policy,
        version=version,
        assessment=found,
        counts=assessments.comment_counts(found),
        is_open=stages.is_open_for_comments(version, uk_today())
        and comments.may_comment(current_user, version),
    )
