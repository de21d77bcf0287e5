from __future__ import annotations

from flask import Blueprint, render_template

from engage.core.access import PUBLIC, access
from engage.strategy.api import current_version, period_status

bp = Blueprint("pages", __name__)


@bp.route("/")
@access(PUBLIC)
def home() -> str:
    strategy = current_version()
    status = period_status(strategy) if strategy else None
    return render_template("pages/home.html", strategy=strategy, strategy_status=status)


@bp.route("/accessibility")
@access(PUBLIC)
def accessibility() -> str:
    return render_template("pages/accessibility.html")


@bp.route("/privacy")
@access(PUBLIC)
def privacy() -> str:
    return render_template("pages/privacy.html")


@bp.route("/cookies")
@access(PUBLIC)
def cookies() -> str:
    return render_template("pages/cookies.html")


@bp.route("/contact")
@access(PUBLIC)
def contact() -> str:
    return render_template("pages/contact.html")


@bp.route("/health")
@access(PUBLIC)
def health() -> tuple[dict[str, str], int]:
    """For load balancers: answers when the app is up (it does not touch the database)."""
    return {"status": "ok"}, 200
