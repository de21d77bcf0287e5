"""A small directory for the Open Referral UK API tests: four listed organisations, different
in every way the filters look at, each with a venue (three placed on the map, one not)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import update

from engage.core.db import db
from engage.directory.models import Organisation, Service
from tests.factories.directory import (
    LocationFactory,
    OrganisationFactory,
    ServiceAtLocationFactory,
)
from tests.recruitment.helpers import ensure_reference_data

LONG_AGO = datetime(2024, 1, 1, tzinfo=UTC)

# key: (organisation fields, services (name, category), venue (postcode, latitude, longitude))
ORGANISATIONS: dict[str, tuple[dict[str, Any], list[tuple[str, str]], tuple]] = {
    "carers": (
        {"name": "Anfield Carers Circle", "description": "Support for unpaid carers.",
         "kind": "charity", "communities": ["carers", "older"], "phone": "0151 496 0001",
         "website": "https://example.org/carers", "languages": ["English", "Urdu"]},
        [("Carers' café", "social")],
        ("L4 0TH", 53.4370, -2.9640),
    ),
    "deaf": (
        {"name": "Wallasey Deaf Club", "description": "A club for Deaf people, run in BSL.",
         "kind": "community_group", "communities": ["deaf"], "led_by": ["disabled"]},
        [("Sign language classes", "language")],
        ("CH44 5UR", 53.4230, -3.0450),
    ),
    "pantry": (
        {"name": "Toxteth Family Pantry", "description": "Food for families on low incomes.",
         "kind": "social_enterprise", "communities": ["low_income"]},
        [("Food pantry", "food"), ("Debt advice", "money")],
        ("L8 1AB", 53.3905, -2.9655),
    ),
    "sisters": (
        {"name": "Bootle Sisters", "description": "Women supporting women.", "kind": "cic",
         "communities": ["women"], "led_by": ["women"], "website": "not a web address"},
        [("Advice line", "advice")],
        ("L20 4AB", None, None),
    ),
}  # fmt: skip


def make_directory(app: Any) -> dict[str, dict[str, Any]]:
    """The four organisations, their services' and venues' UUIDs by key; every record last
    changed on LONG_AGO, except the pantry's food service, changed now."""
    ensure_reference_data(app)
    made: dict[str, dict[str, Any]] = {}
    with app.app_context():
        for key, (fields, services, (postcode, latitude, longitude)) in ORGANISATIONS.items():
            organisation = OrganisationFactory(**fields, services=services)
            place = LocationFactory(
                organisation_id=organisation.id,
                name=f"{fields['name']} venue",
                address="1 Church Road\nSecond floor",
                town="Liverpool",
                postcode=postcode,
                latitude=latitude,
                longitude=longitude,
                accessibility="Step-free entrance.",
            )
            links = [
                ServiceAtLocationFactory(service_id=service.id, location_id=place.id)
                for service in organisation.services
            ]
            made[key] = {
                "organisation": organisation.uuid,
                "services": {service.name: service.uuid for service in organisation.services},
                "location": place.uuid,
                "links": [link.uuid for link in links],
                "name": organisation.name,
            }
        db.session.execute(update(Organisation).values(updated_at=LONG_AGO))
        db.session.execute(update(Service).values(updated_at=LONG_AGO))
        db.session.execute(
            update(Service)
            .where(Service.name == "Food pantry")
            .values(updated_at=datetime.now(UTC) - timedelta(minutes=1))
        )
        db.session.commit()
    return made
