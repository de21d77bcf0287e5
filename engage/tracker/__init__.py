"""Progress on the equality objectives: for each objective and priority of each strategy
version, the evidence every feature gathered (through each feature's ``api``), and the success
measures' yearly values; staff see everything, the public page what may be published."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from engage.tracker.routes import bp

    app.register_blueprint(bp)
