"""Commissioning opportunities: an opportunity (published, open for a month, by default),
the communities it is for, editors' opt-in to its emails, responses and awards."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory

from engage.core.dates import uk_today
from engage.core.db import utcnow
from engage.directory.opportunities.models import (
    Opportunity,
    OpportunityAward,
    OpportunityCommunity,
    OpportunityEmailOptIn,
    OpportunityResponse,
)
from tests.factories.accounts import UserFactory
from tests.factories.base import ModelFactory
from tests.factories.directory import OrganisationFactory


class OpportunityFactory(ModelFactory):
    """``communities=[codes]`` and ``local_authorities=[LocalAuthority...]`` say who it is
    for. Published (not through the service: nobody is emailed) unless ``status`` says."""

    class Meta:
        model = Opportunity

    title = factory.Sequence(lambda n: f"Community engagement commission {n}")
    kind = "engagement"
    what_is_wanted = "Listening events with carers."
    how_to_apply = "Register interest here."
    value_pence = 1_500_000
    closes_on = factory.LazyFunction(lambda: uk_today() + timedelta(days=30))
    status = "published"
    published_at = factory.LazyFunction(utcnow)
    created_by_id = factory.LazyFunction(lambda: UserFactory(roles=["officer"]).id)

    @factory.post_generation
    def communities(self, create: bool, extracted: list[str] | None, **_: Any) -> None:
        self.communities = [OpportunityCommunity(code=code) for code in extracted or []]


class OpportunityCommunityFactory(ModelFactory):
    class Meta:
        model = OpportunityCommunity

    opportunity_id = factory.LazyFunction(lambda: OpportunityFactory().id)
    code = "carers"


class OpportunityEmailOptInFactory(ModelFactory):
    class Meta:
        model = OpportunityEmailOptIn

    user_id = factory.LazyFunction(lambda: UserFactory().id)
    organisation_id = factory.LazyFunction(lambda: OrganisationFactory().id)


class OpportunityResponseFactory(ModelFactory):
    class Meta:
        model = OpportunityResponse

    opportunity_id = factory.LazyFunction(lambda: OpportunityFactory().id)
    organisation_id = factory.LazyFunction(lambda: OrganisationFactory().id)
    user_id = factory.LazyFunction(lambda: UserFactory().id)
    kind = "interest"
    message = "We would like to hear more."


class OpportunityAwardFactory(ModelFactory):
    class Meta:
        model = OpportunityAward

    opportunity_id = factory.LazyFunction(lambda: OpportunityFactory(status="awarded").id)
    organisation_id = factory.LazyFunction(lambda: OrganisationFactory().id)
    value_pence = 1_000_000
    awarded_on = factory.LazyFunction(uk_today)
    recorded_by_id = factory.LazyFunction(lambda: UserFactory(roles=["officer"]).id)


__all__ = [
    "OpportunityAwardFactory",
    "OpportunityCommunityFactory",
    "OpportunityEmailOptInFactory",
    "OpportunityFactory",
    "OpportunityResponseFactory",
]
