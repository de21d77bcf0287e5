from __future__ import annotations

from flask import Blueprint

bp = Blueprint("apply", __name__)
