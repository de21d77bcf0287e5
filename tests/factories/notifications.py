"""Email preferences: an optional kind of email a person turned off."""

from __future__ import annotations

import factory

from engage.accounts.notifications import EmailOptOut
from tests.factories.accounts import UserFactory
from tests.factories.base import ModelFactory


class EmailOptOutFactory(ModelFactory):
    class Meta:
        model = EmailOptOut

    class Params:
        user = factory.SubFactory(UserFactory)

    user_id = factory.SelfAttribute("user.id")
    kind = "policy-draft-opened"


__all__ = ["EmailOptOutFactory"]
