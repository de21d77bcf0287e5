"""(being built)"""

from flask import Blueprint

bp = Blueprint("triage", __name__)
