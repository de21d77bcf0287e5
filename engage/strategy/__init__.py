"""The Equality Strategy: versioned objectives and priorities that everything is tagged to.
Other packages use it through ``api``."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from engage.strategy import audit_records
    from engage.strategy.routes import bp

    app.register_blueprint(bp)
    audit_records.register(app)
