"""The rules of draft policies: where a version's text came from, a version's state (being
prepared, open to panels for comment, closed, answered), comment outcomes, and every "is open /
can X" rule of the feature."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

PASTED = "pasted"
DOCX = "docx"
SOURCE_LABELS = {PASTED: "Pasted text", DOCX: "Word document"}

# A pasted text longer than this is refused before it is split (about 250 pages).
MAX_PASTED_CHARACTERS = 500_000
MAX_COMMENT_CHARACTERS = 10_000


# Alternative formats an officer can attach to a version, and what a member can ask for.
FORMAT_KINDS = {
    "easy_read": "Easy Read",
    "large_print": "Large print",
    "audio": "Audio",
    "other": "Another format",
}
SUPPORT_NEEDS = {
    "easy_read": "Easy Read",
    "large_print": "Large print",
    "audio": "Audio, or someone to read it to me",
    "bsl": "British Sign Language",
    "language": "Another language",
    "meeting": "To give my views by phone or at a meeting",
    "other": "Something else",
}


class VersionRefused(Exception):
    """An action on a version or comment that the rules do not allow; the message says why."""


class VersionState(StrEnum):
    PREPARING = "preparing"  # not opened to any panel yet: only staff see it
    OPEN = "open"  # panel members can comment until the end of its closing date
    CLOSED = "closed"  # past its closing date; the officer is answering the comments
    ANSWERED = "answered"  # every comment has an outcome and the officer closed it as answered


STATE_LABELS = {
    VersionState.PREPARING: "Being prepared (only staff can see it)",
    VersionState.OPEN: "Open for comments",
    VersionState.CLOSED: "Closed for comments",
    VersionState.ANSWERED: "Every comment answered",
}


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    PARTLY_ACCEPTED = "partly_accepted"
    NOT_ACCEPTED = "not_accepted"
    NOTED = "noted"


OUTCOME_LABELS = {
    Outcome.ACCEPTED: "Accepted",
    Outcome.PARTLY_ACCEPTED: "Partly accepted",
    Outcome.NOT_ACCEPTED: "Not accepted",
    Outcome.NOTED: "Noted",
}
# These outcomes need the officer's reason, which the member reads.
REASON_NEEDED = {Outcome.PARTLY_ACCEPTED, Outcome.NOT_ACCEPTED}

# An Equality Impact Assessment has a section for each protected characteristic of the
# Equality Act 2010, and for socio-economic status and carers, which the Combined Authority
# treats as protected too.
CHARACTERISTICS = {
    "age": "Age",
    "disability": "Disability",
    "gender_reassignment": "Gender reassignment",
    "marriage_civil_partnership": "Marriage and civil partnership",
    "pregnancy_maternity": "Pregnancy and maternity",
    "race": "Race",
    "religion_belief": "Religion or belief",
    "sex": "Sex",
    "sexual_orientation": "Sexual orientation",
    "socio_economic": "Socio-economic status",
    "carers": "Carers",
}


class Impact(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    NOT_KNOWN = "not_known"


IMPACT_LABELS = {
    Impact.POSITIVE: "Positive",
    Impact.NEGATIVE: "Negative",
    Impact.NEUTRAL: "Neutral",
    Impact.NOT_KNOWN: "Not known",
}

ASSESSMENT_FIXED = (
    "The impact assessment cannot be changed once its version has been opened to panels: "
    "start the next version's assessment instead"
)
ASSESSMENT_INCOMPLETE = (
    "Complete every section and the conclusion before publishing the impact assessment"
)

ONLY_LATEST_DELETED = (
    "Only the latest version can be deleted, so that the versions stay numbered in order"
)
OPENED_NOT_DELETED = "A version that has been opened to panels cannot be deleted"
SAME_VERSION = "Choose two different versions to compare"
ONLY_LATEST_OPENED = "Only the latest version can be opened to panels"
ALREADY_OPENED = "This version has already been opened to panels"
NOT_OPEN = "This draft is not open for comments"
UNANSWERED = "Every comment needs an outcome before the version can be closed as answered"
STILL_OPEN = "The version is still open for comments until the end of its closing date"


def comment_place(paragraph_number: str | None, paragraph_kind: str | None,
                  characteristic: str | None) -> str:  # fmt: skip
    """What a comment is on, to follow "on": "paragraph 4.2", "heading 3", "the impact
    assessment for disability" or "the whole draft"."""
    if paragraph_number is not None:
        return f"{'heading' if paragraph_kind == 'heading' else 'paragraph'} {paragraph_number}"
    if characteristic is not None:
        return f"the impact assessment for {CHARACTERISTICS.get(characteristic, '').lower()}"
    return "the whole draft"


def version_state(version: Any, today: date) -> VersionState:
    if version.answered_at is not None:
        return VersionState.ANSWERED
    if version.opened_at is None or version.closes_on is None:
        return VersionState.PREPARING
    return VersionState.OPEN if today <= version.closes_on else VersionState.CLOSED


def is_open_for_comments(version: Any, today: date) -> bool:
    return version_state(version, today) == VersionState.OPEN


def can_open(version: Any, latest_number: int) -> bool:
    return version.opened_at is None and version.number == latest_number


def can_delete_version(version: Any, latest_number: int) -> bool:
    """Only the latest version, so version numbers never have gaps, and never one that panels
    have seen (their comments belong to it)."""
    return delete_problem(version, latest_number) is None


def delete_problem(version: Any, latest_number: int) -> str | None:
    if version.number != latest_number:
        return ONLY_LATEST_DELETED
    if version.opened_at is not None:
        return OPENED_NOT_DELETED
    return None


def can_change_comment(comment: Any, user: Any, version: Any, today: date) -> bool:
    """The author may edit or withdraw their own comment until the closing date, and not once
    the officer has answered it."""
    return (
        comment.author_id == user.id
        and comment.withdrawn_at is None
        and comment.outcome is None
        and is_open_for_comments(version, today)
    )


def can_answer(version: Any) -> bool:
    """The officer records outcomes from opening until the version is closed as answered."""
    return version.opened_at is not None and version.answered_at is None


def close_problem(version: Any, today: date, unanswered: int) -> str | None:
    """Why the version cannot be closed as answered yet, or None when it can."""
    state = version_state(version, today)
    if state in (VersionState.PREPARING, VersionState.ANSWERED):
        return NOT_OPEN if state == VersionState.PREPARING else "Already closed as answered"
    if state == VersionState.OPEN:
        return STILL_OPEN
    if unanswered:
        return UNANSWERED
    return None


def can_edit_assessment(version: Any) -> bool:
    """An assessment can be changed until its version is opened to panels: from then on the
    panels' comments refer to what it said."""
    return version.opened_at is None


def assessment_complete(assessment: Any) -> bool:
    return bool(assessment.conclusion.strip()) and all(
        section.impact for section in assessment.sections
    )


def publish_problem(assessment: Any) -> str | None:
    return None if assessment_complete(assessment) else ASSESSMENT_INCOMPLETE


def next_version_number(latest_number: int | None) -> int:
    return 1 if latest_number is None else latest_number + 1
