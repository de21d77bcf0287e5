from __future__ import annotations

from flask import Blueprint

bp = Blueprint("decisions", __name__, url_prefix="/admin/decisions")
