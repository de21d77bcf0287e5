"""Erasure requests: asking, the plan (what each feature would delete, anonymise and keep,
computed live), carrying a request out or refusing it, and telling the person. Routes
commit.

Every feature is asked through its ``api`` (``erasure_plan`` / ``erase``); the account goes
last, so each feature can first unlink what it keeps. Handling is claimed by one conditional
UPDATE (status still "requested"): of two members of staff who click at once, only one
carries it out; on PostgreSQL the second waits on the row lock, then finds it handled."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, select, update

from engage.accounts import api as accounts
from engage.consultations import api as consultations
from engage.core.audit import record_event
from engage.core.data_subject import DataSubject
from engage.core.db import db, utcnow
from engage.core.email import queue_email
from engage.core.erasure import Action, ErasurePlan, ErasureResult, Item
from engage.directory import api as directory
from engage.panels import api as panels
from engage.policies import api as policies
from engage.recruitment import api as recruitment
from engage.rights.erasure import stages
from engage.rights.erasure.models import ErasureRequest
from engage.rights.references import account_subject
from engage.stories import api as stories

# In the order they are erased; the account comes after them all.
FEATURES = (recruitment, panels, policies, consultations, stories, directory)


@dataclass
class Plan:
    """Every feature's plan, the account's last."""

    plans: list[ErasurePlan]

    @property
    def items(self) -> list[Item]:
        return [item for plan in self.plans for item in plan.items]

    def count(self, action: Action) -> int:
        return sum(1 for item in self.items if item.action == action)

    @property
    def empty(self) -> bool:
        return not self.items


def subject_of(request: ErasureRequest) -> DataSubject:
    """Whose data the request is about, as it stands now."""
    if request.user_id is not None:
        user = accounts.get_user(request.user_id)
        if user is None:
            return DataSubject()
        return account_subject(user)
    if request.reference:
        return DataSubject(reference=request.reference, email=request.email or None)
    return DataSubject()


def _account_needed(plans: list[ErasurePlan]) -> str:
    """Why the account must stay, when a feature says it must (a seat held now)."""
    return next((plan.account_needed for plan in plans if plan.account_needed), "")


def plan_for(subject: DataSubject) -> Plan:
    plans = [feature.erasure_plan(subject) for feature in FEATURES]
    plans.append(accounts.erasure_plan(subject, _account_needed(plans)))
    return Plan([plan for plan in plans if plan.items])


# Asking -----------------------------------------------------------------------------------


def waiting_request_of(user_id: int) -> ErasureRequest | None:
    return db.session.scalars(
        select(ErasureRequest).where(
            ErasureRequest.user_id == user_id, ErasureRequest.status == stages.Status.REQUESTED
        )
    ).first()


def waiting_request_by_reference(reference: str) -> ErasureRequest | None:
    return db.session.scalars(
        select(ErasureRequest).where(
            ErasureRequest.reference == reference.strip().upper(),
            ErasureRequest.status == stages.Status.REQUESTED,
        )
    ).first()


def ask(user: Any) -> ErasureRequest:
    """A signed-in person asks for their data to be erased (once: a waiting request is
    returned as it is)."""
    found = waiting_request_of(user.id)
    if found is not None:
        return found
    request = ErasureRequest(user_id=user.id, email=user.email)
    db.session.add(request)
    db.session.flush()
    record_event("erasure_requested", object_type="erasure_request", object_id=request.id)
    return request


def ask_by_reference(reference: str, email: str) -> ErasureRequest:
    """Someone without an account, proven by the link emailed to the address on the record
    ``reference`` names, asks for that record to be erased."""
    reference = reference.strip().upper()
    found = waiting_request_by_reference(reference)
    if found is not None:
        return found
    request = ErasureRequest(reference=reference, email=email)
    db.session.add(request)
    db.session.flush()
    record_event(
        "erasure_requested", object_type="erasure_request", object_id=request.id,
        by_reference=True,
    )  # fmt: skip
    return request


# The staff list ---------------------------------------------------------------------------


def requests_statement() -> Select:
    """Waiting requests first (oldest first), then the handled ones, newest first."""
    waiting = ErasureRequest.status == stages.Status.REQUESTED
    return select(ErasureRequest).order_by(
        case((waiting, 0), else_=1),
        case((waiting, ErasureRequest.requested_at), else_=None),
        ErasureRequest.handled_at.desc(),
        ErasureRequest.id.desc(),
    )


def get_request(request_id: int) -> ErasureRequest | None:
    return db.session.get(ErasureRequest, request_id)


# Handling ---------------------------------------------------------------------------------


def _claim(request: ErasureRequest, status: stages.Status, by: Any) -> None:
    """Move the request out of "requested", or refuse if someone else already did."""
    claimed = db.session.execute(
        update(ErasureRequest)
        .where(ErasureRequest.id == request.id, ErasureRequest.status == stages.Status.REQUESTED)
        .values(status=status, handled_by_id=by.id, handled_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(request)
    if claimed.rowcount != 1:
        stages.check_waiting(request)  # raises: handled by someone else first


def _address(request: ErasureRequest) -> str:
    """Where to tell them: the account's address now (it may have changed since they
    asked), else the one they asked with."""
    user = accounts.get_user(request.user_id) if request.user_id is not None else None
    return user.email if user is not None else request.email


def _forget_who(request: ErasureRequest, *, told: bool) -> None:
    """After telling them: the request keeps nothing that identifies the person."""
    request.told_at = utcnow() if told else None
    request.user_id, request.reference, request.email = None, "", ""


def carry_out(request: ErasureRequest, by: Any) -> list[ErasureResult]:
    """Erase what the plan lists now, record it, email the person. Raises AlreadyHandled if
    it was handled first by someone else. Does not commit."""
    _claim(request, stages.Status.CARRIED_OUT, by)
    subject, address = subject_of(request), _address(request)
    # Whether the account must stay is worked out before any feature changes anything.
    needed = _account_needed([feature.erasure_plan(subject) for feature in FEATURES])
    results = [feature.erase(subject) for feature in FEATURES]
    results.append(accounts.erase(subject, needed))
    results = [result for result in results if result.items]
    request.record = [result.as_dict() for result in results]
    items = [item for result in results for item in result.items]
    if address:
        queue_email(
            address, "erasure-carried-out", "We have erased your data",
            deleted=[i for i in items if i.action == Action.DELETE],
            anonymised=[i for i in items if i.action == Action.ANONYMISE],
            kept=[i for i in items if i.action == Action.KEEP],
        )  # fmt: skip
    _forget_who(request, told=bool(address))
    record_event(
        "erasure_carried_out", object_type="erasure_request", object_id=request.id,
        deleted=sum(1 for i in items if i.action == Action.DELETE),
        anonymised=sum(1 for i in items if i.action == Action.ANONYMISE),
        kept=sum(1 for i in items if i.action == Action.KEEP),
    )  # fmt: skip
    return results


def refuse(request: ErasureRequest, reason: str, by: Any) -> None:
    """Refuse with a reason the person is told. Raises AlreadyHandled. Does not commit."""
    _claim(request, stages.Status.REFUSED, by)
    request.refusal_reason = reason
    address = _address(request)
    if address:
        queue_email(address, "erasure-refused", "We have not erased your data", reason=reason)
    _forget_who(request, told=bool(address))
    record_event("erasure_refused", object_type="erasure_request", object_id=request.id)


def recorded_items(request: ErasureRequest) -> list[tuple[str, list[Item]]]:
    """The record of what was done, by feature."""
    return [
        (entry.get("feature", ""), [Item.from_dict(item) for item in entry.get("items", [])])
        for entry in request.record or []
    ]
