"""factory_boy factories for test data."""

from __future__ import annotations

import factory
from factory.alchemy import SQLAlchemyModelFactory

from engage.accounts.models import ADMIN, OFFICER, RoleGrant, User
from engage.accounts.passwords import hash_password
from engage.core.db import db, utcnow

PASSWORD = "correct horse battery staple"


class UserFactory(SQLAlchemyModelFactory):
    class Meta:
        model = User
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "commit"

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    password_hash = factory.LazyFunction(lambda: hash_password(PASSWORD))
    email_verified_at = factory.LazyFunction(utcnow)

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs) -> None:
        for role in extracted or []:
            self.roles.append(RoleGrant(role=role))
        if create:
            db.session.commit()
            # Load everything now, so the object stays readable after its app context ends
            # (tests must not hold an app context open while the client makes requests).
            db.session.refresh(self)


def officer(**kwargs) -> User:
    return UserFactory(roles=[OFFICER], **kwargs)


def admin(**kwargs) -> User:
    return UserFactory(roles=[ADMIN, OFFICER], **kwargs)
