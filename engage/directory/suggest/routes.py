"""Suggesting a new organisation for the directory (anyone signed in; an officer reviews it
before it is listed)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.core.access import SIGNED_IN, access
from engage.core.db import db
from engage.core.rate_limits import limit_posts
from engage.directory import suggestions
from engage.directory.suggest.forms import SuggestForm
from engage.reference.api import local_authorities

bp = Blueprint("suggest", __name__, url_prefix="/directory")


@bp.route("/suggest", methods=["GET", "POST"])
@access(SIGNED_IN)
@limit_posts("DIRECTORY_RATE_LIMIT")  # each suggestion reaches an officer
def new() -> str | Response:
    form = SuggestForm()
    form.load_areas([(a.code, a.name) for a in local_authorities()])
    if form.validate_on_submit():
        suggestions.suggest_organisation(
            current_user, form.values(), form.note.data or "", form.editor_role()
        )
        db.session.commit()
        flash(
            f"Thank you. An officer will check {form.name.data} before it is listed, and "
            "email you.",
            "success",
        )
        return redirect(url_for("directory.public.index"))
    return render_template("directory/suggest/new.html", form=form)
