"""The recruitment blueprint: one parent for the stages, each a blueprint of its own with its
URLs (apply: /recruitment and /applications; manage: /admin/rounds; review: /review;
decide: /admin/decisions; report: /admin/round-reports). Endpoints are named
``recruitment.<stage>.<view>``."""

from __future__ import annotations

from flask import Blueprint

from engage.recruitment.apply import interview, routes, sections  # noqa: F401 - their views
from engage.recruitment.apply.pages import bp as apply_bp
from engage.recruitment.decide.routes import bp as decide_bp
from engage.recruitment.manage.routes import bp as manage_bp
from engage.recruitment.report.routes import bp as report_bp
from engage.recruitment.review.routes import bp as review_bp

bp = Blueprint("recruitment", __name__)
for stage_bp in (apply_bp, manage_bp, review_bp, decide_bp, report_bp):
    bp.register_blueprint(stage_bp)
