"""The tell stage's blueprint, on its own so that its view modules (routes.py, manage.py,
officer.py) can each add views to it without importing one another in a circle."""

from flask import Blueprint

bp = Blueprint("tell", __name__)
