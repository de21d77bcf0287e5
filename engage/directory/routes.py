"""The directory blueprint: one parent for its stages, each a blueprint with its own URLs.
Public: the directory (/directory) and its Open Referral UK API (/api/oruk); organisations'
editors: claims, their entries, services and venues (/directory/your-organisations) and
suggesting a new organisation; commissioning opportunities (/directory/opportunities, and
/admin/directory/opportunities for officers); officers reviewing (/admin/directory) and
managing an entry's editors (/admin/directory/organisations/<id>/editors) and
importing an Open Referral UK file (/admin/directory/import). Endpoints are named
``directory.<stage>.<view>``."""

from __future__ import annotations

from flask import Blueprint

from engage.directory.edit.routes import bp as edit_bp
from engage.directory.edit.service_routes import bp as services_edit_bp
from engage.directory.importing.routes import bp as import_bp
from engage.directory.opportunities.manage import bp as opportunities_admin_bp
from engage.directory.opportunities.public import bp as opportunities_bp
from engage.directory.oruk.routes import bp as oruk_bp
from engage.directory.public.routes import bp as public_bp
from engage.directory.review.editors import bp as editors_bp
from engage.directory.review.routes import bp as review_bp
from engage.directory.suggest.routes import bp as suggest_bp

bp = Blueprint("directory", __name__)
for stage_bp in (
    public_bp,
    oruk_bp,
    edit_bp,
    services_edit_bp,
    suggest_bp,
    opportunities_bp,
    opportunities_admin_bp,
    review_bp,
    editors_bp,
    import_bp,
):
    bp.register_blueprint(stage_bp)
