"""The directory blueprint: one parent for its stages, each a blueprint with its own URLs
(public: /directory). Endpoints are named ``directory.<stage>.<view>``."""

from __future__ import annotations

from flask import Blueprint

from engage.directory.public.routes import bp as public_bp

bp = Blueprint("directory", __name__)
bp.register_blueprint(public_bp)
