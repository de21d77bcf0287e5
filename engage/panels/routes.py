from __future__ import annotations

from flask import Blueprint

bp = Blueprint("panels", __name__)
