"""Equality monitoring: the optional 2021 Census and Social Mobility Commission questions,
answers kept in their own table, disclosure control for anything published, and Census 2021
baselines to compare against.

- ``questions``: the questions as data (one source of truth)
- ``models``: ``MonitoringResponse``
- ``forms``: ``MonitoringForm`` (rendered by ``templates/monitoring/_questions.html``)
- ``services``: save, erase and count answers; audit views of aggregates
- ``disclosure``: ``publish_table``, which every published or exported table goes through
- ``census`` / ``census_files``: population counts and shares for the six local authorities
- ``comparison``: respondents beside the population, with the under-representation rule
- ``access``: the ``equality_data`` access rule

Other packages use it through ``api``.
"""

from __future__ import annotations

from typing import Any

from flask import Flask


def _totals(object_id: Any, details: dict[str, Any]) -> Any:
    from engage.core.audit_records import Described

    return Described("Equality monitoring totals")


def init_app(app: Flask) -> None:
    from engage.core.audit_records import describe_records
    from engage.monitoring.routes import bp

    app.register_blueprint(bp)
    describe_records(app, "equality_data", _totals)
