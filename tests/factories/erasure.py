"""Erasure requests (engage/rights/erasure): a waiting request from a signed-in person."""

from __future__ import annotations

import factory

from engage.core.db import utcnow
from engage.rights.erasure.models import ErasureRequest
from engage.rights.erasure.stages import Status
from tests.factories.accounts import UserFactory
from tests.factories.base import ModelFactory


class ErasureRequestFactory(ModelFactory):
    class Meta:
        model = ErasureRequest

    user_id = factory.LazyFunction(lambda: UserFactory().id)
    email = factory.Sequence(lambda n: f"asker{n}@example.org")
    requested_at = factory.LazyFunction(utcnow)
    status = Status.REQUESTED
