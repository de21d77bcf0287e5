"""The VCFSE directory: organisations (indexed for search as the app does), their
classifications, services and venues."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import factory

from engage.core.db import db, utcnow
from engage.directory.importing.mapping import parse_feed
from engage.directory.importing.models import DirectoryImport
from engage.directory.models import (
    ChangeRequest,
    ClaimRequest,
    EditorInvitation,
    EntryReport,
    Location,
    Organisation,
    OrganisationTerm,
    SearchText,
    Service,
    ServiceAtLocation,
    new_uuid,
)
from engage.directory.services import index_organisation, set_terms
from tests.factories.accounts import UserFactory
from tests.factories.base import ModelFactory


class OrganisationFactory(ModelFactory):
    """A listed organisation confirmed a month ago. ``communities=[...]``, ``led_by=[...]``,
    ``areas=[LocalAuthority...]`` and ``services=[(name, category)...]`` classify it; it is
    indexed for search afterwards, as saving it in the app does."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Community Group {n}")
    description = "Friendly help and a place to meet."
    kind = "community_group"
    email = factory.Sequence(lambda n: f"group{n}@example.org")
    last_confirmed_at = factory.LazyFunction(lambda: utcnow() - timedelta(days=30))

    @factory.post_generation
    def communities(self, create: bool, extracted: list[str] | None, **_: Any) -> None:
        set_terms(self, "community", extracted or [])

    @factory.post_generation
    def led_by(self, create: bool, extracted: list[str] | None, **_: Any) -> None:
        set_terms(self, "led_by", extracted or [])

    @factory.post_generation
    def services(self, create: bool, extracted: list[tuple[str, str]] | None, **_: Any) -> None:
        for name, category in extracted or []:
            self.services.append(Service(name=name, category=category))

    @factory.post_generation
    def indexed(self, create: bool, extracted: Any, **_: Any) -> None:
        """Last: its search words, from everything above."""
        if create:
            db.session.flush()
            index_organisation(self)


class OrganisationTermFactory(ModelFactory):
    class Meta:
        model = OrganisationTerm

    organisation_id = factory.LazyFunction(lambda: OrganisationFactory().id)
    taxonomy = "community"
    code = "carers"


class ServiceFactory(ModelFactory):
    class Meta:
        model = Service

    organisation_id = factory.LazyFunction(lambda: OrganisationFactory().id)
    name = factory.Sequence(lambda n: f"Drop-in {n}")
    category = "advice"
    schedule = "Mondays, 10am to 12 noon"


class LocationFactory(ModelFactory):
    class Meta:
        model = Location

    organisation_id = factory.LazyFunction(lambda: OrganisationFactory().id)
    name = factory.Sequence(lambda n: f"Community Centre {n}")
    town = "Bootle"
    postcode = "L20 4AB"


class ServiceAtLocationFactory(ModelFactory):
    class Meta:
        model = ServiceAtLocation

    service_id = factory.LazyFunction(lambda: ServiceFactory().id)
    location_id = factory.LazyFunction(lambda: LocationFactory().id)


class SearchTextFactory(ModelFactory):
    """A search row for an organisation made without one (OrganisationFactory indexes its
    own)."""

    class Meta:
        model = SearchText

    organisation_id = factory.LazyFunction(lambda: _unindexed_organisation().id)
    name = "Unindexed group"
    body = "Words to find it by."


def _unindexed_organisation() -> Organisation:
    return OrganisationFactory(status="suggested")  # not listed: no search row


class ClaimRequestFactory(ModelFactory):
    """Someone asking an officer to make them an editor."""

    class Meta:
        model = ClaimRequest

    organisation_id = factory.LazyFunction(lambda: OrganisationFactory().id)
    user_id = factory.LazyFunction(lambda: UserFactory().id)
    method = "officer"
    role_at_organisation = "Volunteer coordinator"


class ChangeRequestFactory(ModelFactory):
    """Changes waiting for review: a new description."""

    class Meta:
        model = ChangeRequest

    organisation_id = factory.LazyFunction(lambda: OrganisationFactory().id)
    proposed_by_id = factory.LazyFunction(lambda: UserFactory().id)
    before = factory.LazyFunction(lambda: {"description": "Friendly help."})
    proposed = factory.LazyFunction(lambda: {"description": "Friendly help, and a café."})


class DirectoryImportFactory(ModelFactory):
    """An officer's preview of an Open Referral UK file with one new organisation in it."""

    class Meta:
        model = DirectoryImport

    officer_id = factory.LazyFunction(lambda: UserFactory(roles=["officer"]).id)
    filename = "feed.json"
    parsed = factory.LazyFunction(
        lambda: parse_feed(
            json.dumps(
                {"id": new_uuid(), "name": "Imported Community Group", "description": "Help."}
            ).encode()
        )
    )


class EditorInvitationFactory(ModelFactory):
    """An officer's invitation to edit an entry, not yet accepted (its link is not kept: a
    test makes one with engage.directory.invitations.LINKS.new_link)."""

    class Meta:
        model = EditorInvitation

    organisation_id = factory.LazyFunction(lambda: OrganisationFactory().id)
    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    invited_by_id = factory.LazyFunction(lambda: UserFactory(roles=["officer"]).id)


class EntryReportFactory(ModelFactory):
    class Meta:
        model = EntryReport

    organisation_id = factory.LazyFunction(lambda: OrganisationFactory().id)
    what_is_wrong = "The phone number has changed."


__all__ = [
    "ChangeRequestFactory",
    "ClaimRequestFactory",
    "DirectoryImportFactory",
    "EditorInvitationFactory",
    "EntryReportFactory",
    "LocationFactory",
    "OrganisationFactory",
    "OrganisationTermFactory",
    "SearchTextFactory",
    "ServiceAtLocationFactory",
    "ServiceFactory",
]
