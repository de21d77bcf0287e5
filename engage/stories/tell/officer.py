"""An officer types in a story told by phone, on paper, at an event, or passed on by a
support worker or an organisation (a view of the tell blueprint): how it reached us, who
passed it on, the day it was told, the same questions as online, and the person's contact
details and consents as they gave them. The story then opens in the officers' queue."""

from __future__ import annotations

from datetime import datetime, time

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.core.access import OFFICER, access
from engage.core.dates import UK, uk_today
from engage.core.db import db
from engage.stories import stages
from engage.stories.tell import services
from engage.stories.tell.blueprint import bp
from engage.stories.tell.forms import OfficerForm

FUTURE_DATE = "The date the story was told must be today or in the past"


@bp.route("/admin/stories/new", methods=["GET", "POST"])
@access(OFFICER)
def officer_entry() -> str | Response:
    form = OfficerForm(data={"told_on": uk_today()} if request.method == "GET" else None)
    form.load_choices(services.area_choices(), services.theme_choices())
    valid = form.validate_on_submit()
    if valid and form.told_on.data > uk_today():
        form.told_on.errors = [FUTURE_DATE]
        valid = False
    if valid:
        details = {
            "what_happened": form.what_happened.data,
            "area_code": form.area.data or None,
            "place": form.place.data or "",
            "when_happened": form.when_happened.data or None,
            "what_would_help": form.what_would_help.data or "",
            "channel": form.channel.data,
            "told_through": form.told_through.data or "",
            **form.details(),
        }
        story = services.send(
            details,
            [int(theme) for theme in form.themes.data or []],
            None,
            entered_by_id=current_user.id,
            told_at=datetime.combine(form.told_on.data, time(12), tzinfo=UK),
        )
        db.session.commit()
        flash(f"Story {story.reference} has been saved", "success")
        return redirect(url_for("stories.triage.story", story_id=story.id))
    return render_template("stories/tell/officer.html", form=form, stages=stages)
