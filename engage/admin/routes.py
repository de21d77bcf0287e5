"""The staff home page, the audit log and the email delivery log (/admin). People, roles and
invitations are accounts' staff pages (engage/accounts/people_routes.py)."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from engage.admin import audit_view
from engage.admin.audit_rows import rows_html
from engage.admin.email_words import STATUS_FILTERS, purpose, status_words
from engage.core.access import ADMIN, OFFICER, access
from engage.core.email import demo_mailbox_enabled, outbox_statement, smtp_configured
from engage.core.pagination import paginate
from engage.core.secret_links import redact_secret_links

bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.add_app_template_global(rows_html, "audit_rows_html")

# The audit log grows for ever: count (and page through) this many events at most.
AUDIT_EVENTS_COUNTED = 10_000


@bp.route("/")
@access(OFFICER)
def index() -> str:
    return render_template("admin/index.html")


@bp.route("/audit-log")
@access(ADMIN)
def audit_log() -> str:
    form = audit_view.AuditFilterForm(request.args)
    valid = form.validate()
    page = paginate(
        audit_view.filtered_events(form, valid), per_page=25, count_up_to=AUDIT_EVENTS_COUNTED
    )
    filtered = any(request.args.get(name) for name in ("who", "what", "since", "until"))
    return render_template(
        "admin/audit_log.html",
        form=form,
        page=page,
        rows=audit_view.rows(page.items),
        filtered=filtered and valid,
        filters_wrong=filtered and not valid,
    )


@bp.route("/outbox")
@access(ADMIN)
def outbox() -> str:
    """The delivery log: that a message went, not what it said."""
    status = request.args.get("status") or None
    if status not in {value for value, _ in STATUS_FILTERS}:
        status = None
    page = paginate(outbox_statement(status))
    return render_template(
        "admin/outbox.html",
        page=page,
        status=status,
        status_filters=STATUS_FILTERS,
        smtp_configured=smtp_configured(),
        demo_mailbox=demo_mailbox_enabled(),
        purpose=purpose,
        status_words=status_words,
        redact=redact_secret_links,
    )
