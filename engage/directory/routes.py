"""The directory blueprint: one parent for its stages, each a blueprint with its own URLs
(public: /directory; edit, for organisations' editors: /directory/your-organisations and
claims; review, for officers: /admin/directory). Endpoints are named
``directory.<stage>.<view>``."""

from __future__ import annotations

from flask import Blueprint

from engage.directory.edit.routes import bp as edit_bp
from engage.directory.public.routes import bp as public_bp
from engage.directory.review.routes import bp as review_bp

bp = Blueprint("directory", __name__)
for stage_bp in (public_bp, edit_bp, review_bp):
    bp.register_blueprint(stage_bp)
