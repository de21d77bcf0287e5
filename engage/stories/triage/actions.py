"""The officers' actions on one story, each a small form page that posts to itself: assign,
move, reply, themes, priorities, what changed, and the safeguarding flag. A GET of any of
them on a safeguarding story is an audited view; every action is audited by its service.
Refusals (stages.py) go back to the story's page with the message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.accounts.api import get_user
from engage.core import themes
from engage.core.access import OFFICER, access
from engage.core.db import db
from engage.core.errors import refused_go_to
from engage.stories import stages
from engage.stories.models import Story
from engage.stories.triage import services as triage
from engage.stories.triage.blueprint import bp, is_safeguarding_officer, officer_story
from engage.stories.triage.forms import (
    AssignForm,
    ChangeForm,
    FlagForm,
    MoveForm,
    PrioritiesForm,
    ReplyForm,
    ThemesForm,
)


def _story_url(story: Story, anchor: str | None = None) -> str:
    return url_for("stories.triage.story", story_id=story.id, _anchor=anchor)


def _page(template: str, story: Story, form: Any, **context: Any) -> str:
    db.session.commit()  # the audit event of a safeguarding story's view
    return render_template(
        f"stories/triage/{template}.html", story=story, form=form, stages=stages, **context
    )


def _open(story_id: int, page: str, method_is_get: bool) -> Story:
    """The story for an action page: refused (back to the story) when withdrawn."""
    story = officer_story(story_id, page if method_is_get else None)
    if page != "flag":
        with refused_go_to(_story_url(story)):
            stages.check_can_change(story)
    return story


def _is_get(form: Any) -> bool:
    return not form.is_submitted()


def _act(
    story: Story, action: Callable[[], Any], message: str | Callable[[Any], str],
    anchor: str | None = None,
) -> Response:  # fmt: skip
    """Does ``action`` (a refusal goes back to the story with its reason), commits, says
    what happened (``message``, or ``message(result)``) and goes back to the story."""
    with refused_go_to(_story_url(story)):
        result = action()
    db.session.commit()
    flash(message(result) if callable(message) else message, "success")
    return redirect(_story_url(story, anchor))


@bp.route("/admin/stories/<int:story_id>/assign", methods=["GET", "POST"])
@access(OFFICER)
def assign(story_id: int) -> str | Response:
    form = AssignForm()
    story = _open(story_id, "assign", _is_get(form))
    people = triage.officers()
    if story.safeguarding:
        allowed = triage.safeguarding_officer_ids()
        people = [person for person in people if person.id in allowed]
    form.load_choices([(person.id, person.full_name) for person in people])
    if _is_get(form):
        form.assignee.data = str(story.assigned_to_id or "")
    if form.validate_on_submit():
        assignee = get_user(form.assignee_id()) if form.assignee_id() else None
        said = f"Assigned to {assignee.full_name}." if assignee else "Assigned to nobody."
        return _act(story, lambda: triage.assign(story, assignee), said)
    return _page("assign", story, form, me=current_user.id)


@bp.route("/admin/stories/<int:story_id>/status", methods=["GET", "POST"])
@access(OFFICER)
def move(story_id: int) -> str | Response:
    form = MoveForm()
    story = _open(story_id, "status", _is_get(form))
    form.load_choices(story.status)
    if form.validate_on_submit():
        wanted = stages.StoryStatus(form.status.data)
        said = f"The story is now {stages.STATUS_LABELS[wanted].lower()}."
        return _act(story, lambda: triage.move(story, wanted), said)
    return _page("move", story, form)


@bp.route("/admin/stories/<int:story_id>/reply", methods=["GET", "POST"])
@access(OFFICER)
def reply(story_id: int) -> str | Response:
    form = ReplyForm()
    story = _open(story_id, "reply", _is_get(form))
    with refused_go_to(_story_url(story)):
        stages.check_reply(story)
    if form.validate_on_submit():
        triage.reply(story, form.text.data, current_user.id)
        db.session.commit()
        flash(f"Your reply is emailed to {story.email} and kept with the story.", "success")
        return redirect(_story_url(story, "replies"))
    return _page("reply", story, form)


@bp.route("/admin/stories/<int:story_id>/themes", methods=["GET", "POST"])
@access(OFFICER)
def code(story_id: int) -> str | Response:
    form = ThemesForm()
    story = _open(story_id, "themes", _is_get(form))
    frame = triage.codeframe()
    form.load_choices(triage.theme_choices(frame))
    if _is_get(form):
        form.themes.data = themes.coding_for(frame, stages.THEME_ITEM, [story.id])[
            story.id
        ].theme_ids
    if form.validate_on_submit():
        return _act(
            story,
            lambda: triage.code_themes(story, form.themes.data or [], current_user.id),
            lambda changed: "The themes are saved." if changed else "The themes are unchanged.",
            "themes",
        )
    return _page("code", story, form)


@bp.route("/admin/stories/<int:story_id>/priorities", methods=["GET", "POST"])
@access(OFFICER)
def priorities(story_id: int) -> str | Response:
    form = PrioritiesForm()
    story = _open(story_id, "priorities", _is_get(form))
    if _is_get(form):
        form.priorities.data = [priority.id for priority in story.priorities]
    form.priorities.load_choices(keep=list(story.priorities))
    if form.validate_on_submit():
        tagged = form.priorities.data or []
        return _act(story, lambda: triage.tag_priorities(story, tagged),
                    "The strategy priorities are saved.", "themes")  # fmt: skip
    return _page("priorities", story, form)


@bp.route("/admin/stories/<int:story_id>/change", methods=["GET", "POST"])
@access(OFFICER)
def change(story_id: int) -> str | Response:
    form = ChangeForm()
    story = _open(story_id, "change", _is_get(form))
    if _is_get(form):
        form.change.data = story.change
        form.description.data = story.change_description
    if form.validate_on_submit():
        marker = stages.ChangeMarker(form.change.data)
        description = form.description.data or ""
        return _act(story, lambda: triage.record_change(story, marker, description),
                    f"Saved: {stages.CHANGE_LABELS[marker].lower()}.", "change")  # fmt: skip
    return _page("change", story, form)


@bp.route("/admin/stories/<int:story_id>/safeguarding", methods=["GET", "POST"])
@access(OFFICER)
def flag(story_id: int) -> str | Response:
    form = FlagForm()
    story = _open(story_id, "flag", _is_get(form))
    with refused_go_to(_story_url(story)):
        stages.check_can_flag(story)
    if form.validate_on_submit():
        triage.flag(story, form.reason.data, current_user.id)
        db.session.commit()
        if is_safeguarding_officer():
            flash(f"Story {story.reference} is flagged for safeguarding, and the "
                  "safeguarding officers have been emailed.", "success")  # fmt: skip
            return redirect(_story_url(story))
        flash(f"Story {story.reference} is flagged for safeguarding, and the safeguarding "
              "officers have been emailed. You no longer see it, because only safeguarding "
              "officers can.", "success")  # fmt: skip
        return redirect(url_for("stories.triage.queue"))
    return _page("flag", story, form)
