from __future__ import annotations

from flask import Blueprint

bp = Blueprint("round_reports", __name__, url_prefix="/admin/round-reports")
