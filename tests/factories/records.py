"""Core's records: audit events and outbox messages."""

from __future__ import annotations

import factory

from engage.core.audit import AuditEvent
from engage.core.db import utcnow
from engage.core.email import FAILED, PENDING, SENT, OutboxMessage
from tests.factories.accounts import UserFactory
from tests.factories.base import ModelFactory


class AuditEventFactory(ModelFactory):
    """A person signing in, now; ``actor=user`` for someone made earlier."""

    class Meta:
        model = AuditEvent

    class Params:
        actor = factory.SubFactory(UserFactory)

    occurred_at = factory.LazyFunction(utcnow)
    actor_id = factory.SelfAttribute("actor.id")
    action = "sign_in"
    object_type = "user"
    object_id = factory.LazyAttribute(lambda o: str(o.actor.id))
    ip_address = "127.0.0.1"
    user_agent = "pytest"
    details = factory.Dict({})


class OutboxMessageFactory(ModelFactory):
    """A message waiting to be sent. ``sent=True`` or ``failed=True`` for one whose text has
    been cleared, as the sender clears it."""

    class Meta:
        model = OutboxMessage

    class Params:
        sent = factory.Trait(
            status=SENT, subject=None, body=None, attempts=1, sent_at=factory.LazyFunction(utcnow)
        )
        failed = factory.Trait(
            status=FAILED, subject=None, body=None, attempts=5, last_error="550 No such user"
        )

    created_at = factory.LazyFunction(utcnow)
    recipient = factory.Sequence(lambda n: f"recipient{n}@example.org")
    kind = "verify-email"
    subject = "Confirm your email address for LCR Engage"
    body = "Confirm your email address by following this link."
    status = PENDING
    attempts = 0


__all__ = ["AuditEventFactory", "OutboxMessageFactory"]
