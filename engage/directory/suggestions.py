"""Suggesting a new organisation for the directory. Anyone signed in fills in the entry's
details; the organisation waits, unlisted, with the suggestion as a change for an officer to
review like an editor's (the same field-by-field view). Approved, it is listed and, when the
person said they work there, they become its editor; rejected, it is removed and they are
told why. Routes commit."""

from __future__ import annotations

from typing import Any

from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.directory import claims, editing, stages
from engage.directory.models import ChangeRequest, Organisation


def blank_values() -> dict[str, Any]:
    """An entry that says nothing: what a suggestion is compared with."""
    return {field: [] if field in editing.LIST_FIELDS else "" for field in editing.FIELD_LABELS}


def suggest_organisation(
    user: Any, values: dict[str, Any], note: str, role: str | None
) -> ChangeRequest:
    """Record the suggestion; ``role`` (theirs at the organisation) when they work there and
    would keep the entry up to date."""
    # The row holds the name and kind only; the rest is applied when an officer approves.
    organisation = Organisation(name=values["name"], kind=values["kind"], status=stages.SUGGESTED)
    db.session.add(organisation)
    db.session.flush()
    change = ChangeRequest(
        organisation_id=organisation.id,
        proposed_by_id=user.id,
        before=blank_values(),
        proposed=values,
        note=note,
    )
    db.session.add(change)
    if role:
        claims.claim_by_officer(organisation, user, role)
    db.session.flush()
    record_event(
        "directory_organisation_suggested",
        object_type="organisation",
        object_id=organisation.id,
        change=change.id,
    )
    return change


def _suggester_claim(change: ChangeRequest) -> Any:
    if change.proposed_by_id is None:
        return None
    return claims.open_claim(change.organisation_id, change.proposed_by_id)


def approve(change: ChangeRequest, officer: Any, values: dict[str, Any]) -> None:
    """Approve a change: an editor's to an entry, or a suggested organisation (listed now,
    with the person who suggested it as its editor if they asked to be)."""
    organisation = change.organisation
    if organisation.status != stages.SUGGESTED:
        editing.approve_change(change, officer, values)
        return
    if not stages.can_review(change):
        raise stages.DirectoryRefused(stages.ALREADY_REVIEWED)
    organisation.status = stages.LISTED
    editing.apply_values(organisation, values)
    organisation.last_confirmed_at, organisation.reminders_sent = utcnow(), 0
    change.status = stages.ChangeStatus.APPROVED
    change.reviewed_at, change.reviewed_by_id = utcnow(), officer.id
    claim = _suggester_claim(change)
    if claim is not None:
        claims.decide_with_suggestion(claim, officer, approved=True)
    record_event(
        "directory_suggestion_approved",
        object_type="organisation",
        object_id=organisation.id,
        change=change.id,
    )
    editing.tell_proposer(
        change,
        "directory-suggestion-approved",
        f"Now in the directory: {organisation.name}",
        made_editor=claim is not None,
    )


def reject(change: ChangeRequest, officer: Any, reason: str) -> None:
    """Reject a change, or a suggested organisation (removed: never listed)."""
    organisation = change.organisation
    if organisation.status != stages.SUGGESTED:
        editing.reject_change(change, officer, reason)
        return
    if not stages.can_review(change):
        raise stages.DirectoryRefused(stages.ALREADY_REVIEWED)
    organisation.status = stages.REMOVED
    change.status, change.reason = stages.ChangeStatus.REJECTED, reason
    change.reviewed_at, change.reviewed_by_id = utcnow(), officer.id
    claim = _suggester_claim(change)
    if claim is not None:
        claims.decide_with_suggestion(claim, officer, approved=False)
    record_event(
        "directory_suggestion_rejected",
        object_type="organisation",
        object_id=organisation.id,
        change=change.id,
    )
    editing.tell_proposer(
        change, "directory-suggestion-rejected", f"Not added to the directory: {organisation.name}"
    )
