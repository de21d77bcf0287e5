"""Staff administration: the staff home page, the audit log in words, the email delivery log,
and the local demo's mailbox. People, roles and invitations are accounts' own staff pages."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from engage.admin.mailbox_routes import bp as mailbox_bp
    from engage.admin.routes import bp

    app.register_blueprint(bp)
    app.register_blueprint(mailbox_bp)
