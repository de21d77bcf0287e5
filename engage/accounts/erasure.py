"""Erasing a person's account, last of all their records (engage/rights asks every feature
first, so their records that must stay are unlinked from it before it goes).

The account goes with its roles, recovery codes and two-factor settings; records other
features keep point at nobody afterwards (their links are SET NULL). Kept instead:
- a staff account: staff leave through People and roles, where an administrator removes
  their roles and disables the account; their work (decisions, responses) stays the
  authority's record;
- an account a feature still needs (``account_needed``, the reason in words), such as a
  panel member's while they serve.
The audit log is not erased: it keeps what was done, when and from where, for
accountability, and its entries stop naming the account once it is deleted."""

from __future__ import annotations

from sqlalchemy import delete as sql_delete

from engage.accounts.models import User
from engage.core.data_subject import DataSubject
from engage.core.db import db
from engage.core.erasure import ErasurePlan, ErasureResult, delete, keep

FEATURE = "Account"
STAFF_REASON = (
    "This is a staff account. Staff accounts are closed by an administrator in People and "
    "roles (remove the roles, then disable the account), not by an erasure request: what "
    "staff did stays the authority's record."
)
AUDIT_REASON = (
    "The audit log of what was done on the service, when and from where is kept for "
    "accountability until its retention period ends; once the account is deleted its "
    "entries no longer name it."
)


def _plan(user: User | None, account_needed: str) -> ErasurePlan:
    plan = ErasurePlan(FEATURE)
    if user is None:
        return plan
    if user.is_staff:
        plan.items.append(keep("The staff account", STAFF_REASON))
    elif account_needed:
        plan.items.append(keep("The account", account_needed))
    else:
        plan.items.append(
            delete(
                "The account: name, email address, password, roles, sign-in and two-factor settings"
            )
        )
    plan.items.append(keep("Audit log entries of what the person did", AUDIT_REASON))
    return plan


def _user(subject: DataSubject) -> User | None:
    return db.session.get(User, subject.user_id) if subject.user_id is not None else None


def erasure_plan(subject: DataSubject, account_needed: str = "") -> ErasurePlan:
    return _plan(_user(subject), account_needed)


def erase(subject: DataSubject, account_needed: str = "") -> ErasureResult:
    """Delete the account unless it must stay. Does not commit; call it after every other
    feature's ``erase``."""
    user = _user(subject)
    plan = _plan(user, account_needed)
    if user is not None and not user.is_staff and not account_needed:
        user_id = user.id
        db.session.expunge(user)
        # Roles and recovery codes go with it (ON DELETE CASCADE); other features' links
        # to it are SET NULL.
        db.session.execute(
            sql_delete(User).where(User.id == user_id).execution_options(synchronize_session=False)
        )
    return ErasureResult(FEATURE, list(plan.items))
