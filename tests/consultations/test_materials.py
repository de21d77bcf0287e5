"""A consultation's documents and events: officers add files (checked like every upload) or
links (a BSL video must be a link), and events with their accessibility; residents download
documents only once the consultation has opened."""

from __future__ import annotations

import io

import pytest

from engage.consultations.materials.models import ConsultationDocument, ConsultationEvent
from engage.core.dates import UK
from engage.core.db import db
from tests.conftest import csrf_token
from tests.factories.consultation_materials import PDF, ConsultationDocumentFactory
from tests.factories.consultations import ConsultationFactory
from tests.panels.helpers import login


@pytest.fixture
def consultation(app):
    with app.app_context():
        return ConsultationFactory(title="Bus routes").id


@pytest.fixture
def officer(app, make_user):
    return login(app, make_user(roles=["officer"]))


def _post(client, url: str, data: dict, page: str | None = None):
    token = csrf_token(client.get(page or url))
    return client.post(url, data={"csrf_token": token, **data}, content_type="multipart/form-data")


def test_an_officer_adds_a_file_and_a_bsl_link(app, consultation, officer):
    url = f"/admin/consultations/{consultation}/documents"
    added = _post(officer, url, {"title": "Easy Read guide", "format": "easy_read",
                                 "file": (io.BytesIO(PDF), "guide.pdf"), "link": ""})  # fmt: skip
    assert added.status_code == 302
    video = _post(officer, url, {"title": "The plan in BSL", "format": "bsl_video",
                                 "link": "https://video.example/bsl"})  # fmt: skip
    assert video.status_code == 302
    page = officer.get(url).get_data(as_text=True)
    assert "Easy Read guide" in page and "Easy Read version" in page and "guide.pdf" in page
    with app.app_context():
        stored = db.session.query(ConsultationDocument).order_by(ConsultationDocument.id).all()
        assert [d.format for d in stored] == ["easy_read", "bsl_video"]
        assert stored[0].content == PDF and stored[1].link == "https://video.example/bsl"
        file_id = stored[0].id
    download = officer.get(f"{url}/{file_id}")
    assert download.data == PDF
    assert "attachment" in download.headers["Content-Disposition"]
    assert _post(officer, f"{url}/{file_id}/remove", {}, page=url).status_code == 302
    with app.app_context():
        assert [d.title for d in db.session.query(ConsultationDocument)] == ["The plan in BSL"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "Plan", "format": "standard", "link": ""}, "Upload a file or give a link"),
        (
            {"title": "Plan", "format": "standard", "link": "javascript:alert(1)"},
            "starting https://",
        ),
        (
            {
                "title": "Plan",
                "format": "standard",
                "link": "https://x.example/plan",
                "file": (io.BytesIO(PDF), "plan.pdf"),
            },
            "not both",
        ),
        (
            {"title": "Plan", "format": "bsl_video", "file": (io.BytesIO(PDF), "plan.pdf")},
            "A BSL video must be a link",
        ),
        (
            {"title": "Plan", "format": "standard", "file": (io.BytesIO(b"<html>"), "plan.pdf")},
            "not a real PDF",
        ),
        ({"title": "", "format": "standard", "link": "https://x.example"}, "Enter the document"),
    ],
)
def test_a_document_is_checked(app, consultation, officer, data, message):
    response = _post(officer, f"/admin/consultations/{consultation}/documents", data)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert message in body and "govuk-error-summary" in body
    with app.app_context():
        assert db.session.query(ConsultationDocument).count() == 0


def test_residents_download_documents_only_once_it_has_opened(app, consultation, client):
    with app.app_context():
        document = ConsultationDocumentFactory(consultation_id=consultation).id
    url = f"/consultations/{consultation}/documents/{document}"
    assert client.get(url).status_code == 404  # a draft
    with app.app_context():
        db.session.get(ConsultationDocument, document)
        from engage.consultations.models import Consultation

        db.session.get(Consultation, consultation).status = "open"
        db.session.commit()
    assert client.get(url).data == PDF


def test_an_officer_adds_changes_and_removes_an_event(app, consultation, officer):
    url = f"/admin/consultations/{consultation}/events"
    event = {"title": "Online session", "day": ["3", "3", "2027"],
             "start_time": "6pm", "end_time": "19:30", "mode": "online", "where": "",
             "how_to_join": "Join on Teams: https://teams.example/x",
             "accessibility": "Live captions and a BSL interpreter."}  # fmt: skip
    assert _post(officer, url, event).status_code == 302
    with app.app_context():
        saved = db.session.query(ConsultationEvent).one()
        assert saved.starts_at.astimezone(UK).strftime("%d %m %Y %H:%M") == "03 03 2027 18:00"
        assert saved.ends_at.astimezone(UK).strftime("%H:%M") == "19:30"
        event_id = saved.id
    page = officer.get(url).get_data(as_text=True)
    assert "3 March 2027 at 6:00pm to 7:30pm" in page
    change = f"{url}/{event_id}"
    assert 'value="Online session"' in officer.get(change).get_data(as_text=True)
    assert _post(officer, change, {**event, "title": "Evening session"}).status_code == 302
    with app.app_context():
        assert db.session.query(ConsultationEvent).one().title == "Evening session"
    assert _post(officer, f"{change}/remove", {}, page=url).status_code == 302
    with app.app_context():
        assert db.session.query(ConsultationEvent).count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"mode": "in_person", "where": ""}, "Enter where the event is"),
        ({"end_time": "5pm"}, "The end time must be after the start time"),
        ({"start_time": "25:00"}, "Enter the start time like"),
        ({"accessibility": ""}, "Say how the event is accessible"),
    ],
)
def test_an_event_is_checked(app, consultation, officer, changes, message):
    event = {"title": "Session", "day": ["3", "3", "2027"],
             "start_time": "6pm", "end_time": "7pm", "mode": "online", "where": "",
             "how_to_join": "Teams", "accessibility": "Captions."}  # fmt: skip
    response = _post(officer, f"/admin/consultations/{consultation}/events", {**event, **changes})
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(ConsultationEvent).count() == 0


def test_only_officers_manage_documents_and_events(app, consultation, make_user):
    resident = login(app, make_user())
    for url in (f"/admin/consultations/{consultation}/documents",
                f"/admin/consultations/{consultation}/events"):  # fmt: skip
        assert resident.get(url).status_code == 403
        assert resident.post(url, data={}).status_code in (400, 403)
