"""Public information pages: home, accessibility statement, privacy, cookies, contact."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from engage.pages.routes import bp

    app.register_blueprint(bp)
