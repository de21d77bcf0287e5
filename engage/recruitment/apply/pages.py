"""The applicant's pages: the blueprint they share, the task list's sections in order, and
finding the round or application a page is for.

Application pages are under /applications/<reference>/ with the APPLICANT rule: only this
browser session (after Start or the emailed link) or the signed-in owner may open them."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.wrappers import Response

from engage.core.rate_limits import limit_posts
from engage.recruitment.access import SESSION_APPLICATIONS
from engage.recruitment.models import DRAFT, Application, RecruitmentRound
from engage.recruitment.services import get_application
from engage.recruitment.stages import is_open, round_state

bp = Blueprint("apply", __name__)

# Each task-list section: its page and template, in order (the panel choice has its own view
# and template; "panels" here is its second page, the preference order).
PAGES = {
    "about": ("recruitment.apply.about", "about.html"),
    "panels": ("recruitment.apply.panels", "panel_order.html"),
    "experience": ("recruitment.apply.experience", "experience.html"),
    "availability": ("recruitment.apply.availability", "availability.html"),
    "access": ("recruitment.apply.access_needs", "access_needs.html"),
    "monitoring": ("recruitment.apply.monitoring", "monitoring.html"),
}
SECTION_ENDPOINTS = {key: endpoint for key, (endpoint, _template) in PAGES.items()}
NEXT_PAGE = dict(
    zip(
        PAGES,
        [*list(SECTION_ENDPOINTS.values())[1:], "recruitment.apply.check_answers"],
        strict=True,
    )
)
REMEMBERED = 20  # references one browser session keeps

Page = str | Response | tuple[str, int]


def limit_emails():  # noqa: ANN201 - a Flask-Limiter decorator
    # These email an address someone typed: limit them like password resets.
    return limit_posts("RESET_RATE_LIMIT")


def remember(reference: str) -> None:
    """Let this browser session open the application (see access.APPLICANT)."""
    kept = [ref for ref in session.get(SESSION_APPLICATIONS, []) if ref != reference]
    session[SESSION_APPLICATIONS] = [*kept[-(REMEMBERED - 1) :], reference]
    session.permanent = True  # 8 hours, like a signed-in session


def application_or_404(reference: str) -> Application:
    application = get_application(reference)
    if application is None:
        abort(404)
    return application


def closed_page(
    round_: RecruitmentRound, status: int, application: Application | None = None
) -> Page:
    return (
        render_template(
            "recruitment/apply/round_closed.html",
            round=round_,
            state=round_state(round_),
            application=application,
        ),
        status,
    )


def not_editable(application: Application) -> Page | None:
    if application.status != DRAFT:
        return redirect(url_for("recruitment.apply.status", reference=application.reference))
    if not is_open(application.round):
        return closed_page(application.round, 409 if request.method == "POST" else 200, application)
    return None
