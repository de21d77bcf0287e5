"""What officers keep for every story: the stories' themes (the shared theme coding of
engage/core/themes.py, one codeframe for all stories) and the safeguarding phrases."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from engage.core import themes
from engage.core.access import OFFICER, access
from engage.core.db import db
from engage.core.pagination import paginate
from engage.core.theme_forms import add_theme_from, change_theme_from
from engage.stories import services, stages
from engage.stories.models import SafeguardingPhrase, Story
from engage.stories.triage import services as triage
from engage.stories.triage.blueprint import bp, is_safeguarding_officer
from engage.stories.triage.forms import ChangeThemeForm, ConfirmForm, PhraseForm, ThemeForm

PHRASES_PER_PAGE = 50


# Themes -------------------------------------------------------------------------------------------


@bp.route("/admin/stories/themes")
@access(OFFICER)
def themes_index() -> str:
    frame = triage.codeframe()
    visible = select(Story.id).where(services.visible_to(is_safeguarding_officer()))
    counts = themes.counts_by_theme(frame, stages.THEME_ITEM, visible)
    return render_template("stories/triage/themes.html", counts=counts)


def _theme_or_404(story_theme_id: int) -> tuple[themes.Codeframe, themes.Theme]:
    frame = triage.codeframe()
    theme = themes.get_theme(frame, story_theme_id)
    if frame is None or theme is None:
        abort(404)
    return frame, theme


@bp.route("/admin/stories/themes/new", methods=["GET", "POST"])
@access(OFFICER)
def new_theme() -> str | Response:
    form = ThemeForm()
    if form.validate_on_submit():
        frame = themes.codeframe_for(*stages.CODEFRAME_OWNER)  # made by the first theme
        if add_theme_from(form, frame):
            return redirect(url_for(".themes_index"))
    return render_template("stories/triage/theme_form.html", form=form, theme=None)


@bp.route("/admin/stories/themes/<int:story_theme_id>", methods=["GET", "POST"])
@access(OFFICER)
def edit_theme(story_theme_id: int) -> str | Response:
    frame, theme = _theme_or_404(story_theme_id)
    form = ChangeThemeForm.for_theme(theme, filled=request.method == "GET")
    if form.validate_on_submit() and change_theme_from(form, frame, theme):
        return redirect(url_for(".themes_index"))
    return render_template("stories/triage/theme_form.html", form=form, theme=theme)


# Safeguarding phrases -----------------------------------------------------------------------------


@bp.route("/admin/stories/safeguarding-phrases", methods=["GET", "POST"])
@access(OFFICER)
def phrases() -> str | Response:
    form = PhraseForm()
    if form.validate_on_submit():
        try:
            phrase = triage.add_phrase(form.phrase.data, current_user.id)
        except stages.StoryRefused as refused:
            db.session.rollback()
            form.phrase.errors.append(str(refused))
        else:
            db.session.commit()
            flash(f"\u201c{phrase.phrase}\u201d is added to the list.", "success")
            return redirect(url_for(".phrases"))
    page = paginate(triage.phrases_statement(), per_page=PHRASES_PER_PAGE)
    return render_template("stories/triage/phrases.html", form=form, page=page)


@bp.route(
    "/admin/stories/safeguarding-phrases/<int:safeguarding_phrase_id>/remove",
    methods=["GET", "POST"],
)
@access(OFFICER)
def remove_phrase(safeguarding_phrase_id: int) -> str | Response:
    phrase = db.session.get(SafeguardingPhrase, safeguarding_phrase_id) or abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        words = phrase.phrase
        triage.remove_phrase(phrase)
        db.session.commit()
        flash(f"\u201c{words}\u201d is taken off the list.", "success")
        return redirect(url_for(".phrases"))
    return render_template("stories/triage/remove_phrase.html", form=form, phrase=phrase)
