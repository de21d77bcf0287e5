"""The rules of lived-experience stories: their statuses and how they move, how a story came
in, what changed because of it, the consents, the safeguarding flag, the due date, and every
"can X" rule of the feature with what a refusal says. Kept in one place, like the other
features' stages.py."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from engage.core.errors import Refused
from engage.core.working_days import add_working_days

# Equality monitoring answers given with a story are kept under this subject type.
MONITORING_SUBJECT = "story"
# All stories share one codeframe (engage/core/themes.py), owned by ("stories", 1): the
# themes a resident may choose from are its themes, and officers code to the same list.
CODEFRAME_OWNER = ("stories", 1)
THEME_ITEM = "story"
# The role of the named safeguarding officers (given on the admin's people pages).
SAFEGUARDING_ROLE = "safeguarding"
RESPOND_WITHIN_WORKING_DAYS = 20
# A story being told online is kept this long after its last change, then deleted.
DRAFT_KEPT_FOR = timedelta(days=2)


class StoryRefused(Refused):
    """A story action that is not allowed; the message says why."""


class StoryStatus(StrEnum):
    NEW = "new"  # nobody has looked at it yet
    IN_REVIEW = "in_review"  # an officer is working on it
    RESPONDED = "responded"  # the person has had a reply (or could not be replied to)
    CLOSED = "closed"  # nothing more to do


NEW, IN_REVIEW, RESPONDED, CLOSED = (
    StoryStatus.NEW,
    StoryStatus.IN_REVIEW,
    StoryStatus.RESPONDED,
    StoryStatus.CLOSED,
)
STATUS_LABELS = {
    NEW: "New",
    IN_REVIEW: "In review",
    RESPONDED: "Responded",
    CLOSED: "Closed",
}
# Where an officer may move a story by hand. Replying moves it to "responded" by itself.
TRANSITIONS: dict[StoryStatus, set[StoryStatus]] = {
    NEW: {IN_REVIEW, CLOSED},
    IN_REVIEW: {NEW, RESPONDED, CLOSED},
    RESPONDED: {IN_REVIEW, CLOSED},
    CLOSED: {IN_REVIEW},
}
# Still waiting for the authority: these count towards the due date and "overdue".
AWAITING_RESPONSE = (NEW, IN_REVIEW)


class Channel(StrEnum):
    ONLINE = "online"
    PHONE = "phone"
    PAPER = "paper"
    EVENT = "event"
    SUPPORT_WORKER = "support_worker"
    ORGANISATION = "organisation"


CHANNEL_LABELS = {
    Channel.ONLINE: "Online, by the person",
    Channel.PHONE: "By phone",
    Channel.PAPER: "On paper",
    Channel.EVENT: "At an event",
    Channel.SUPPORT_WORKER: "Through a support worker",
    Channel.ORGANISATION: "Through a VCFSE organisation",
}
# Channels an officer types in (everything but online).
OFFICER_CHANNELS = [channel for channel in Channel if channel != Channel.ONLINE]
# Channels where the officer names who passed the story on.
TOLD_THROUGH_CHANNELS = {Channel.SUPPORT_WORKER, Channel.ORGANISATION, Channel.EVENT}


class WhenItHappened(StrEnum):
    THIS_MONTH = "this_month"
    THIS_YEAR = "this_year"
    LONGER_AGO = "longer_ago"
    STILL_HAPPENING = "still_happening"
    NOT_SURE = "not_sure"


WHEN_LABELS = {
    WhenItHappened.THIS_MONTH: "In the last month",
    WhenItHappened.THIS_YEAR: "In the last year",
    WhenItHappened.LONGER_AGO: "More than a year ago",
    WhenItHappened.STILL_HAPPENING: "It is still happening",
    WhenItHappened.NOT_SURE: "I am not sure",
}


class ChangeMarker(StrEnum):
    NOT_YET = "not_yet"  # no decision recorded
    PLANNED = "planned"
    MADE = "made"
    NO_CHANGE = "no_change"


CHANGE_LABELS = {
    ChangeMarker.NOT_YET: "Not decided yet",
    ChangeMarker.PLANNED: "Change planned",
    ChangeMarker.MADE: "Change made",
    ChangeMarker.NO_CHANGE: "No change",
}
# A published story counts as "led to a change" with one of these.
LED_TO_CHANGE = (ChangeMarker.PLANNED, ChangeMarker.MADE)

# What an officer confirms before a story is published: each box must be ticked.
DEIDENTIFICATION_CHECKS = {
    "names": "Names of people (the person, staff, family, anyone else) are removed",
    "dates": "Exact dates and times are removed or made general (\u201clast spring\u201d)",
    "places": "Places, addresses and services small enough to identify someone are removed "
    "or made general",
    "details": "Other details that could identify someone (a job, an unusual condition, a "
    "vehicle or route number with a time) are removed",
    "safe": "Nothing in the story or our response could put anyone at risk",
}

# Refusals, in words a person understands.
NO_PUBLISH_CONSENT = (
    "This story cannot be published: the person did not agree to it being published"
)
NO_QUOTE_CONSENT = "The person did not agree to this story being quoted"
SAFEGUARDING_NEVER_PUBLISHED = "A story that needs safeguarding is never published"
CHECKS_NOT_DONE = "Tick every check to confirm the story has been de-identified"
WITHDRAWN_STORY = "The person withdrew this story, so it cannot change"
CANNOT_MOVE = "A story that is {current} cannot be moved to {wanted}"
NO_CONTACT = "There is no email address to reply to: the person told us anonymously or "
NO_CONTACT += "did not agree to be contacted"


def due_on(submitted: date) -> date:
    """The day a reply is due: 20 working days after the story was told."""
    return add_working_days(submitted, RESPOND_WITHIN_WORKING_DAYS)


def is_overdue(story: Any, today: date) -> bool:
    return story.status in AWAITING_RESPONSE and story.due_on is not None and today > story.due_on


def check_move(story: Any, wanted: StoryStatus) -> None:
    current = StoryStatus(story.status)
    if story.withdrawn_at is not None:
        raise StoryRefused(WITHDRAWN_STORY)
    if wanted not in TRANSITIONS[current]:
        raise StoryRefused(
            CANNOT_MOVE.format(
                current=STATUS_LABELS[current].lower(), wanted=STATUS_LABELS[wanted].lower()
            )
        )


def can_be_quoted(story: Any) -> bool:
    """Whether reports may quote the story's words (anonymously)."""
    return story.consent_quote and story.withdrawn_at is None and not story.safeguarding


def check_can_publish(story: Any, ticked: set[str]) -> None:
    if story.withdrawn_at is not None:
        raise StoryRefused(WITHDRAWN_STORY)
    if story.safeguarding:
        raise StoryRefused(SAFEGUARDING_NEVER_PUBLISHED)
    if not story.consent_publish:
        raise StoryRefused(NO_PUBLISH_CONSENT)
    if set(DEIDENTIFICATION_CHECKS) - ticked:
        raise StoryRefused(CHECKS_NOT_DONE)


NOT_PUBLISHED = "This story is not published"


def check_can_unpublish(story: Any) -> None:
    """Any published story can be taken down: withdrawn or flagged ones too (they are off
    the public pages already, and taking them down makes that stick)."""
    if story.published_at is None:
        raise StoryRefused(NOT_PUBLISHED)


def is_public(story: Any) -> bool:
    """Whether the public may see the story now: published, and still allowed to be."""
    return (
        story.published_at is not None
        and story.consent_publish
        and not story.safeguarding
        and story.withdrawn_at is None
    )


def can_manage(story: Any, user_id: int | None) -> bool:
    """Whether a signed-in person may see and change a story from their account: they told
    it, not anonymously, and have not withdrawn it (withdrawing unlinks it)."""
    return (
        story is not None
        and user_id is not None
        and story.user_id == user_id
        and story.withdrawn_at is None
    )


def can_reply(story: Any) -> bool:
    return bool(story.email) and story.consent_contact and story.withdrawn_at is None


# Triage: what officers may do to a story (engage/stories/triage).
NOT_SAFEGUARDING_ASSIGNEE = (
    "A story that needs safeguarding can only be assigned to a safeguarding officer"
)
CHANGE_NEEDS_DESCRIPTION = "Describe the change that was made"
NO_CHANGE_NEEDS_REASON = "Say why nothing will change"
ALREADY_FLAGGED = "This story is already flagged for safeguarding"
PHRASE_TAKEN = "\u201c{phrase}\u201d is already on the list"
PHRASE_HAS_NO_WORDS = "Enter a word or phrase with at least one letter or number"


def check_can_change(story: Any) -> None:
    """Every triage action but the safeguarding flag: a withdrawn story is not worked on."""
    if story.withdrawn_at is not None:
        raise StoryRefused(WITHDRAWN_STORY)


def check_reply(story: Any) -> None:
    check_can_change(story)
    if not can_reply(story):
        raise StoryRefused(NO_CONTACT)


def check_assignee(story: Any, assignee_is_safeguarding_officer: bool) -> None:
    """Nobody is given a story they cannot see."""
    check_can_change(story)
    if story.safeguarding and not assignee_is_safeguarding_officer:
        raise StoryRefused(NOT_SAFEGUARDING_ASSIGNEE)


def check_change_marker(marker: ChangeMarker, description: str) -> None:
    """A change made needs what was changed, and no change the reason; a planned one may
    say what is planned."""
    if marker == ChangeMarker.MADE and not description.strip():
        raise StoryRefused(CHANGE_NEEDS_DESCRIPTION)
    if marker == ChangeMarker.NO_CHANGE and not description.strip():
        raise StoryRefused(NO_CHANGE_NEEDS_REASON)


def check_can_flag(story: Any) -> None:
    """Any officer may flag a story, withdrawn or not: someone may be at risk whatever the
    person chose about how the story is used."""
    if story.safeguarding:
        raise StoryRefused(ALREADY_FLAGGED)


# "Where did it happen?": a local authority's code, or one of these; None when not answered.
AREA_ELSEWHERE = "elsewhere"
AREA_NOT_SURE = "not_sure"
AREA_OTHER_LABELS = {
    AREA_ELSEWHERE: "Outside the Liverpool City Region",
    AREA_NOT_SURE: "Not sure, or more than one place",
}
