from __future__ import annotations

from flask import Blueprint

bp = Blueprint("rounds", __name__, url_prefix="/admin/rounds")
