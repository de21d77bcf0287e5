"""Fictional organisations for the demo (about 320, like the real directory) and for the scale
generator (any number, inserted in bulk). Names are made from real places in the city region
and made-up words: none is meant to be a real organisation."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select

from engage.core.db import db
from engage.directory import stages
from engage.directory.models import (
    Location,
    Organisation,
    OrganisationTerm,
    SearchText,
    Service,
    ServiceAtLocation,
    new_uuid,
    organisation_area,
)
from engage.directory.postcodes import approximate_position
from engage.directory.search import fold
from engage.directory.services import search_facets, search_words
from engage.directory.taxonomy import COMMUNITIES, KINDS, LED_BY
from engage.reference.api import LocalAuthority

DEMO_COUNT = 320

# Neighbourhoods of each local authority (by ONS code), with a postcode district there.
PLACES = {
    "E06000006": [("Widnes", "WA8"), ("Runcorn", "WA7"), ("Halebank", "WA8"), ("Ditton", "WA8")],
    "E08000011": [("Kirkby", "L32"), ("Huyton", "L36"), ("Prescot", "L34"), ("Halewood", "L26")],
    "E08000012": [
        ("Toxteth", "L8"),
        ("Anfield", "L4"),
        ("Everton", "L5"),
        ("Kensington", "L7"),
        ("Walton", "L9"),
        ("Garston", "L19"),
        ("Speke", "L24"),
        ("Old Swan", "L13"),
        ("Wavertree", "L15"),
        ("Croxteth", "L11"),
    ],
    "E08000013": [
        ("Parr", "WA9"),
        ("Haydock", "WA11"),
        ("Thatto Heath", "WA9"),
        ("Newton-le-Willows", "WA12"),
    ],
    "E08000014": [
        ("Bootle", "L20"),
        ("Southport", "PR9"),
        ("Crosby", "L23"),
        ("Litherland", "L21"),
        ("Maghull", "L31"),
    ],
    "E08000015": [
        ("Birkenhead", "CH41"),
        ("Wallasey", "CH44"),
        ("Bebington", "CH63"),
        ("Moreton", "CH46"),
        ("Rock Ferry", "CH42"),
    ],
}
# What each community's organisations are called and do.
COMMUNITY_WORDS = {
    "disabled": ("Disability", "disabled people", "health"),
    "deaf": ("Deaf", "Deaf and hard of hearing people", "language"),
    "learning_disability": ("Learning Disability", "people with learning disabilities", "social"),
    "mental_health": (
        "Mind and Wellbeing",
        "people living with mental ill health",
        "mental_health",
    ),
    "asian": ("Asian", "Asian families", "community"),
    "black": ("African Caribbean", "Black communities", "community"),
    "mixed": ("Mixed Heritage", "people of mixed heritage", "social"),
    "chinese": ("Chinese", "Chinese families and elders", "language"),
    "arab": ("Arabic-speaking", "Arab communities", "advice"),
    "gypsy_roma_traveller": ("Roma and Traveller", "Gypsy, Roma and Traveller families", "advice"),
    "refugees": ("Sanctuary", "refugees and people seeking asylum", "advice"),
    "muslim": ("Muslim", "Muslim families", "community"),
    "jewish": ("Jewish", "the Jewish community", "social"),
    "christian": ("Churches Together", "people of all faiths and none", "food"),
    "hindu_sikh": ("Hindu and Sikh", "Hindu and Sikh families", "community"),
    "lgbtq": ("Pride", "LGBTQ+ people", "social"),
    "trans": ("Trans", "trans and non-binary people", "mental_health"),
    "women": ("Women's", "women and girls", "domestic_abuse"),
    "men": ("Men's", "men", "mental_health"),
    "carers": ("Carers", "unpaid carers", "advice"),
    "older": ("Older People's", "older people", "social"),
    "young": ("Youth", "children and young people", "children_families"),
    "low_income": ("Community Pantry", "people on low incomes", "money"),
}
NOUNS = (
    "Network",
    "Circle",
    "Centre",
    "Project",
    "Group",
    "Trust",
    "Forum",
    "Collective",
    "Hub",
    "Association",
    "Club",
    "Partnership",
    "Alliance",
    "Friends",
)
LED_BY_FOR = {
    "disabled": "disabled",
    "deaf": "disabled",
    "black": "black",
    "asian": "asian",
    "refugees": "refugee",
    "women": "women",
    "lgbtq": "lgbtq",
    "trans": "lgbtq",
    "young": "young",
    "arab": "minority_ethnic",
    "chinese": "minority_ethnic",
}
LANGUAGES = {
    "asian": ["Urdu", "Bengali"],
    "chinese": ["Cantonese", "Mandarin"],
    "arab": ["Arabic"],
    "refugees": ["Arabic", "Tigrinya", "Farsi"],
    "deaf": ["British Sign Language"],
    "gypsy_roma_traveller": ["Romanian"],
    "hindu_sikh": ["Punjabi", "Gujarati"],
    "black": ["Somali"],
}
SCHEDULES = (
    "Mondays, 10am to 12 noon",
    "Tuesdays and Thursdays, 1pm to 4pm",
    "Wednesdays, 6pm to 8pm",
    "Fridays, 9:30am to 2:30pm",
    "Saturdays, 11am to 3pm",
    "By appointment, Monday to Friday",
)
ACCESSIBILITY = (
    "Step-free entrance and an accessible toilet. Hearing loop at reception.",
    "Ground floor, level access. No accessible toilet: the library next door has one.",
    "Lift to the first floor, accessible toilet, quiet room on request.",
    "Two steps at the entrance; a portable ramp is available. Please call ahead.",
)


STREETS = ("High Street", "Church Road", "Park Lane", "Victoria Street", "Market Street")
LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass
class Entry:
    """One fictional organisation, before it is inserted."""

    fields: dict[str, Any]
    terms: dict[str, list[str]]
    areas: list[str]  # ONS codes
    place: str
    services: list[tuple[str, str, str]]  # name, description, category
    schedule: str


def _entry(rng: random.Random, n: int, area_codes: list[str], now: datetime) -> Entry:
    community = rng.choice(list(COMMUNITY_WORDS))
    word, people, category = COMMUNITY_WORDS[community]
    area = area_codes[n % len(area_codes)]
    place, district = rng.choice(PLACES[area])
    name = f"{place} {word} {rng.choice(NOUNS)}"
    also = rng.sample([c for c in COMMUNITY_WORDS if c != community], k=rng.randint(0, 2))
    led = LED_BY_FOR.get(community)
    # One in eight has not been confirmed for more than a year: overdue.
    age = timedelta(days=rng.randint(380, 700) if n % 8 == 0 else rng.randint(0, 360))
    offered = [("drop-in", category), ("advice sessions", "advice"), ("social group", "social")]
    return Entry(
        fields={
            "name": name,
            "description": f"Run with and for {people} in and around {place}. We offer a "
            "welcome, practical help and a place to meet, and work with other local groups "
            "to speak up for the people we serve.",
            "kind": rng.choice(KINDS.terms).code,
            "website": f"https://example.org/{n}",
            "email": f"hello{n}@example.org",
            "phone": f"0151 496 {n % 10000:04d}",
            "address": f"{rng.randint(1, 200)} {rng.choice(STREETS)}",
            "postcode": f"{district} {rng.randint(1, 9)}{rng.choice(LETTERS)}{rng.choice(LETTERS)}",
            "accessibility": rng.choice(ACCESSIBILITY),
            "languages": ["English", *LANGUAGES.get(community, [])],
            "status": stages.LISTED,
            "last_confirmed_at": now - age,
            "created_at": now - age - timedelta(days=30),
            "updated_at": now - age,
        },
        terms={
            COMMUNITIES.key: [community, *also],
            LED_BY.key: [led] if led and rng.random() < 0.6 else [],
        },
        areas=sorted({area, rng.choice(area_codes) if rng.random() < 0.25 else area}),
        place=place,
        services=[
            (f"{word} {label}", f"{label.capitalize()} for {people}.", cat)
            for label, cat in offered[: rng.randint(1, 3)]
        ],
        schedule=rng.choice(SCHEDULES),
    )


def add_organisations(rng: random.Random, count: int) -> int:
    """``count`` fictional organisations with services, a venue and search words, inserted in
    bulk, a thousand at a time (fast enough for 32,000). Returns how many were added."""
    authorities = {a.code: a for a in db.session.scalars(select(LocalAuthority))}
    area_codes = sorted(code for code in PLACES if code in authorities)
    if not area_codes:
        return 0
    now = datetime.now(UTC)
    start = db.session.scalar(select(func.count(Organisation.id))) or 0
    for first in range(0, count, 1000):
        entries = [
            _entry(rng, start + n, area_codes, now) for n in range(first, min(count, first + 1000))
        ]
        ids = db.session.scalars(
            insert(Organisation).returning(Organisation.id, sort_by_parameter_order=True),
            [{**entry.fields, "uuid": new_uuid()} for entry in entries],
        ).all()
        _add_details(list(zip(ids, entries, strict=True)), authorities)
    return count


def _add_details(entries: list[tuple[int, Entry]], authorities: dict[str, Any]) -> None:
    """Each new organisation's classifications, areas, venue, services and search words."""
    db.session.execute(
        insert(OrganisationTerm),
        [
            {"organisation_id": org_id, "taxonomy": taxonomy, "code": code}
            for org_id, entry in entries
            for taxonomy, codes in entry.terms.items()
            for code in codes
        ],
    )
    db.session.execute(
        insert(organisation_area),
        [
            {"organisation_id": org_id, "local_authority_id": authorities[code].id}
            for org_id, entry in entries
            for code in entry.areas
        ],
    )
    venue = {org_id: f"{entry.place} Community Centre" for org_id, entry in entries}
    locations = dict(
        db.session.execute(
            insert(Location).returning(Location.organisation_id, Location.id),
            [
                {
                    "organisation_id": org_id,
                    "uuid": new_uuid(),
                    "name": venue[org_id],
                    "address": entry.fields["address"],
                    "town": entry.place,
                    "postcode": entry.fields["postcode"],
                    "accessibility": entry.fields["accessibility"],
                    **_position(entry.fields["postcode"]),
                }
                for org_id, entry in entries
            ],
        ).all()
    )
    services = db.session.execute(
        insert(Service).returning(Service.id, Service.organisation_id),
        [
            {
                "organisation_id": org_id,
                "uuid": new_uuid(),
                "name": name,
                "description": about,
                "category": category,
                "schedule": entry.schedule,
                "cost": "Free",
            }
            for org_id, entry in entries
            for name, about, category in entry.services
        ],
    ).all()
    db.session.execute(
        insert(ServiceAtLocation),
        [
            {"uuid": new_uuid(), "service_id": service_id, "location_id": locations[org_id]}
            for service_id, org_id in services
        ],
    )
    db.session.execute(
        insert(SearchText),
        [
            {
                "organisation_id": org_id,
                "name": fold(entry.fields["name"]),
                "body": search_words(
                    entry.fields["description"],
                    entry.fields["kind"],
                    entry.terms,
                    [authorities[code].name for code in entry.areas],
                    entry.fields["languages"],
                    entry.services,
                    [(venue[org_id], entry.place, entry.fields["postcode"])],
                ),
                "facets": search_facets(
                    entry.areas,
                    entry.fields["kind"],
                    entry.terms,
                    [category for _, _, category in entry.services],
                ),
            }
            for org_id, entry in entries
        ],
    )


def _position(postcode: str) -> dict[str, float | None]:
    """A venue's latitude and longitude: near its postcode district's centre (made up, as the
    venues are; engage/directory/postcodes.py)."""
    place = approximate_position(postcode)
    return {"latitude": place[0] if place else None, "longitude": place[1] if place else None}


def create_demo_organisations() -> int:
    """The demo directory (none when there are organisations already)."""
    if db.session.scalar(select(func.count(Organisation.id))):
        return 0
    added = add_organisations(random.Random(2026), DEMO_COUNT)  # noqa: S311 - fictional data
    from engage.directory.opportunities.demo import create_demo_opportunities

    create_demo_opportunities()  # two opportunities, for the organisations just made
    return added
