"""People, their roles and recovery codes, and staff invitations."""

from __future__ import annotations

import hashlib
import secrets

import factory

from engage.accounts.models import ADMIN, OFFICER, Invitation, RecoveryCode, RoleGrant, User
from engage.accounts.passwords import hash_password
from engage.core.db import utcnow
from tests.factories.base import ModelFactory

PASSWORD = "correct horse battery staple"


class UserFactory(ModelFactory):
    """A verified resident; ``roles=[OFFICER]`` adds global roles."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    password_hash = factory.LazyFunction(lambda: hash_password(PASSWORD))
    email_verified_at = factory.LazyFunction(utcnow)

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        for role in extracted or []:
            self.roles.append(RoleGrant(role=role))


def officer(**kwargs: object) -> User:
    return UserFactory(roles=[OFFICER], **kwargs)


def admin(**kwargs: object) -> User:
    return UserFactory(roles=[ADMIN, OFFICER], **kwargs)


class RoleGrantFactory(ModelFactory):
    """A global officer role for a new person; ``scope_type``/``scope_id`` for one record."""

    class Meta:
        model = RoleGrant

    user = factory.SubFactory(UserFactory)
    role = OFFICER
    scope_type = ""
    scope_id = ""


class RecoveryCodeFactory(ModelFactory):
    """An unused recovery code for a new officer. The plain code is a parameter, kept off the
    row (only its hash is stored, as engage/accounts/mfa.py stores it)."""

    class Meta:
        model = RecoveryCode

    class Params:
        code = factory.LazyFunction(lambda: f"{secrets.token_hex(3)}-{secrets.token_hex(3)}")

    user = factory.SubFactory(UserFactory, roles=[OFFICER])
    code_hash = factory.LazyAttribute(
        lambda o: hashlib.sha256(o.code.replace("-", "").encode()).hexdigest()
    )


class InvitationFactory(ModelFactory):
    """An open invitation, sent by an administrator, to join as an officer."""

    class Meta:
        model = Invitation

    class Params:
        invited_by = factory.SubFactory(UserFactory, roles=[ADMIN, OFFICER])

    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    roles = OFFICER
    invited_by_id = factory.SelfAttribute("invited_by.id")
    created_at = factory.LazyFunction(utcnow)
    sent_at = factory.SelfAttribute("created_at")
    link_nonce = factory.LazyFunction(lambda: secrets.token_urlsafe(16))


__all__ = [
    "PASSWORD",
    "InvitationFactory",
    "RecoveryCodeFactory",
    "RoleGrantFactory",
    "UserFactory",
    "admin",
    "officer",
]
