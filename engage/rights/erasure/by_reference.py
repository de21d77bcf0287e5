"""Asking for erasure without an account: enter the reference of a story or a panel
application and the email address given with it; a link is emailed to the address on the
record (the same words on the page whether or not they matched); opening it shows what would
be deleted and kept, and asking from there makes a request staff handle like any other."""

from __future__ import annotations

from flask import render_template
from werkzeug.wrappers import Response

from engage.core.access import PUBLIC, access
from engage.core.db import db
from engage.core.rate_limits import limit_posts
from engage.rights.erasure import links, services
from engage.rights.erasure.blueprint import bp
from engage.rights.erasure.forms import AskForm, ReferenceForm


@bp.route("/delete-your-data", methods=["GET", "POST"])
@access(PUBLIC)
@limit_posts("ERASURE_RATE_LIMIT")  # each one may send an email
def by_reference() -> str:
    form = ReferenceForm()
    if form.validate_on_submit():
        links.send_link(form.reference.data, form.email.data)
        db.session.commit()
        return render_template(
            "rights/erasure/link_sent.html", email=form.email.data, hours=links.link_hours()
        )
    return render_template("rights/erasure/by_reference.html", form=form)


@bp.route("/delete-your-data/<token>", methods=["GET", "POST"])
@access(PUBLIC)
@limit_posts("ERASURE_RATE_LIMIT")
def by_link(token: str) -> str | Response:
    try:
        opened = links.open_link(token)
    except links.LinkExpired:
        problem = "expired"
    except links.LinkInvalid:
        problem = "invalid"
    else:
        form = AskForm()
        waiting = services.waiting_request_by_reference(opened.reference)
        if waiting is None and form.validate_on_submit():
            waiting = services.ask_by_reference(opened.reference, opened.email)
            db.session.commit()
            return render_template("rights/erasure/asked_by_reference.html", waiting=waiting)
        return render_template(
            "rights/erasure/ask_by_reference.html",
            form=form,
            waiting=waiting,
            plan=services.plan_for(opened.subject),
            reference=opened.reference,
        )
    return render_template(
        "rights/erasure/link_problem.html", problem=problem, hours=links.link_hours()
    )
