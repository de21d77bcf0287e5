"""Download my data (issue 15): signed in, from "Your account"; without an account, by a
reference and the email address given with it. Either way a link is emailed (its URL
argument is ``token``, so staff views hide it) that opens a page of everything held about
the person and a JSON file of the same, generated when opened."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Flask, Response, redirect, render_template, url_for
from flask_login import current_user

from engage.accounts.api import AccountSection, add_account_section
from engage.core.access import PUBLIC, SIGNED_IN, access
from engage.core.db import db
from engage.core.personal_data import as_json
from engage.core.rate_limits import limit_posts
from engage.rights.download import services
from engage.rights.download.forms import AccountLinkForm, ReferenceLinkForm
from engage.rights.download.showing import shown

bp = Blueprint("download", __name__)


@bp.route("/account/your-data", methods=["GET", "POST"])
@access(SIGNED_IN)
@limit_posts("DATA_DOWNLOAD_RATE_LIMIT")  # each one sends an email
def start() -> str | Response:
    form = AccountLinkForm()
    if form.validate_on_submit():
        services.send_account_link(current_user)
        db.session.commit()
        return redirect(url_for("rights.download.sent"))
    return render_template("rights/download/start.html", form=form, hours=services.link_hours())


@bp.route("/account/your-data/sent")
@access(SIGNED_IN)
def sent() -> str:
    return render_template("rights/download/sent.html", hours=services.link_hours())


@bp.route("/your-data", methods=["GET", "POST"])
@access(PUBLIC)
@limit_posts("DATA_DOWNLOAD_RATE_LIMIT")  # each one may send an email
def by_reference() -> str:
    form = ReferenceLinkForm()
    if form.validate_on_submit():
        services.send_reference_link(form.reference.data, form.email.data)
        db.session.commit()
        # The same words whether or not they matched: nobody learns which references exist.
        return render_template(
            "rights/download/reference_sent.html",
            email=form.email.data,
            hours=services.link_hours(),
        )
    return render_template("rights/download/by_reference.html", form=form)


def _opened(token: str) -> services.OpenedLink | str:
    try:
        return services.open_link(token, current_user)
    except services.LinkExpired:
        problem = "expired"
    except services.LinkInvalid:
        problem = "invalid"
    except services.OtherAccount:
        problem = "other_account"
    return render_template(
        "rights/download/link_problem.html", problem=problem, hours=services.link_hours()
    )


@bp.route("/your-data/<token>")
@access(PUBLIC)  # the link is the proof; an account's link also needs that account signed in
def view(token: str) -> str:
    opened = _opened(token)
    if isinstance(opened, str):
        return opened
    found = services.gather(opened.subject)
    services.record_opened(opened, "page")
    db.session.commit()
    return render_template(
        "rights/download/your_data.html",
        sections=found,
        opened=opened,
        token=token,
        shown=shown,
        generated_at=services.generated_at(),
    )


@bp.route("/your-data/<token>/your-data.json")
@access(PUBLIC)
def download_json(token: str) -> str | Response:
    opened = _opened(token)
    if isinstance(opened, str):
        return opened
    found = services.gather(opened.subject)
    services.record_opened(opened, "json")
    db.session.commit()
    now = services.generated_at()
    body = {
        "generated_at": now.isoformat(),
        "about": {"account": opened.subject.user_id, "reference": opened.subject.reference},
        "sections": as_json(found),
    }
    return Response(
        json.dumps(body, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="your-data-{now:%Y-%m-%d}.json"',
            "Cache-Control": "no-store",
        },
    )


def _account_section(user: Any) -> dict[str, Any]:
    return {}


def register(app: Flask) -> None:
    """Add "Your data" to "Your account"."""
    add_account_section(
        app, AccountSection("rights/download/_account_section.html", _account_section)
    )
