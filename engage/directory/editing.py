"""Organisations keeping their own entries: editors propose a new version of the entry's
details, an officer sees what would change field by field and approves it (as proposed or
changed), or rejects it with a reason; the editor is told either way. Editors also confirm
that an entry is still right, at least once a year. Routes commit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select, update

from engage.accounts.api import get_user
from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.core.email import queue_email
from engage.core.urls import external_url
from engage.directory import service_changes, stages
from engage.directory.models import ChangeRequest, Organisation
from engage.directory.services import index_organisation, set_terms
from engage.directory.taxonomy import COMMUNITIES, KINDS, LED_BY
from engage.reference.api import LocalAuthority

# The entry's details an editor can change, in the order the form and the review show them.
FIELD_LABELS = {
    "name": "Name",
    "description": "What the organisation does",
    "kind": "Kind of organisation",
    "areas": "Areas",
    "communities": "Who it works with",
    "led_by": "Led by",
    "languages": "Languages spoken",
    "phone": "Phone",
    "email": "Email address",
    "website": "Website",
    "address": "Address",
    "postcode": "Postcode",
    "accessibility": "Access to its venues",
}
LIST_FIELDS = {"areas", "communities", "led_by", "languages"}


def entry_values(organisation: Organisation) -> dict[str, Any]:
    """What the entry says now, in the shape a proposal keeps (lists of codes for the
    classifications, ONS codes for areas)."""
    return {
        "name": organisation.name,
        "description": organisation.description,
        "kind": organisation.kind,
        "areas": sorted(area.code for area in organisation.areas),
        "communities": organisation.codes(COMMUNITIES.key),
        "led_by": organisation.codes(LED_BY.key),
        "languages": list(organisation.languages or []),
        "phone": organisation.phone,
        "email": organisation.email,
        "website": organisation.website,
        "address": organisation.address,
        "postcode": organisation.postcode,
        "accessibility": organisation.accessibility,
    }


def proposal_values(organisation: Organisation) -> dict[str, Any]:
    """The entry's details with its services and venues (service_changes.records_of): what a
    proposal is compared with."""
    return {**entry_values(organisation), **service_changes.records_of(organisation)}


def starting_values(organisation: Organisation, waiting: ChangeRequest | None) -> dict[str, Any]:
    """What the editor's next proposal starts from: their waiting proposal, with its services
    and venues as they would be if it were approved now, or the entry as it is."""
    current = proposal_values(organisation)
    if waiting is None:
        return current
    kept = {kind: current[kind] for kind in service_changes.RECORD_KINDS}
    return {**kept, **proposed_now(waiting, current)}


def proposed_now(change: ChangeRequest, current: dict[str, Any]) -> dict[str, Any]:
    """The proposal with its services and venues made to what the entry has ``current``ly
    (service_changes.merged_records): what approving it now would make the entry say."""
    if any(kind not in change.proposed for kind in service_changes.RECORD_KINDS):
        return change.proposed
    merged = service_changes.merged_records(current, change.before, change.proposed)
    return {**change.proposed, **merged}


def _area_names() -> dict[str, str]:
    return dict(db.session.execute(select(LocalAuthority.code, LocalAuthority.name)).all())


def in_words(field: str, value: Any, area_names: dict[str, str]) -> str:
    """A value as a person reads it: labels rather than codes, lists joined."""
    if field == "kind":
        return KINDS.label(value)
    if field == "communities":
        return "; ".join(COMMUNITIES.label(code) for code in value) or "None given"
    if field == "led_by":
        return "; ".join(LED_BY.label(code) for code in value) or "None given"
    if field == "areas":
        return ", ".join(area_names.get(code, code) for code in value) or "None given"
    if field == "languages":
        return ", ".join(value) or "None given"
    return value or "Left empty"


@dataclass(frozen=True)
class Difference:
    label: str
    old: str
    new: str


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[Difference]:
    """Each field whose value differs, old and new in words, in the form's order."""
    names = _area_names()

    def normal(field: str, value: Any) -> Any:
        return sorted(value or []) if field in LIST_FIELDS else (value or "")

    return [
        Difference(
            label,
            in_words(field, before.get(field), names),
            in_words(field, after.get(field), names),
        )
        for field, label in FIELD_LABELS.items()
        if normal(field, before.get(field)) != normal(field, after.get(field))
    ] + [Difference(*row) for row in service_changes.record_differences(before, after)]


# Proposing ------------------------------------------------------------------------------------


def pending_change(organisation_id: int, user_id: int | None = None) -> ChangeRequest | None:
    """The waiting proposal for the entry (this person's, when given)."""
    statement = select(ChangeRequest).where(
        ChangeRequest.organisation_id == organisation_id,
        ChangeRequest.status == stages.ChangeStatus.PENDING,
    )
    if user_id is not None:
        statement = statement.where(ChangeRequest.proposed_by_id == user_id)
    return db.session.scalars(statement.order_by(ChangeRequest.id.desc())).first()


def pending_by_organisation(organisation_ids: list[int]) -> dict[int, ChangeRequest]:
    """The latest waiting proposal of each of these entries (one query)."""
    if not organisation_ids:
        return {}
    found: dict[int, ChangeRequest] = {}
    for change in db.session.scalars(
        select(ChangeRequest)
        .where(
            ChangeRequest.organisation_id.in_(organisation_ids),
            ChangeRequest.status == stages.ChangeStatus.PENDING,
        )
        .order_by(ChangeRequest.id)
    ):
        found[change.organisation_id] = change
    return found


def propose_change(
    organisation: Organisation, editor: Any, proposed: dict[str, Any], note: str
) -> ChangeRequest | None:
    """Send the editor's version for review, replacing a proposal of theirs still waiting.
    None when nothing would change (nothing is sent). A proposal that leaves out the services
    and venues leaves them as they are."""
    before = proposal_values(organisation)
    proposed = {kind: before[kind] for kind in service_changes.RECORD_KINDS} | proposed
    if not differences(before, proposed):
        return None
    db.session.execute(
        update(ChangeRequest)
        .where(
            ChangeRequest.organisation_id == organisation.id,
            ChangeRequest.proposed_by_id == editor.id,
            ChangeRequest.status == stages.ChangeStatus.PENDING,
        )
        .values(status=stages.ChangeStatus.SUPERSEDED)
    )
    change = ChangeRequest(
        organisation_id=organisation.id,
        proposed_by_id=editor.id,
        before=before,
        proposed=proposed,
        note=note,
    )
    db.session.add(change)
    db.session.flush()
    record_event(
        "directory_change_proposed",
        object_type="organisation",
        object_id=organisation.id,
        change=change.id,
    )
    return change


# Reviewing ------------------------------------------------------------------------------------


def pending_changes_statement() -> Select:
    """Proposals waiting for an officer, the oldest first (rows for a list page)."""
    return (
        select(
            ChangeRequest.id,
            ChangeRequest.created_at,
            Organisation.id.label("organisation_id"),
            Organisation.name,
            (Organisation.status == stages.SUGGESTED).label("is_new"),
        )
        .join(Organisation, Organisation.id == ChangeRequest.organisation_id)
        .where(ChangeRequest.status == stages.ChangeStatus.PENDING)
        .order_by(ChangeRequest.created_at, ChangeRequest.id)
    )


def current_values(change: ChangeRequest) -> dict[str, Any]:
    """What the entry says now, to compare a change with: a suggested organisation says
    nothing yet (its row only holds the suggestion's name until an officer approves it)."""
    if change.organisation.status == stages.SUGGESTED:
        return change.before
    return proposal_values(change.organisation)


def get_change(change_id: int) -> ChangeRequest | None:
    return db.session.get(ChangeRequest, change_id)


def apply_values(organisation: Organisation, values: dict[str, Any]) -> None:
    """Make the entry say ``values`` and keep its search words in step."""
    for field in ("name", "description", "kind", "phone", "email", "website", "address",
                  "postcode", "accessibility"):  # fmt: skip
        setattr(organisation, field, values.get(field) or "")
    organisation.languages = list(values.get("languages") or [])
    set_terms(organisation, COMMUNITIES.key, list(values.get("communities") or []))
    set_terms(organisation, LED_BY.key, list(values.get("led_by") or []))
    codes = list(values.get("areas") or [])
    organisation.areas = (
        list(db.session.scalars(select(LocalAuthority).where(LocalAuthority.code.in_(codes))))
        if codes
        else []
    )
    db.session.flush()
    index_organisation(organisation)


def approve_change(change: ChangeRequest, officer: Any, values: dict[str, Any]) -> None:
    """Make the entry say ``values`` (the proposal, or the officer's changes to it). The
    editor went through the whole entry, so it counts as confirmed today. Services and venues
    are made as proposed (the officer does not change those)."""
    if not stages.can_review(change):
        raise stages.DirectoryRefused(stages.ALREADY_REVIEWED)
    organisation = change.organisation
    current = proposal_values(organisation)
    if any(kind in change.proposed for kind in service_changes.RECORD_KINDS):
        after = service_changes.merged_records(current, change.before, change.proposed)
        if after != {kind: current[kind] for kind in service_changes.RECORD_KINDS}:
            service_changes.apply_records(organisation, after)
    apply_values(organisation, values)  # re-indexes search, services' categories included
    organisation.last_confirmed_at, organisation.reminders_sent = utcnow(), 0
    changed_by_officer = bool(differences(change.proposed, values))
    change.status = stages.ChangeStatus.APPROVED
    change.reviewed_at, change.reviewed_by_id = utcnow(), officer.id
    record_event(
        "directory_change_approved",
        object_type="organisation",
        object_id=organisation.id,
        change=change.id,
        changed_by_officer=changed_by_officer,
    )
    tell_proposer(change, "directory-change-approved",
                  f"Your changes are live: {organisation.name}",
                  changed_by_officer=changed_by_officer)  # fmt: skip


def reject_change(change: ChangeRequest, officer: Any, reason: str) -> None:
    if not stages.can_review(change):
        raise stages.DirectoryRefused(stages.ALREADY_REVIEWED)
    change.status = stages.ChangeStatus.REJECTED
    change.reason = reason
    change.reviewed_at, change.reviewed_by_id = utcnow(), officer.id
    record_event(
        "directory_change_rejected",
        object_type="organisation",
        object_id=change.organisation_id,
        change=change.id,
    )
    tell_proposer(change, "directory-change-rejected",
                  f"Your changes were not made: {change.organisation.name}")  # fmt: skip


def tell_proposer(change: ChangeRequest, kind: str, subject: str, **context: Any) -> None:
    editor = get_user(change.proposed_by_id) if change.proposed_by_id else None
    if editor is None:
        return
    queue_email(
        editor.email,
        kind,
        subject,
        user=editor,
        organisation=change.organisation,
        change=change,
        entry_url=external_url(
            "directory.public.organisation", organisation_id=change.organisation_id
        ),
        **context,
    )


# Confirming -----------------------------------------------------------------------------------


def confirm_still_right(organisation: Organisation, editor: Any) -> None:
    organisation.last_confirmed_at, organisation.reminders_sent = utcnow(), 0
    record_event("directory_entry_confirmed", object_type="organisation", object_id=organisation.id)
