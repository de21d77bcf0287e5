"""Publishing stories: the officer's de-identification check, preview and publish, taking a
story down, and the public pages of stories (/stories) with their share that led to a
change. A safeguarding story is a 404 to anyone without the safeguarding role, and is never
published; each attempt on one is audited."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.core.access import OFFICER, PUBLIC, access
from engage.core.audit import record_event
from engage.core.db import db
from engage.core.errors import refused_go_to
from engage.core.pagination import paginate
from engage.reference.api import local_authorities
from engage.stories import services, stages
from engage.stories.models import Story
from engage.stories.publish import services as publishing
from engage.stories.publish.forms import ConfirmForm, PublishForm, StoriesFilterForm
from engage.strategy.api import objective_choices

bp = Blueprint("publish", __name__)

PER_PAGE = 20
TELL_ENDPOINT = "stories.tell.start"
PREVIEW, PUBLISH, CHANGE = "preview", "publish", "change"


def _area_names() -> dict[str, str]:
    return {authority.code: authority.name for authority in local_authorities()}


def story_url(story_id: int) -> str:
    """The officers' page of the story (built by triage); its address when not there yet."""
    if "stories.triage.story" in current_app.view_functions:
        return url_for("stories.triage.story", story_id=story_id)
    return f"/admin/stories/{story_id}"


def _tell_url() -> str:
    """Where a resident tells us a story, once that page exists."""
    if TELL_ENDPOINT in current_app.view_functions:
        return url_for(TELL_ENDPOINT)
    return ""


def _officer_story(story_id: int) -> Story:
    """The story, or 404 when it does not exist or is a safeguarding story and the officer
    is not a safeguarding officer (as services.visible_to)."""
    story = services.get_story(story_id)
    if story is None or (
        story.safeguarding and not current_user.has_role(stages.SAFEGUARDING_ROLE)
    ):
        abort(404)
    return story


def _refuse(story: Story, refused: stages.StoryRefused) -> Response:
    """Say why the story cannot be published, on the story's page, or on the page to take it
    down when it is published already (consent withdrawn, say). An attempt on a
    safeguarding story is audited."""
    if story.safeguarding:
        publishing.refused_on_safeguarding(story)
        db.session.commit()
    flash(f"{refused}.", "important")
    if story.published_at is not None:
        return redirect(url_for(".unpublish", story_id=story.id))
    return redirect(story_url(story.id))


@bp.route("/admin/stories/<int:story_id>/publish", methods=["GET", "POST"])
@access(OFFICER)
def prepare(story_id: int) -> str | Response:
    story = _officer_story(story_id)
    try:  # every rule but the checks, which the form asks for
        stages.check_can_publish(story, set(stages.DEIDENTIFICATION_CHECKS))
    except stages.StoryRefused as refused:
        return _refuse(story, refused)
    action = request.form.get("action", PREVIEW)
    if request.method == "GET":
        form = PublishForm(data=publishing.first_draft(story))
    else:
        form = PublishForm()
        if action == CHANGE:
            form.checks.data = []  # ticked again after every change
    areas = _area_names()
    labels = publishing.theme_labels([story.id])[story.id]
    if request.method == "POST" and action != CHANGE and form.validate():
        if action == PUBLISH:
            with refused_go_to(url_for(".prepare", story_id=story.id)):
                first = publishing.publish(
                    story, title=form.public_title.data, text=form.public_text.data,
                    response=form.public_response.data, ticked=form.checks.data,
                    by_id=current_user.id,
                )  # fmt: skip
            db.session.commit()
            flash("Published." if first else "The published story is changed.", "success")
            return redirect(url_for(".prepare", story_id=story.id))
        view = publishing.public_view(
            story, areas, labels, title=form.public_title.data, text=form.public_text.data,
            response=form.public_response.data,
        )  # fmt: skip
        return render_template(
            "stories/publish/preview.html", story=story, form=form, view=view, story_url=story_url
        )
    return render_template(
        "stories/publish/prepare.html",
        story=story,
        form=form,
        area=publishing.area_words(story.area_code, areas),
        when=publishing.when_words(story.when_happened),
        labels=labels,
        change_label=stages.CHANGE_LABELS.get(story.change, ""),
        story_url=story_url,
        month=publishing.month_published(story.published_at) if story.published_at else "",
        is_public=stages.is_public(story),
    )


@bp.route("/admin/stories/<int:story_id>/unpublish", methods=["GET", "POST"])
@access(OFFICER)
def unpublish(story_id: int) -> str | Response:
    story = _officer_story(story_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        with refused_go_to(story_url(story.id)):
            publishing.unpublish(story)
        db.session.commit()
        flash("The story is off the public page.", "success")
        return redirect(story_url(story.id))
    if story.safeguarding:
        record_event("story_unpublish_viewed", object_type="story", object_id=story.id)
        db.session.commit()
    stages.check_can_unpublish(story)
    try:
        stages.check_can_publish(story, set(stages.DEIDENTIFICATION_CHECKS))
        why_not = ""
    except stages.StoryRefused as refused:
        why_not = str(refused)
    return render_template(
        "stories/publish/unpublish.html", story=story, form=form, story_url=story_url,
        can_publish_again=not why_not, why_not=why_not,
    )  # fmt: skip


@bp.route("/stories")
@access(PUBLIC)
def index() -> str:
    form = StoriesFilterForm(request.args)
    themes = publishing.story_themes()
    areas = _area_names()
    form.load_choices(
        [(str(theme.id), theme.label) for theme in themes],
        list(areas.items()),
        objective_choices(),
    )
    theme = form.chosen(form.theme)
    filters = publishing.Filters(
        theme_id=int(theme) if theme else None,
        area=form.chosen(form.area),
        objective=form.chosen(form.objective),
    )
    statement = publishing.public_statement(filters)
    headline = publishing.headline(statement)
    page = paginate(statement, per_page=PER_PAGE, total=headline.published)
    labels = publishing.theme_labels([story.id for story in page.items], themes)
    return render_template(
        "stories/publish/index.html",
        form=form,
        filters=filters,
        headline=headline,
        page=page,
        views=[publishing.public_view(story, areas, labels[story.id]) for story in page.items],
        extract=publishing.extract,
        tell_url=_tell_url(),
    )


@bp.route("/stories/<int:story_id>")
@access(PUBLIC)
def show(story_id: int) -> str:
    story = publishing.get_public(story_id) or abort(404)
    view = publishing.public_view(
        story, _area_names(), publishing.theme_labels([story.id])[story.id]
    )
    return render_template(
        "stories/publish/show.html", view=view, objectives=publishing.objectives_of(story.id)
    )
