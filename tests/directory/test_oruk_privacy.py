"""Only listed organisations, and what belongs to them, go out through the Open Referral UK
API: never an editor's email or any other person's data, claims, changes waiting for review,
reports, or suggested and removed organisations (nor their services and venues)."""

from __future__ import annotations

from sqlalchemy import select

from engage.core.db import db
from engage.directory import claims, editing, reports
from engage.directory.models import Organisation
from tests.directory.oruk_scene import make_directory
from tests.factories import UserFactory
from tests.factories.directory import (
    LocationFactory,
    OrganisationFactory,
    ServiceAtLocationFactory,
)

API = "/api/oruk"
SECRETS = {
    "editor's email": "editor.secret@private.example",
    "claimant's email": "claimant.secret@private.example",
    "claimant's role": "Treasurer-zq7",
    "pending change": "Pending-value-xk93",
    "change note": "Note-to-officer-vv12",
    "report": "Report-text-jj44",
    "reporter's email": "reporter.secret@private.example",
    "suggested organisation": "Suggested-org-qq51",
    "suggested service": "Suggested-service-qq52",
    "removed organisation": "Removed-org-rr61",
    "removed service": "Removed-service-rr62",
    "removed venue": "Removed-venue-rr63",
    "editor's name": "Edwina Secretname",
}


def hidden_records(app, listed_uuid: str) -> list[str]:
    """The scenario around one listed organisation; returns the hidden records' UUIDs."""
    hidden = []
    with app.app_context():
        organisation = db.session.scalars(
            select(Organisation).where(Organisation.uuid == listed_uuid)
        ).one()
        editor = UserFactory(email=SECRETS["editor's email"], full_name=SECRETS["editor's name"])
        from engage.accounts.api import grant_role

        grant_role(editor, "organisation_editor", scope_type="organisation",
                   scope_id=organisation.id)  # fmt: skip
        values = {**editing.entry_values(organisation), "description": SECRETS["pending change"]}
        editing.propose_change(organisation, editor, values, SECRETS["change note"])
        claimant = UserFactory(email=SECRETS["claimant's email"])
        claims.claim_by_officer(organisation, claimant, SECRETS["claimant's role"])
        reports.report_entry(organisation, SECRETS["report"], SECRETS["reporter's email"])
        for status, name, service in (
            ("suggested", SECRETS["suggested organisation"], SECRETS["suggested service"]),
            ("removed", SECRETS["removed organisation"], SECRETS["removed service"]),
        ):
            other = OrganisationFactory(
                name=name, status=status, services=[(service, "advice")],
                email=f"{status}@private.example",
            )  # fmt: skip
            place = LocationFactory(
                organisation_id=other.id, name=SECRETS["removed venue"], postcode="L8 1AB",
                latitude=53.39, longitude=-2.965,
            )  # fmt: skip
            link = ServiceAtLocationFactory(service_id=other.services[0].id, location_id=place.id)
            hidden += [other.uuid, other.services[0].uuid, link.uuid]
        db.session.commit()
    return hidden


def test_nothing_private_or_unlisted_goes_out(app, client):
    directory = make_directory(app)
    hidden = hidden_records(app, directory["carers"]["organisation"])
    lists = [
        "/", "/openapi.json", "/organizations", "/services", "/service_at_locations",
        "/service_at_locations?postcode=L8&proximity=100000", "/taxonomies", "/taxonomy_terms",
        "/services?search=secret", "/services?search=removed", "/organizations?search=suggested",
    ]  # fmt: skip
    answers = []
    for url in lists:
        response = client.get(f"{API}{url}{'&' if '?' in url else '?'}per_page=100")
        assert response.status_code == 200, url
        answers.append(response.get_data(as_text=True))
        document = response.get_json()
        for item in document.get("contents", []) if isinstance(document, dict) else []:
            kind = url.split("?")[0].strip("/")
            if kind in ("organizations", "services", "service_at_locations", "taxonomy_terms"):
                detail = client.get(f"{API}/{kind}/{item['id']}")
                assert detail.status_code == 200
                answers.append(detail.get_data(as_text=True))
    everything = "\n".join(answers)
    assert directory["carers"]["name"] in everything  # the walk did read the listed ones
    assert len(answers) > 30
    leaked = [what for what, value in SECRETS.items() if value in everything]
    assert leaked == []
    assert "@private.example" not in everything
    for record in hidden:  # nor can they be asked for by id
        assert record not in everything
        for kind in ("organizations", "services", "service_at_locations"):
            assert client.get(f"{API}/{kind}/{record}").status_code == 404
