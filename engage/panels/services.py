"""The panels' rules: public texts, who is recruiting, memberships and the members' area.

Routes call these and commit; each change adds its audit event and emails to the same
transaction. Being a current member (see ``PanelMembership.is_current``) is what opens a
panel's members' area (engage/panels/access.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, case, func, select, update

from engage.accounts.api import User, find_user_by_email, normalise_email
from engage.core.audit import record_event
from engage.core.dates import uk_today
from engage.core.db import db, utcnow
from engage.core.email import queue_email
from engage.core.urls import external_url
from engage.panels.models import Panel, PanelMembership
from engage.panels.recruiting import RecruitingRound, recruitment_facts
from engage.panels.stages import (
    check_can_end,
    check_can_renew,
    check_term,
    current_on,
    membership_state,
)
from engage.panels.texts import PANEL_TEXTS, SUPERSEDED, TEXT_FIELDS

TERM_YEARS = 2
# What fellow members see for a member with no name on record (every appointment records one;
# only very old records may lack it). Never their email address.
NO_NAME = "A member whose name we do not have"


# Panels and their public pages --------------------------------------------------------------


def panels() -> list[Panel]:
    return list(db.session.scalars(select(Panel).order_by(Panel.name)))


def upsert_panel(code: str, name: str) -> Panel:
    panel = db.session.scalars(select(Panel).where(Panel.code == code)).first()
    if panel is None:
        panel = Panel(code=code, name=name)
        db.session.add(panel)
    else:
        panel.name = name
    return panel


def panels_with_ids(panel_ids: list[int]) -> list[Panel]:
    return list(db.session.scalars(select(Panel).where(Panel.id.in_(panel_ids))))


def get_panel(code: str) -> Panel | None:
    return db.session.scalars(select(Panel).where(Panel.code == code)).first()


def apply_panel_texts() -> int:
    """Fill each panel's empty public texts from engage/panels/texts.py, and replace a text
    this service once filled in and has since corrected (``SUPERSEDED``). Officers' own
    words are never overwritten, so this is safe to run on every release. Returns fields
    filled."""
    filled = 0
    for panel in panels():
        for name, text in PANEL_TEXTS.get(panel.code, {}).items():
            current = (getattr(panel, name) or "").strip()
            if name in TEXT_FIELDS and (not current or current in SUPERSEDED.get(name, ())):
                setattr(panel, name, text)
                filled += 1
    return filled


def recruiting_rounds(today: date | None = None) -> dict[int, list[RecruitingRound]]:
    """Open rounds by panel id: a panel is recruiting while a round including it is open."""
    by_panel: dict[int, list[RecruitingRound]] = {}
    for round_ in recruitment_facts().open_rounds(today or uk_today()):
        for panel_id in round_.panel_ids:
            by_panel.setdefault(panel_id, []).append(round_)
    return by_panel


ROLE_ORDER = {"chair": 0, "vice_chair": 1}


def _by_role_then_name(memberships: list[PanelMembership], names: dict[int, str]) -> list:
    return sorted(
        memberships, key=lambda m: (ROLE_ORDER.get(m.role, 2), names.get(m.id, "").lower())
    )


def listed_members(panel: Panel, today: date | None = None) -> list[PanelMembership]:
    """Current members who agreed to be named on the public page (under public_name only)."""
    today = today or uk_today()
    memberships = list(
        db.session.scalars(
            select(PanelMembership).where(
                PanelMembership.panel_id == panel.id,
                PanelMembership.listed_publicly.is_(True),
                PanelMembership.public_name != "",
                *current_on(today),
            )
        )
    )
    return _by_role_then_name(memberships, {m.id: m.public_name for m in memberships})


# Creating, renewing and ending memberships --------------------------------------------------


def default_term(start: date) -> tuple[date, date]:
    """A term of TERM_YEARS years: 1 April 2026 to 31 March 2028."""
    try:
        end = start.replace(year=start.year + TERM_YEARS)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + TERM_YEARS, day=28)
    return start, end - timedelta(days=1)


def _verified_user(email: str) -> User | None:
    # Only a confirmed address proves the account belongs to the person appointed.
    user = find_user_by_email(email)
    return user if user is not None and user.is_verified else None


def _recipient(membership: PanelMembership) -> tuple[str, str]:
    """Where to email a member, and the name to greet them by."""
    user = db.session.get(User, membership.user_id) if membership.user_id else None
    if user is not None:
        return user.email, user.full_name
    return membership.email, membership.public_name


def _email_member(membership: PanelMembership, kind: str, subject: str, **context: Any) -> None:
    email, name = _recipient(membership)
    queue_email(
        email,
        kind,
        subject,
        name=name,
        membership=membership,
        panel=membership.panel,
        has_account=membership.user_id is not None,
        members_url=external_url("panels.members_home"),
        register_url=external_url("accounts.register"),
        sign_in_url=external_url("accounts.sign_in"),
        **context,
    )


def create_membership(
    panel: Panel,
    *,
    email: str,
    role: str,
    term_start: date,
    term_end: date,
    listed_publicly: bool,
    public_name: str,
    user_id: int | None = None,
    application_id: int | None = None,
    notify: bool = True,
) -> PanelMembership:
    """Appoint someone for a term and email them how to reach the members' area (unless
    ``notify`` is False: the demo's fictional members are not emailed). Without a user, the
    membership waits for an account with this email (link_memberships_to_user)."""
    check_term(role, term_start, term_end)
    email = normalise_email(email)
    if user_id is None:
        user = _verified_user(email)
        user_id = user.id if user else None
    membership = PanelMembership(
        panel=panel,
        user_id=user_id,
        email=email,
        role=role,
        term_start=term_start,
        term_end=term_end,
        listed_publicly=listed_publicly,
        public_name=public_name.strip(),
        application_id=application_id,
    )
    db.session.add(membership)
    db.session.flush()
    record_event(
        "panel_membership_created",
        object_type="panel_membership",
        object_id=membership.id,
        panel=panel.code,
        role=role,
        application_id=application_id,
    )
    if notify:
        _email_member(membership, "membership-appointed", f"Welcome to the {panel.name}")
    return membership


def get_membership(panel: Panel, membership_id: int) -> PanelMembership | None:
    membership = db.session.get(PanelMembership, membership_id)
    return membership if membership is not None and membership.panel_id == panel.id else None


def was_renewed(membership: PanelMembership) -> bool:
    return (
        db.session.scalar(
            select(PanelMembership.id).where(PanelMembership.renewed_from_id == membership.id)
        )
        is not None
    )


def renew_membership(
    membership: PanelMembership, *, role: str, term_start: date, term_end: date
) -> PanelMembership:
    """A new term, as a new membership row pointing at the one it follows."""
    check_can_renew(membership, already_renewed=was_renewed(membership), term_start=term_start)
    check_term(role, term_start, term_end, renewal=True)
    renewal = PanelMembership(
        panel_id=membership.panel_id,
        user_id=membership.user_id,
        email=membership.email,
        role=role,
        term_start=term_start,
        term_end=term_end,
        listed_publicly=membership.listed_publicly,
        public_name=membership.public_name,
        renewed_from_id=membership.id,
    )
    db.session.add(renewal)
    db.session.flush()
    db.session.refresh(renewal)  # loads the panel for the email
    record_event(
        "panel_membership_renewed",
        object_type="panel_membership",
        object_id=renewal.id,
        renewed_from=membership.id,
        role=role,
    )
    _email_member(renewal, "membership-renewed", f"Your {renewal.panel.name} membership is renewed")
    return renewal


def end_membership(membership: PanelMembership, *, reason: str) -> None:
    check_can_end(membership)
    membership.ended_at = utcnow()
    membership.ended_reason = reason.strip()
    record_event(
        "panel_membership_ended",
        object_type="panel_membership",
        object_id=membership.id,
        panel=membership.panel.code,
    )
    _email_member(
        membership, "membership-ended", f"Your {membership.panel.name} membership has ended"
    )


def link_memberships_to_user(user: User) -> int:
    """Give a verified account the memberships appointed to its email before it existed.
    Call after an address is confirmed (verification, email change, reset, invitation) and
    at sign-in. Returns how many were linked."""
    if not user.is_verified:
        return 0
    # Read first: this runs on every view of the members' area, and an UPDATE, even of no
    # rows, takes the database's write lock (on SQLite, the whole file) until the request ends.
    waiting = db.session.scalars(
        select(PanelMembership.id).where(
            PanelMembership.user_id.is_(None),
            func.lower(PanelMembership.email) == normalise_email(user.email),
        )
    ).all()
    if not waiting:
        return 0
    result = db.session.execute(
        update(PanelMembership)
        .where(PanelMembership.id.in_(waiting), PanelMembership.user_id.is_(None))
        .values(user_id=user.id)
        .execution_options(synchronize_session="fetch")
    )
    linked = result.rowcount or 0
    if linked:
        record_event(
            "panel_memberships_linked", object_type="user", object_id=user.id, count=linked
        )
    return linked


# Lists for officers and members --------------------------------------------------------------


@dataclass
class MembershipRow:
    membership: PanelMembership
    name: str
    state: str


def memberships_statement(panel: Panel) -> Select:
    """Every membership of a panel, the latest terms first."""
    return (
        select(PanelMembership)
        .where(PanelMembership.panel_id == panel.id)
        .order_by(PanelMembership.term_end.desc(), PanelMembership.id.desc())
    )


def member_names(
    memberships: list[PanelMembership], *, fallback: str | None = None
) -> dict[int, str]:
    """Each membership's name: the account's full name, else the name recorded at
    appointment, else ``fallback`` (officers see the email; fellow members must not).
    One query for the lot."""
    user_ids = {m.user_id for m in memberships if m.user_id}
    names = (
        dict(db.session.execute(select(User.id, User.full_name).where(User.id.in_(user_ids))).all())
        if user_ids
        else {}
    )
    return {
        m.id: names.get(m.user_id) or m.public_name or (fallback or m.email) for m in memberships
    }


def membership_rows(
    memberships: list[PanelMembership], today: date | None = None
) -> list[MembershipRow]:
    today = today or uk_today()
    names = member_names(memberships)
    return [MembershipRow(m, names[m.id], membership_state(m, today)) for m in memberships]


def renewed_ids(memberships: list[PanelMembership]) -> set[int]:
    """Which of these memberships already have a renewal (one query)."""
    ids = [m.id for m in memberships]
    if not ids:
        return set()
    return set(
        db.session.scalars(
            select(PanelMembership.renewed_from_id).where(PanelMembership.renewed_from_id.in_(ids))
        )
    )


def memberships_of_user(user: Any) -> Select:
    return (
        select(PanelMembership)
        .where(PanelMembership.user_id == user.id)
        .order_by(PanelMembership.term_end.desc(), PanelMembership.id.desc())
    )


def current_membership(
    user: Any, panel: Panel, today: date | None = None
) -> PanelMembership | None:
    today = today or uk_today()
    return db.session.scalars(
        select(PanelMembership)
        .where(
            PanelMembership.panel_id == panel.id,
            PanelMembership.user_id == user.id,
            *current_on(today),
        )
        .order_by(PanelMembership.term_end.desc())
        .limit(1)
    ).first()


def panel_contact(panel: Panel) -> User | None:
    """Who panel members can contact about their panel: the officer who led its latest
    recruitment round, if there is one and they are still staff."""
    user_id = recruitment_facts().contact_officer_id(panel.id)
    user = db.session.get(User, user_id) if user_id else None
    return user if user is not None and user.has_role("officer") else None


def fellow_members_statement(panel: Panel, today: date | None = None) -> Select:
    """Current members of a panel, for the members' area (names, never contact details)."""
    today = today or uk_today()
    return (
        select(PanelMembership)
        .where(PanelMembership.panel_id == panel.id, *current_on(today))
        .order_by(
            case(ROLE_ORDER, value=PanelMembership.role, else_=len(ROLE_ORDER)),
            PanelMembership.id,
        )
    )
