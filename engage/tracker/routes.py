"""The staff tracker (every strategy version, everything each feature gathered) and the
public progress page (the current version, only what may be published). Each page makes a
fixed number of queries: the strategy in one, each feature one to three for all priorities."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from engage.core.access import OFFICER, PUBLIC, access
from engage.core.db import db
from engage.directory.api import organisations_by_community
from engage.monitoring.api import THRESHOLD
from engage.strategy.api import priority_outline, strategy_outline, strategy_versions
from engage.tracker import services
from engage.tracker.markup import priority_rows_html

bp = Blueprint("tracker", __name__)
bp.add_app_template_global(priority_rows_html, "tracker_priority_rows")


@bp.route("/admin/progress")
@access(OFFICER)
def overview() -> str:
    """Counts per priority for one version (the current one unless another is chosen)."""
    strategy = strategy_outline(request.args.get("strategy", type=int)) or abort(404)
    page = render_template(
        "tracker/overview.html",
        strategy=strategy,
        versions=strategy_versions(),
        evidence=services.gather(services.priority_ids(strategy), detail=False),
        features=services.FEATURE_NAMES,
        head=["Priority", *({"text": name, "numeric": True} for name in services.FEATURE_NAMES)],
        communities=organisations_by_community(),
    )
    db.session.commit()  # the kept counts of organisations per community
    return page


@bp.route("/admin/progress/priorities/<int:priority_id>")
@access(OFFICER)
def priority(priority_id: int) -> str:
    found = priority_outline(priority_id) or abort(404)
    objective = found.objective
    return render_template(
        "tracker/priority.html",
        priority=found,
        objective=objective,
        strategy=objective.strategy,
        evidence=services.gather([found.id])[found.id],
        features=services.FEATURE_NAMES,
    )


@bp.route("/progress")
@access(PUBLIC)
def public() -> str:
    strategy = strategy_outline() or abort(404)
    evidence = services.gather(services.priority_ids(strategy), public_only=True)
    page = render_template(
        "tracker/public.html",
        strategy=strategy,
        items={key: services.public_items(found) for key, found in evidence.items()},
        communities=organisations_by_community(),
        threshold=THRESHOLD,
    )
    db.session.commit()  # the kept counts of organisations per community
    return page
