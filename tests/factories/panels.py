"""The Equality Panels and their members' seats."""

from __future__ import annotations

from datetime import timedelta

import factory

from engage.core.dates import uk_today
from engage.panels.models import MEMBER, Panel, PanelMembership
from tests.factories.accounts import UserFactory
from tests.factories.base import ModelFactory


class PanelFactory(ModelFactory):
    """A made-up panel. Its code never clashes with the three that load_reference_data()
    adds, so a test may have both."""

    class Meta:
        model = Panel

    code = factory.Sequence(lambda n: f"test-panel-{n}")
    name = factory.Sequence(lambda n: f"Test Equality Panel {n}")
    summary = "Advises the Combined Authority on its plans."
    who_for = "People who live, work or study in the city region."
    time_commitment = "Meetings in the evening, online or in person."
    support_offered = "We pay travel and care costs."


class PanelMembershipFactory(ModelFactory):
    """A current member's seat (a month in, about two years to go), with an account.
    ``user=None, email=...`` for an appointee who has not signed up yet."""

    class Meta:
        model = PanelMembership

    class Params:
        user = factory.SubFactory(UserFactory)

    panel = factory.SubFactory(PanelFactory)
    user_id = factory.LazyAttribute(lambda o: o.user.id if o.user else None)
    email = factory.LazyAttributeSequence(
        lambda o, n: o.user.email if o.user else f"member{n}@example.org"
    )
    role = MEMBER
    term_start = factory.LazyFunction(lambda: uk_today() - timedelta(days=30))
    term_end = factory.LazyFunction(lambda: uk_today() + timedelta(days=700))
    listed_publicly = False
    public_name = ""


__all__ = ["PanelFactory", "PanelMembershipFactory"]
