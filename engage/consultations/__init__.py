"""Consultations (Citizen's Voice): officers build a consultation (its details, pages of
questions and the routes between pages), preview it, open and close it. Other packages use it
through ``api``."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from engage.consultations import audit_records, monitoring_source
    from engage.consultations.routes import bp

    app.register_blueprint(bp)
    audit_records.register(app)
    monitoring_source.register(app)
