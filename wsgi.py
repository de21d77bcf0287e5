"""Entry point for WSGI servers, e.g. ``gunicorn wsgi:app``."""

from engage import create_app

app = create_app()
