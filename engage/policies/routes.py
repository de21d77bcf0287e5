"""The policies blueprint: one parent for its two stages, each a blueprint with its own URLs
(manage: /admin/policies, for officers; comment: /policies, for panel members; public: the
published summaries under /policies). Endpoints are named ``policies.<stage>.<view>``."""

from __future__ import annotations

from flask import Blueprint

# Imported for the views they add to the stages' blueprints.
from engage.policies.comment import assessment as _comment_assessment  # noqa: F401
from engage.policies.comment import support as _comment_support  # noqa: F401
from engage.policies.comment.routes import bp as comment_bp
from engage.policies.manage import answers as _answers  # noqa: F401
from engage.policies.manage import assessment as _manage_assessment  # noqa: F401
from engage.policies.manage import support as _manage_support  # noqa: F401
from engage.policies.manage.routes import bp as manage_bp
from engage.policies.paragraph_html import compared_html, paragraphs_html
from engage.policies.public.routes import bp as public_bp

bp = Blueprint("policies", __name__)
# The draft page and the officers' version page draw a version's text with it, and the
# comparison page two versions compared.
bp.add_app_template_global(paragraphs_html)
bp.add_app_template_global(compared_html)
for stage_bp in (manage_bp, comment_bp, public_bp):
    bp.register_blueprint(stage_bp)
