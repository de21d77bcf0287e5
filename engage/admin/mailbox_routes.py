"""The local demo's mailbox: the emails the demo would have sent, links included.

Only in development settings with no SMTP server (``DEMO_MAILBOX``); 404 anywhere else."""

from __future__ import annotations

import re

from flask import Blueprint, abort, current_app, render_template

from engage.admin.access import DEMO_MAILBOX
from engage.admin.email_words import purpose
from engage.core.access import access
from engage.core.email import get_message, outbox_statement
from engage.core.pagination import paginate

bp = Blueprint("mailbox", __name__, url_prefix="/demo-mailbox")


@bp.route("/")
@access(DEMO_MAILBOX)
def index() -> str:
    page = paginate(outbox_statement())
    return render_template("admin/mailbox.html", page=page, purpose=purpose)


@bp.route("/<int:message_id>")
@access(DEMO_MAILBOX)
def message(message_id: int) -> str:
    message = get_message(message_id) or abort(404)
    return render_template(
        "admin/mailbox_message.html",
        message=message,
        purpose=purpose,
        links=own_links(message.body),
    )


def own_links(body: str | None) -> list[str]:
    """Links in the message to this site only, to open with one click. The text around them
    may have been typed by anyone, so nothing else is made into a link."""
    base = current_app.config["BASE_URL"].rstrip("/")
    found = re.findall(re.escape(base) + r"/[^\s<>\"']*", body or "")
    return list(dict.fromkeys(found))
