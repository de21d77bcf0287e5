"""Lived-experience stories: residents tell the authority what happened to them (or an
officer types in a story told by phone, on paper, at an event or through a support worker),
choosing how it may be used; officers triage, reply, code themes and record what changed;
stories that suggest someone is at risk go to the safeguarding officers; with consent and a
de-identification check, stories are published with the authority's response. Other
packages use it through ``api``."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from engage.stories import audit_records, monitoring_source
    from engage.stories.routes import bp
    from engage.stories.tell import manage as tell_manage

    app.register_blueprint(bp)
    audit_records.register(app)
    monitoring_source.register(app)
    tell_manage.register(app)  # "Your stories" on the account page
