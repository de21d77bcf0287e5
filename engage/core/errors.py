"""Styled error pages, and the one way every feature says "you cannot do that now".

``Refused`` is raised by a feature's rules (its ``stages.py``) and services when an action is
not allowed in the record's current state: "The criteria cannot be changed because people have
started applying". The message is for the person, in words, without a full stop. A view need
not catch it: the error path rolls the transaction back, and
- after a form is posted, shows the message at the top of the page it goes back to (``back_to``,
  or the same address);
- on a page that cannot be shown now, shows the message on a page of its own (409).
A view catches it only to show the message beside a form field instead."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, flash, redirect, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from engage.core.db import db


class Refused(Exception):
    """This action is not allowed now; ``str(error)`` says why, for the person."""

    def __init__(self, message: str, *, back_to: str | None = None) -> None:
        super().__init__(message)
        self.back_to = back_to


@contextmanager
def refused_go_to(url: str) -> Iterator[None]:
    """A refusal raised inside goes back to ``url`` (the page where the person can see why)."""
    try:
        yield
    except Refused as refused:
        refused.back_to = refused.back_to or url
        raise


PAGES = {
    400: "errors/400.html",
    403: "errors/403.html",
    404: "errors/404.html",
    405: "errors/404.html",
    413: "errors/413.html",
    429: "errors/429.html",
    500: "errors/500.html",
}


def init_error_pages(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        return render_template("errors/csrf.html"), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int] | HTTPException:
        code = error.code or 500
        template = PAGES.get(code)
        if template is None:
            return error
        return render_template(template, error=error), code

    @app.errorhandler(Refused)
    def refused(error: Refused) -> Response | tuple[str, int]:
        db.session.rollback()
        if error.back_to or request.method != "GET":
            flash(f"{error}.", "important")
            return redirect(error.back_to or request.url)
        return render_template("errors/refused.html", message=str(error)), 409

    @app.errorhandler(500)
    def server_error(error: Exception) -> tuple[str, int]:
        db.session.rollback()
        return render_template("errors/500.html"), 500
