"""(being built)"""

from flask import Blueprint

bp = Blueprint("tell", __name__)
