"""Shared set-up for the commissioning opportunities tests."""

from __future__ import annotations

from sqlalchemy import func, select

from engage.core.db import db
from engage.core.email import OutboxMessage
from engage.reference.models import LocalAuthority
from tests.factories import RoleGrantFactory
from tests.factories.opportunities import OpportunityEmailOptInFactory

LIVERPOOL, WIRRAL, KNOWSLEY = "E08000012", "E08000015", "E08000011"
EMAIL_KIND = "directory-opportunity-published"


def authority(app, code: str) -> LocalAuthority:
    with app.app_context():
        return db.session.scalars(select(LocalAuthority).where(LocalAuthority.code == code)).one()


def make_editor(app, user, *organisations, opted_in: bool = False) -> None:
    """``user`` edits these organisations (and asked for opportunity emails for each)."""
    with app.app_context():
        for organisation in organisations:
            RoleGrantFactory(user=user, role="organisation_editor", scope_type="organisation",
                             scope_id=str(organisation.id))  # fmt: skip
            if opted_in:
                OpportunityEmailOptInFactory(user_id=user.id, organisation_id=organisation.id)


def emails_sent(app) -> list[str]:
    """The recipients of opportunity emails, in order."""
    with app.app_context():
        return list(
            db.session.scalars(
                select(OutboxMessage.recipient)
                .where(OutboxMessage.kind == EMAIL_KIND)
                .order_by(OutboxMessage.id)
            )
        )


def count_of(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))
