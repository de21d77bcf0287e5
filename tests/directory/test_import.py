"""Officers importing organisations from an Open Referral UK file: the validator's own mock
feeds import; the preview says what would be added, changed (field by field) and left alone,
and what cannot be imported and why; importing does exactly that, once, and importing the
same file again changes nothing; only the officer who uploaded a file can import it, and an
entry changed since the preview is not overwritten unseen."""

from __future__ import annotations

import io
import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from engage.core.audit import AuditEvent
from engage.core.db import db, utcnow
from engage.directory.importing.models import DirectoryImport
from engage.directory.models import Location, Organisation, SearchText, Service
from engage.directory.taxonomy import CATEGORIES, COMMUNITIES, KINDS, term_uuid
from tests.conftest import csrf_token
from tests.factories.directory import ChangeRequestFactory, OrganisationFactory
from tests.panels.helpers import login
from tests.recruitment.helpers import ensure_reference_data

FEEDS = Path(__file__).parent / "oruk_feeds"
UPLOAD = "/admin/directory/import/"
MOCK_ORGANISATION = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
MOCK_SERVICE = "ac148810-d857-441c-9679-408f346de14b"
UUIDS = [f"00000000-0000-4000-8000-{n:012d}" for n in range(1, 40)]


def upload(client, content: bytes | str, filename: str = "feed.json"):
    token = csrf_token(client.get(UPLOAD))
    data = content.encode() if isinstance(content, str) else content
    return client.post(
        UPLOAD,
        data={"csrf_token": token, "file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def preview_url(response) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response.headers["Location"]


def confirm(client, url: str, fingerprint: str | None = None):
    page = client.get(url).get_data(as_text=True)
    if fingerprint is None:
        fingerprint = re.search(r'name="fingerprint" type="hidden" value="([^"]*)"', page)
        fingerprint = fingerprint.group(1) if fingerprint else ""
    return client.post(url, data={"csrf_token": csrf_token(client.get(UPLOAD)),
                                  "fingerprint": fingerprint})  # fmt: skip


def text(response) -> str:
    return response.get_data(as_text=True)


def section(page: str, heading: str) -> str:
    """The preview's part under ``heading`` (up to the next h2)."""
    start = page.index(heading)
    end = page.find('<h2 class="govuk-heading-m"', start + 1)
    return page[start : end if end > 0 else None]


def organisation(uuid: str, name: str, **fields) -> dict:
    return {"id": uuid, "name": name, "description": fields.pop("description", "We help."),
            **fields}  # fmt: skip


@pytest.fixture
def officer(app, make_user):
    ensure_reference_data(app)
    return login(app, make_user(roles=["officer"], full_name="Olu Officer"))


def test_the_validators_mock_feeds_import(app, officer):
    single = upload(officer, (FEEDS / "organization.json").read_bytes(), "organization.json")
    page = text(officer.get(preview_url(single)))
    new = section(page, "New organisations (1)")
    assert "Example Organization Inc." in new and "1 service, 1 venue" in new
    assert "no service category of ours" in new and "Community spaces and activities" in new
    assert "not a place on Earth" in new  # its latitude is 100
    assert "1 January 2005 (assured date)" in new
    assert confirm(officer, preview_url(single)).status_code == 302
    with app.app_context():
        found = db.session.scalars(select(Organisation)).one()
        assert (found.uuid, found.status, found.kind) == (
            MOCK_ORGANISATION,
            "listed",
            "community_group",
        )
        assert found.last_confirmed_at.date().isoformat() == "2005-01-01"  # the assured date
        service = db.session.scalars(select(Service)).one()
        assert (service.uuid, service.name, service.category) == (
            MOCK_SERVICE,
            "Community Counselling",
            "community",
        )
        assert service.cost == "Under 18s and Over 60s: £35 per 1 hour session"
        assert [p.name for p in service.locations] == ["MyCity Civic Center"]
        assert db.session.scalar(select(Location.latitude)) is None
    # The same organisation and service as a service record: nothing new.
    again = upload(officer, (FEEDS / "service_full.json").read_bytes(), "service_full.json")
    page = text(officer.get(preview_url(again)))
    assert "New organisations (0)" in page and "Entries that would change (0)" in page
    assert "Example Organization Inc." in section(page, "Already up to date (1)")
    assert "Import these" not in page
    # The list names the same id as another organisation: a change; nine are new.
    listed = upload(officer, (FEEDS / "organization_list.json").read_bytes())
    page = text(officer.get(preview_url(listed)))
    changed = section(page, "Entries that would change (1)")
    assert "<del>Example Organization Inc.</del>" in changed
    assert "<ins>Global Outreach Initiative</ins>" in changed
    assert "City Tech Academy" in section(page, "New organisations (9)")
    assert confirm(officer, preview_url(listed)).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count(Organisation.id))) == 10
        assert db.session.scalar(select(func.count(Service.id))) == 1  # kept, not in the list


def test_the_preview_tells_new_changed_and_unchanged_apart(app, officer, make_user):
    with app.app_context():
        same = OrganisationFactory(uuid=UUIDS[0], name="Same Group", description="We help.",
                                   email="", kind="charity")  # fmt: skip
        other = OrganisationFactory(uuid=UUIDS[1], name="Old Name", description="We help.",
                                    email="old@example.org", phone="0151 000 0000")  # fmt: skip
        ChangeRequestFactory(organisation_id=other.id)  # an editor's, waiting for review
    feed = [
        organisation(UUIDS[0], "Same Group"),
        organisation(UUIDS[1], "New Name", email="new@example.org",
                     phones=[{"id": UUIDS[9], "number": "0151 496 0001"}]),
        organisation(UUIDS[2], "Brand New Group", locations=[{
            "id": UUIDS[3], "location_type": "physical", "name": "Hall",
            "addresses": [{"id": UUIDS[4], "address_1": "1 High St", "city": "Bootle",
                           "postal_code": "l20 1aa", "address_type": "physical",
                           "state_province": "", "country": "GB"}]}]),
    ]  # fmt: skip
    page = text(officer.get(preview_url(upload(officer, json.dumps(feed)))))
    assert "Brand New Group" in section(page, "New organisations (1)")
    changed = section(page, "Entries that would change (1)")
    assert "<del>Old Name</del>" in changed and "<ins>New Name</ins>" in changed
    assert "<del>old@example.org</del>" in changed and "<ins>0151 496 0001</ins>" in changed
    assert "Same Group" not in changed
    assert "An editor's changes to this entry are waiting for review" in changed
    assert "Same Group" in section(page, "Already up to date (1)")
    assert "Needs confirming" in page  # no assured date in the file
    with app.app_context():
        assert db.session.get(Organisation, other.id).name == "Old Name"  # not yet
        assert db.session.get(Organisation, same.id).kind == "charity"


def test_importing_adds_and_changes_once_and_again_changes_nothing(app, officer):
    with app.app_context():
        OrganisationFactory(uuid=UUIDS[1], name="Old Name", kind="charity",
                            last_confirmed_at=utcnow() - timedelta(days=30))  # fmt: skip
    category = {"id": UUIDS[20], "taxonomy_term": {"id": term_uuid(CATEGORIES.key, "food"),
                                                   "name": "Food and essentials"}}  # fmt: skip
    carers = {"id": UUIDS[21], "taxonomy_term": {"id": term_uuid(COMMUNITIES.key, "carers"),
                                                 "name": "Unpaid carers"}}  # fmt: skip
    cic = {"id": UUIDS[22], "taxonomy_term": {"id": term_uuid(KINDS.key, "cic"), "name": "CIC"}}
    feed = {"total_items": 2, "contents": [
        organisation(UUIDS[1], "New Name"),
        organisation(UUIDS[2], "Bootle Pantry", description="Food for <b>everyone</b> &amp; all",
                     attributes=[cic], services=[{
                         "id": UUIDS[5], "name": "Pantry", "status": "active",
                         "attributes": [category, carers],
                         "languages": [{"id": UUIDS[6], "name": "Urdu"}],
                         "schedules": [{"id": UUIDS[7], "description": "Fridays"}],
                         "service_at_locations": [{"id": UUIDS[8], "location": {
                             "id": UUIDS[3], "location_type": "physical", "name": "Hall",
                             "addresses": [{"id": UUIDS[4], "address_1": "1 High St",
                                            "city": "Bootle", "postal_code": "L20 1AA",
                                            "address_type": "physical"}]}}]}]),
    ]}  # fmt: skip
    url = preview_url(upload(officer, json.dumps(feed)))
    assert "HTML tags were taken out" in text(officer.get(url))
    done = confirm(officer, url)
    assert done.status_code == 302
    assert "1 organisations added and 1 changed" in text(officer.get(done.headers["Location"]))
    with app.app_context():
        new = db.session.scalars(select(Organisation).where(Organisation.uuid == UUIDS[2])).one()
        assert new.description == "Food for everyone & all"  # words kept, tags taken out
        assert (new.kind, new.codes("community"), new.languages) == ("cic", ["carers"], ["Urdu"])
        assert (new.address, new.postcode, [a.code for a in new.areas]) == (
            "1 High St",
            "L20 1AA",
            ["E08000014"],
        )
        assert new.last_confirmed_at is None  # an import is not the organisation confirming
        assert (new.services[0].category, new.services[0].schedule) == ("food", "Fridays")
        changed = db.session.scalars(
            select(Organisation).where(Organisation.uuid == UUIDS[1])
        ).one()
        assert (changed.name, changed.kind) == ("New Name", "charity")  # kind not in the file
        actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
        assert {"directory_entry_imported", "directory_entry_updated_by_import"} <= set(actions)
        assert db.session.scalar(select(func.count()).select_from(SearchText)) == 2
    found = app.test_client().get("/directory/?q=pantry").get_data(as_text=True)
    assert "Bootle Pantry" in found
    # Pressing the button again imports nothing more; so does uploading the file again.
    assert "already been imported" in text(confirm(officer, url, fingerprint="x"))
    page = text(officer.get(preview_url(upload(officer, json.dumps(feed)))))
    assert "New organisations (0)" in page and "Entries that would change (0)" in page
    assert "Already up to date (2)" in page
    with app.app_context():
        assert db.session.scalar(select(func.count(Organisation.id))) == 2
        assert db.session.scalar(select(func.count(Service.id))) == 1


def test_bad_files_are_refused_with_a_reason(app, officer):
    cases = {
        ("feed.csv", b"id,name"): "must be a JSON file (.json)",
        ("feed.json", b""): "The selected file is empty",
        ("feed.json", b"{not json"): "is not valid JSON (line 1)",
        ("feed.json", b"\xff\xfe{}"): "is not JSON text (it must be UTF-8)",
        ("feed.json", b'{"version": "HSDS-UK-3.0"}'): "is not an Open Referral UK list",
        ("feed.json", b'"a string"'): "is not an Open Referral UK list",
        ("feed.json", b'{"contents": []}'): "lists no organisations",
        ("feed.json", b"[" * 100_000): "is not valid JSON",
        ("feed.json", json.dumps([organisation(f"{n:08d}-0000-4000-8000-000000000000", "x")
                                  for n in range(1001)]).encode()): "1,001 organisations",
    }  # fmt: skip
    for (filename, content), message in cases.items():
        response = upload(officer, content, filename)
        assert response.status_code == 200, filename
        assert message in text(response), (filename, content[:30])
        assert "govuk-error-summary" in text(response)
    assert "Select a file" in text(
        officer.post(UPLOAD, data={"csrf_token": csrf_token(officer.get(UPLOAD))})
    )
    with app.app_context():
        assert db.session.scalar(select(func.count(DirectoryImport.id))) == 0


def test_hostile_organisations_are_refused_one_by_one(app, officer):
    feed = [
        organisation(UUIDS[0], "Fine Group"),
        {"id": UUIDS[1], "description": "No name"},
        organisation(UUIDS[2], "<script>alert(1)</script>"),
        organisation(UUIDS[3], "Long Group", description="x" * 5001),
        organisation(UUIDS[4], 12345),
        organisation(UUIDS[5], "Typed Group", email=["a@b.c"]),
        organisation("not-a-uuid", "Odd Id Group"),
        organisation(UUIDS[6], "Listy Group", services={"id": UUIDS[7]}),
        organisation(UUIDS[8], "N" * 300),
        organisation(UUIDS[0], "Fine Group twice"),
        "just text",
        organisation(UUIDS[9], "Bad Links Group", website="javascript:alert(1)", email="nope"),
        organisation(UUIDS[10], "Hidden\x00 Characters\u202e Group"),
    ]
    response = officer.get(preview_url(upload(officer, json.dumps(feed))))
    page = text(response)
    new = section(page, "New organisations (3)")
    assert "Fine Group" in new and "Bad Links Group" in new
    assert "Hidden Characters\u202e Group" in new  # the NUL taken out
    assert "Website: not a web address starting https://" in page
    refused = section(page, "Cannot be imported (10)")
    for words in ("It has no name.", "Its description is 5,001 characters long: the directory keeps up to 5,000",  # noqa: E501
                  "Its name must be text, not a number", "Its email address must be text, not a list",  # noqa: E501
                  "id is not a UUID", "Its services must be a list of objects", "Its name is 300 characters long",  # noqa: E501
                  "in the file twice", "It is text, not an organisation object"):  # fmt: skip
        assert words in refused, words
    assert "Long Group" in refused and "Odd Id Group" in refused
    assert "<script>alert(1)</script>" not in page  # stripped of its tags: no name left
    assert "Import these (3)" in page
    assert confirm(officer, preview_url(upload(officer, json.dumps(feed)))).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count(Organisation.id))) == 3


def test_a_page_of_services_gathers_them_by_organisation(app, officer):
    owner = {"id": UUIDS[0], "name": "Owner Group", "description": "We help."}
    feed = {"contents": [
        {"id": UUIDS[1], "name": "Drop-in", "status": "active", "organization": owner},
        {"id": UUIDS[2], "name": "Lunch club", "status": "active", "organization": owner},
        {"id": UUIDS[3], "name": "Orphan service", "status": "active", "organization": None},
    ]}  # fmt: skip
    page = text(officer.get(preview_url(upload(officer, json.dumps(feed)))))
    assert "2 services, 0 venues" in section(page, "New organisations (1)")
    refused = section(page, "Cannot be imported (1)")
    assert "Orphan service" in refused and "This service names no organisation" in refused


def test_only_the_officer_who_uploaded_it_sees_and_imports_it(app, officer, make_user):
    url = preview_url(upload(officer, json.dumps([organisation(UUIDS[0], "Mine")])))
    other = login(app, make_user(roles=["officer"]))
    assert other.get(url).status_code == 403
    token = csrf_token(other.get(UPLOAD))
    assert other.post(url, data={"csrf_token": token, "fingerprint": "x"}).status_code == 403
    resident = login(app, make_user())
    assert resident.get(UPLOAD).status_code == 403
    assert resident.get(url).status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count(Organisation.id))) == 0
    assert confirm(officer, url).status_code == 302


def test_an_entry_changed_since_the_preview_is_not_overwritten_unseen(app, officer):
    with app.app_context():
        entry = OrganisationFactory(uuid=UUIDS[1], name="Old Name")
    url = preview_url(upload(officer, json.dumps([organisation(UUIDS[1], "New Name")])))
    seen = re.search(r'name="fingerprint" type="hidden" value="([^"]*)"', text(officer.get(url)))
    with app.app_context():
        db.session.get(Organisation, entry.id).name = "Changed Meanwhile"
        db.session.commit()
    stale = confirm(officer, url, fingerprint=seen.group(1))
    assert "The directory has changed since you saw this preview" in text(stale)
    assert "<del>Changed Meanwhile</del>" in text(stale)
    with app.app_context():
        assert db.session.get(Organisation, entry.id).name == "Changed Meanwhile"
        db.session.get(DirectoryImport, int(url.rsplit("/", 1)[1])).created_at = (
            utcnow() - timedelta(days=2)
        )
        db.session.commit()
    assert "more than a day old" in text(confirm(officer, url))


def demo_as_oruk(app) -> bytes:
    """The demo directory as an Open Referral UK list of organizations, written here (not by
    the API) the obvious way: what an export of our own would hold."""
    from engage.directory.api import create_demo_organisations
    from engage.directory.models import ServiceAtLocation

    with app.app_context():
        create_demo_organisations()
        db.session.commit()
        places = {p.id: p for p in db.session.scalars(select(Location))}
        runs = {}
        for service_id, location_id in db.session.execute(
            select(ServiceAtLocation.service_id, ServiceAtLocation.location_id)
        ):
            runs.setdefault(service_id, []).append(places[location_id])
        contents = []
        for o in db.session.scalars(select(Organisation)):
            terms = [(KINDS.key, o.kind)] + [(t.taxonomy, t.code) for t in o.terms]
            contents.append({
                "id": o.uuid, "name": o.name, "description": o.description, "email": o.email,
                "website": o.website, "phones": [{"id": UUIDS[0], "number": o.phone}],
                "services": [{
                    "id": s.uuid, "name": s.name, "description": s.description, "status": s.status,
                    "attributes": [{"id": UUIDS[1], "taxonomy_term": {"id": term_uuid(key, code), "name": code}}  # noqa: E501
                                   for key, code in [(CATEGORIES.key, s.category), *terms]],
                    "languages": [{"id": UUIDS[2], "name": name} for name in o.languages],
                    "schedules": [{"id": UUIDS[3], "description": s.schedule}],
                    "cost_options": [{"id": UUIDS[4], "option": s.cost}],
                    "service_at_locations": [{"id": UUIDS[5], "location": {
                        "id": p.uuid, "location_type": "physical", "name": p.name,
                        **({"latitude": p.latitude, "longitude": p.longitude}
                           if p.latitude is not None else {}),
                        "accessibility": [{"id": UUIDS[6], "description": p.accessibility}],
                        "addresses": [{"id": UUIDS[7], "address_1": p.address, "city": p.town,
                                       "postal_code": p.postcode, "address_type": "physical"}]}}
                        for p in runs.get(s.id, [])],
                } for s in o.services],
            })  # fmt: skip
    return json.dumps({"total_items": len(contents), "contents": contents}).encode()


def test_the_demo_directory_as_a_feed_is_already_up_to_date(app, officer):
    # How fast the preview is, is kept by the query count below and by make bench, not by a
    # timer here: a timer failed on a busy machine (1.52 s against 1.5 s) and proved nothing.
    feed = demo_as_oruk(app)
    page = text(officer.get(preview_url(upload(officer, feed))))
    assert "Already up to date (320)" in page, section(page, "Entries that would change")[:3000]
    assert "And 270 more not shown here." in page  # 50 rows a part


def test_the_preview_makes_the_same_few_queries_for_a_small_and_a_large_file(app, officer):
    from tests.policies.helpers import count_queries

    def feed(size: int) -> str:
        return json.dumps([organisation(f"{n:08d}-0000-4000-8000-000000000001", f"Group {n}",
                                        services=[{"id": f"{n:08d}-0000-4000-8000-000000000002",
                                                   "name": "Drop-in", "status": "active"}])
                           for n in range(size)])  # fmt: skip

    def previewed_again(size: int) -> str:
        """A preview of organisations all in the directory already (each with a service)."""
        confirm(officer, preview_url(upload(officer, feed(size))))
        return preview_url(upload(officer, feed(size)))

    small, large = previewed_again(2), previewed_again(60)
    counts = [count_queries(app, officer, url) for url in (small, large)]
    assert counts[0] == counts[1] <= 12, counts
