"""The officers' handling of stories: the queue's query and filters, and each action on a
story (assign, move, reply, code to themes, tag priorities, record what changed, flag for
safeguarding), each checked by stages.py and written to the audit log. Functions add to the
session; routes commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, exists, func, select

from engage.accounts.api import OFFICER, SAFEGUARDING, User, users_with_role
from engage.core import themes
from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.core.email import queue_email
from engage.core.theme_models import ThemeCode
from engage.core.working_days import working_days_between
from engage.stories import safeguarding, services, stages
from engage.stories.models import SafeguardingPhrase, Story, StoryReply
from engage.strategy.api import set_tags

REPLY_EMAIL = "story-reply"
ME, NOBODY, ANYONE = "me", "nobody", ""
AWAITING = "awaiting"  # the status filter's "new or in review"


def event(action: str, story: Story, **details: object) -> None:
    record_event(action, object_type="story", object_id=story.id, **details)


def viewed(story: Story, page: str) -> None:
    """Every view of a safeguarding story is in the audit log; other stories' views need not."""
    if story.safeguarding:
        event("story_viewed", story, page=page)


# The queue ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    status: str = ""
    assigned: str = ANYONE
    overdue: bool = False
    safeguarding_only: bool = False
    channel: str = ""
    theme_id: int | None = None

    @property
    def any(self) -> bool:
        return bool(
            self.status or self.assigned or self.overdue or self.safeguarding_only
            or self.channel or self.theme_id
        )  # fmt: skip


def _filtered(
    statement: Select, filters: Filters, user_id: int, is_safeguarding_officer: bool, today: date
) -> Select:
    statement = statement.where(services.visible_to(is_safeguarding_officer))
    if filters.status == AWAITING:
        statement = statement.where(Story.status.in_(stages.AWAITING_RESPONSE))
    elif filters.status:
        statement = statement.where(Story.status == filters.status)
    if filters.assigned == ME:
        statement = statement.where(Story.assigned_to_id == user_id)
    elif filters.assigned == NOBODY:
        statement = statement.where(Story.assigned_to_id.is_(None))
    if filters.overdue:
        statement = statement.where(
            Story.status.in_(stages.AWAITING_RESPONSE),
            Story.due_on < today,
            Story.withdrawn_at.is_(None),
        )
    if filters.safeguarding_only and is_safeguarding_officer:
        statement = statement.where(Story.safeguarding.is_(True))
    if filters.channel:
        statement = statement.where(Story.channel == filters.channel)
    if filters.theme_id is not None:
        statement = statement.where(
            exists().where(
                ThemeCode.item_type == stages.THEME_ITEM,
                ThemeCode.item_id == Story.id,
                ThemeCode.theme_id == filters.theme_id,
            )
        )
    return statement


def queue_statements(
    filters: Filters, *, user_id: int, is_safeguarding_officer: bool, today: date
) -> tuple[Select, Select]:
    """The queue: (story, name of whom it is assigned to) the officer may see, safeguarding
    first, then by due date (stories without one last), oldest first among equals; and the
    same stories' ids alone, to count without the join."""
    args = (filters, user_id, is_safeguarding_officer, today)
    rows = _filtered(
        select(Story, User.full_name).outerjoin(User, User.id == Story.assigned_to_id), *args
    ).order_by(Story.safeguarding.desc(), Story.due_on, Story.id)
    return rows, _filtered(select(Story.id), *args)


def overdue_by(story: Story, today: date) -> int | None:
    """Working days past the due date (0 at a weekend after it), or None when the story is
    not overdue or was withdrawn (it is not worked on)."""
    if story.withdrawn_at is not None or not stages.is_overdue(story, today):
        return None
    return working_days_between(story.due_on, today)


def clock(told_at: datetime, now: datetime | None = None) -> str:
    """How long since the story was told, for the safeguarding clock: "5 hours", "3 days"."""
    now = now or utcnow()
    if told_at.tzinfo is None:
        told_at = told_at.replace(tzinfo=now.tzinfo)
    seconds = max(0, int((now - told_at).total_seconds()))
    hours = seconds // 3600
    if hours < 1:
        minutes = seconds // 60
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    if hours < 48:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    days = hours // 24
    return f"{days} days"


def codeframe() -> themes.Codeframe | None:
    return themes.get_codeframe(*stages.CODEFRAME_OWNER)


def theme_choices(frame: themes.Codeframe | None) -> list[tuple[int, str]]:
    return [(theme.id, theme.label) for theme in frame.themes] if frame else []


def officers() -> list[User]:
    return users_with_role(OFFICER)


def safeguarding_officer_ids() -> set[int]:
    return {user.id for user in users_with_role(SAFEGUARDING)}


# Actions ------------------------------------------------------------------------------------------


def assign(story: Story, assignee: User | None) -> None:
    """Give the story to an officer (None: to nobody)."""
    if assignee is not None:
        stages.check_assignee(story, assignee.has_role(SAFEGUARDING))
    else:
        stages.check_can_change(story)
    story.assigned_to_id = assignee.id if assignee else None
    event("story_assigned", story, to=assignee.full_name if assignee else "nobody")


def move(story: Story, wanted: stages.StoryStatus) -> None:
    stages.check_move(story, wanted)
    old = story.status
    story.status = wanted
    if wanted == stages.CLOSED:
        story.closed_at = utcnow()
    else:
        story.closed_at = None
    if wanted == stages.RESPONDED and story.first_responded_at is None:
        # Answered some other way (by phone, say): the response-time record counts it.
        story.first_responded_at = utcnow()
    event("story_status_changed", story, old=old, new=str(wanted))


def reply(story: Story, text: str, by_id: int) -> StoryReply:
    """Email the reply to the person and keep it; the first reply marks the story responded
    (a closed story stays closed)."""
    stages.check_reply(story)
    sent = StoryReply(story_id=story.id, text=text, sent_to=story.email, sent_by_id=by_id)
    db.session.add(sent)
    queue_email(
        story.email,
        REPLY_EMAIL,
        f"A reply to the story you told us ({story.reference})",
        story=story,
        text=text,
    )
    if story.first_responded_at is None:
        story.first_responded_at = utcnow()
        if story.status in stages.AWAITING_RESPONSE:
            story.status = stages.RESPONDED
    db.session.flush()
    event("story_replied", story)
    return sent


def code_themes(story: Story, theme_ids: list[int], by_id: int) -> bool:
    stages.check_can_change(story)
    frame = themes.codeframe_for(*stages.CODEFRAME_OWNER)
    changed = themes.set_item_themes(frame, stages.THEME_ITEM, story.id, theme_ids, by_id=by_id)
    if changed:
        # The reports' kept counts are counted again when a story's changed_at moves. The
        # theme codes' own count and newest id are not enough: a code taken off and another
        # ticked leave the count as it was, and SQLite can give the new code the old one's id.
        story.changed_at = utcnow()
        event("story_themes_coded", story)
    return changed


def tag_priorities(story: Story, priority_ids: list[int]) -> None:
    stages.check_can_change(story)
    set_tags(story, priority_ids)
    event("story_priorities_tagged", story, priorities=[p.code for p in story.priorities])


def record_change(story: Story, marker: stages.ChangeMarker, description: str) -> None:
    stages.check_can_change(story)
    stages.check_change_marker(marker, description)
    story.change = marker
    story.change_description = description.strip()
    event("story_change_recorded", story, change=str(marker))


def flag(story: Story, reason: str, by_id: int) -> None:
    stages.check_can_flag(story)
    safeguarding.flag(story, reason, by_user_id=by_id)
    if story.assigned_to_id is not None and story.assigned_to_id not in (
        safeguarding_officer_ids()
    ):
        story.assigned_to_id = None  # nobody keeps a story they can no longer see


# Safeguarding phrases -----------------------------------------------------------------------------


def phrases_statement() -> Select:
    return select(SafeguardingPhrase).order_by(func.lower(SafeguardingPhrase.phrase))


def add_phrase(text: str, by_id: int) -> SafeguardingPhrase:
    """A new phrase; one that matches the same words as another (ignoring case, spaces and
    punctuation) is refused."""
    key = safeguarding.phrase_key(text)
    if not key:
        raise stages.StoryRefused(stages.PHRASE_HAS_NO_WORDS)
    for existing in safeguarding.phrases():
        if safeguarding.phrase_key(existing.phrase) == key:
            raise stages.StoryRefused(stages.PHRASE_TAKEN.format(phrase=existing.phrase))
    phrase = SafeguardingPhrase(phrase=text, added_by_id=by_id)
    db.session.add(phrase)
    db.session.flush()
    record_event("story_phrase_added", phrase=text)
    return phrase


def remove_phrase(phrase: SafeguardingPhrase) -> None:
    db.session.delete(phrase)
    db.session.flush()
    record_event("story_phrase_removed", phrase=phrase.phrase)
