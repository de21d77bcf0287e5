"""Draft policies and their Equality Impact Assessments. Other packages use it through ``api``."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from engage.policies import audit_records
    from engage.policies.routes import bp

    app.register_blueprint(bp)
    audit_records.register(app)
