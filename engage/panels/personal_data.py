"""What the panels hold about a person, for their data download: their seats on panels, with
the terms, roles and how they are listed publicly (one query)."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from engage.core.data_subject import DataSubject
from engage.core.db import db
from engage.core.personal_data import PersonalSection, record, section, sections
from engage.panels.models import PanelMembership


def personal_data(subject: DataSubject) -> list[PersonalSection]:
    """Seats held by the account or appointed to its confirmed email address. Someone known
    only by an application's reference gets that application (recruitment), not a seat."""
    conditions = []
    if subject.user_id is not None:
        conditions.append(PanelMembership.user_id == subject.user_id)
    if subject.email and not subject.by_reference:
        conditions.append(func.lower(PanelMembership.email) == subject.email.strip().lower())
    if not conditions:
        return []
    memberships = db.session.scalars(
        select(PanelMembership)
        .where(or_(*conditions))
        .order_by(PanelMembership.term_start, PanelMembership.id)
    ).all()
    return sections(
        section(
            "Panel membership",
            [
                record(
                    f"{membership.panel.name}: {membership.role_label}",
                    ("Panel", membership.panel.name),
                    ("Role", membership.role_label),
                    ("Email address", membership.email),
                    ("Term starts", membership.term_start),
                    ("Term ends", membership.term_end),
                    ("Listed on the public panel page", membership.listed_publicly),
                    ("Name shown publicly", membership.public_name),
                    ("Ended", membership.ended_at),
                    ("Why it ended", membership.ended_reason),
                )
                for membership in memberships
            ],
        )
    )
