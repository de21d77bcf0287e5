"""The officers' queue of stories and a story's page."""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user

from engage.accounts.api import get_user
from engage.core import themes
from engage.core.access import OFFICER, access
from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.pagination import paginate
from engage.reference.api import local_authorities
from engage.stories import stages
from engage.stories.triage import services as triage
from engage.stories.triage.blueprint import bp, is_safeguarding_officer, link_to, officer_story
from engage.stories.triage.forms import QueueFilterForm

PER_PAGE = 25
# Closed stories build up for ever: the count stops here, so it never reads every story
# ("more than 1,000"); the filters find older ones.
COUNTED_UP_TO = 1_000


def _links() -> dict[str, str]:
    return {
        "enter": link_to("stories.tell.officer_entry", "/admin/stories/new"),
        "reports": link_to("stories.reports.index", "/admin/stories/reports"),
    }


@bp.route("/admin/stories")
@access(OFFICER)
def queue() -> str:
    safeguarding_officer = is_safeguarding_officer()
    frame = triage.codeframe()
    form = QueueFilterForm(request.args)
    form.load_choices(triage.theme_choices(frame), safeguarding_officer)
    filters = form.filters()
    today = uk_today()
    rows, ids = triage.queue_statements(
        filters, user_id=current_user.id, is_safeguarding_officer=safeguarding_officer,
        today=today,
    )  # fmt: skip
    page = paginate(rows, per_page=PER_PAGE, count_statement=ids, count_up_to=COUNTED_UP_TO)
    return render_template(
        "stories/triage/queue.html",
        form=form,
        page=page,
        filters=filters,
        today=today,
        overdue_by=triage.overdue_by,
        clock=triage.clock,
        safeguarding_officer=safeguarding_officer,
        stages=stages,
        links=_links(),
    )


def _area(code: str | None) -> str:
    if not code:
        return "Not said"
    if code in stages.AREA_OTHER_LABELS:
        return stages.AREA_OTHER_LABELS[code]
    names = {authority.code: authority.name for authority in local_authorities()}
    return names.get(code, code)


def _name(user_id: int | None) -> str:
    user = get_user(user_id) if user_id else None
    return user.full_name if user else ""


@bp.route("/admin/stories/<int:story_id>")
@access(OFFICER)
def story(story_id: int) -> str:
    found = officer_story(story_id, "story")
    db.session.commit()  # the audit event of a safeguarding story's view
    frame = triage.codeframe()
    coding = themes.coding_for(frame, stages.THEME_ITEM, [found.id])[found.id]
    today = uk_today()
    return render_template(
        "stories/triage/story.html",
        story=found,
        stages=stages,
        area=_area(found.area_code),
        theme_labels=coding.labels,
        assigned_to=_name(found.assigned_to_id),
        entered_by=_name(found.entered_by_id),
        flagged_by=_name(found.safeguarding_flagged_by_id),
        overdue_by=triage.overdue_by(found, today),
        clock=triage.clock(found.told_at),
        can_reply=stages.can_reply(found),
        publish_url=link_to(
            "stories.publish.prepare", f"/admin/stories/{found.id}/publish", story_id=found.id
        ),
        links=_links(),
    )
