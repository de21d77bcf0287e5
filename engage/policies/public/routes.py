"""Public pages: the draft policies whose "you said, we did" summary has been published, and
each summary (counts, changes and the officer's words; never a comment or a name)."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from engage.core.access import PUBLIC, access
from engage.core.pagination import paginate
from engage.policies import feedback, services

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
