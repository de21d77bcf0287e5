"""The stories blueprint: one parent for its stages, each a blueprint with its own URLs
(tell: /tell-us, for residents; triage: /admin/stories, for officers; publish: the public
/stories pages and the officers' publishing step; reports: /admin/stories/reports).
Endpoints are named ``stories.<stage>.<view>``."""

from __future__ import annotations

from flask import Blueprint

from engage.stories.publish.routes import bp as publish_bp
from engage.stories.reports.routes import bp as reports_bp
from engage.stories.tell.routes import bp as tell_bp
from engage.stories.triage.routes import bp as triage_bp

bp = Blueprint("stories", __name__)
for stage in (tell_bp, triage_bp, publish_bp, reports_bp):
    bp.register_blueprint(stage)
