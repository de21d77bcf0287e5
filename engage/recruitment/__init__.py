"""Recruitment to the Equality Panels: rounds, applications, anonymised scoring, shortlists,
interviews, decisions, and the fairness report.

Split by stage, as its templates are: ``apply`` (residents), ``manage`` (officers setting up
a round), ``review`` (reviewers and moderation), ``decide`` (the lead officer) and ``report``
(the fairness report). Shared by the stages: ``models``, ``stages`` (statuses and every "is
open / can X" rule), ``access`` (who may use each page), ``services`` (finding rounds and
applications), ``interviews``, ``emails`` and ``resume_links``."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from engage.recruitment import hooks
    from engage.recruitment.routes import bp

    app.register_blueprint(bp)
    hooks.register(app)
