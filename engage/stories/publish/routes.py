"""(being built)"""

from flask import Blueprint

bp = Blueprint("publish", __name__)
