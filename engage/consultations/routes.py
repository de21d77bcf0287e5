"""The consultations blueprint: one parent for its stages, each a blueprint with its own URLs
(builder: /admin/consultations, for officers). Endpoints are named
``consultations.<stage>.<view>``."""

from __future__ import annotations

from flask import Blueprint

# Imported for the views they add to the answer and entry blueprints.
from engage.consultations.answer import pages as _answer_pages  # noqa: F401
from engage.consultations.answer import saving as _answer_saving  # noqa: F401
from engage.consultations.answer import support as _answer_support  # noqa: F401
from engage.consultations.answer.routes import bp as answer_bp

# Imported for the views it adds to the builder's blueprint.
from engage.consultations.builder import questions as _questions  # noqa: F401
from engage.consultations.builder.routes import bp as builder_bp

# Imported for the views it adds to the coding blueprint.
from engage.consultations.coding import answers as _coding_answers  # noqa: F401
from engage.consultations.coding.routes import bp as coding_bp
from engage.consultations.entry import requests as _entry_requests  # noqa: F401
from engage.consultations.entry.routes import bp as entry_bp
from engage.consultations.materials.routes import bp as materials_bp
from engage.consultations.materials.routes import public_bp as documents_bp
from engage.consultations.outcome.routes import bp as outcome_bp
from engage.consultations.outcome.routes import public_bp as outcome_public_bp
from engage.consultations.reach.routes import bp as reach_bp

# Imported for the views it adds to the results blueprint.
from engage.consultations.results import files as _results_files  # noqa: F401
from engage.consultations.results.routes import bp as results_bp

bp = Blueprint("consultations", __name__)
STAGES = (
    builder_bp,
    materials_bp,
    documents_bp,
    reach_bp,
    coding_bp,
    answer_bp,
    entry_bp,
    results_bp,
    outcome_bp,
    outcome_public_bp,
)
for stage_bp in STAGES:
    bp.register_blueprint(stage_bp)
